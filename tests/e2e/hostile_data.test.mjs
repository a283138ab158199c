// Files participants really bring, used by clicks in the tab: a Windows-1252 CSV picked with the
// file button (accented names survive, the note is on screen), the task chosen in the Data module,
// a PNG dropped by mistake, and a run that would need ~2 GB refused with its estimate while the
// tab stays usable.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, freshProfileDir, openLab, cmd, waitFor, siteForThisFile } from './browser.mjs';
import { click, screenshot, waitFrames, scrollIntoView } from './ui.mjs';
import { choose as chooseInDropdown } from './journey_helpers.mjs';
import { rmSync } from 'node:fs';

const site = siteForThisFile();

// Windows-1252 bytes: é = E9, ü = FC, ö = F6, ß = DF, € = 80.
const cp1252 = (s) => Buffer.from([...s].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));

function kundenCsv() {
  let csv = 'Kundenname,Straße,Umsatz €,Stadt,label\n';
  const names = ['José', 'Müller', 'Zoë', 'François', 'Jürgen'];
  for (let i = 0; i < 200; i++)
    csv += `${names[i % 5]} ${i},Hauptstraße ${i % 7},${(i * 7) % 50}.5,${i % 3 ? 'Köln' : 'Zürich'},${i % 50}\n`;
  return cp1252(csv);
}

const dropBytes = (page, name, bytes) =>
  page.evaluate(([n, b]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], n));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, [...bytes]]);

// Combos carry no label in ImGui 1.86's item hooks (BeginCombo reports no ItemInfo), so ui.items
// cannot find them yet: their choice goes through the command the combo issues.
async function choose(page, command) {
  const reply = await cmd(page, command);
  await waitFrames(page, 2);
  return reply;
}

test('a Windows-1252 CSV picked with the file button imports with the note; the task choice and its reason', async () => {
  const context = await launch(freshProfileDir('hostile-cp1252'), { width: 1280, height: 720 });
  const { page, errors } = await openLab(context, site.url);
  await waitFrames(page, 2);

  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), click(page, 'Import CSV file...')]);
  await chooser.setFiles({ name: 'kunden.csv', mimeType: 'text/csv', buffer: kundenCsv() });
  const status = await waitFor(page, { cmd: 'ui.import_status' }, (r) => r.message !== '', { what: 'import message' });
  assert.equal(status.failed, false, status.message);
  assert.match(status.message, /Imported kunden\.csv: 200 rows x 5 columns\. Note: read as Windows-1252; \d+ characters converted\./);
  await waitFrames(page, 2);
  // The accented names arrive intact (not as U+FFFD), and the note is on screen.
  const schema = await cmd(page, { cmd: 'data.schema' });
  assert.deepEqual(schema.columns.map((c) => c.name), ['Kundenname', 'Straße', 'Umsatz €', 'Stadt', 'label']);
  assert.deepEqual(schema.columns.find((c) => c.name === 'Stadt').categories, ['Köln', 'Zürich']);
  const summary = await cmd(page, { cmd: 'data.summary' });
  assert.match(summary.import_note, /^read as Windows-1252; \d+ characters converted$/);
  await screenshot(page, 'hostile-cp1252-imported-1280');  // the import message with the note
  await scrollIntoView(page, 'Download as CSV', { window: 'panel' });
  await screenshot(page, 'hostile-cp1252-task-1280');  // the schema with the names, the task and why

  // 50 whole numbers: the rule says regression, and says why; the participant makes it classes.
  assert.equal(summary.task, 'regression');
  assert.equal(summary.task_reason, '50 distinct whole numbers (more than 10): treated as regression');
  await choose(page, { cmd: 'data.set_task', task: 'multiclass' });
  const chosen = await cmd(page, { cmd: 'data.summary' });
  assert.equal(chosen.task, 'multiclass');
  assert.equal(chosen.task_choice, 'multiclass');
  assert.match(chosen.task_reason, /^chosen: multiclass \(the automatic choice: 50 distinct whole numbers/);
  await screenshot(page, 'hostile-task-chosen-1280');
  // The Train module follows the choice (its screen says "a multiclass task").
  await click(page, 'Train', { window: 'nav' });
  await waitFrames(page, 2);
  await screenshot(page, 'hostile-task-train-1280');
  await click(page, 'Data', { window: 'nav' });
  // An impossible choice is refused with the reason, in place, and changes nothing.
  const refused = await choose(page, { cmd: 'data.set_task', task: 'binary' });
  assert.match(refused.error, /binary classification needs exactly 2 classes; the target 'label' has 50/);
  assert.equal((await cmd(page, { cmd: 'data.summary' })).task_choice, 'multiclass');
  await page.setViewportSize({ width: 800, height: 600 });
  await waitFrames(page, 3);
  await scrollIntoView(page, 'Download as CSV', { window: 'panel' });
  await screenshot(page, 'hostile-task-800');

  // A PNG dropped by mistake is refused by what it is; the dataset stays.
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
  await dropBytes(page, 'chart.png', png);
  const bad = await waitFor(page, { cmd: 'ui.import_status' }, (r) => r.failed, { what: 'refusal' });
  assert.match(bad.message, /Could not import chart\.png: this file looks like a PNG image, not a CSV text file/);
  assert.equal((await cmd(page, { cmd: 'data.schema' })).columns.length, 5);
  await scrollIntoView(page, 'Import CSV file...', { window: 'panel' });
  await screenshot(page, 'hostile-png-refused-800');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a run that would need ~2 GB is refused in the tab with its estimate, and the tab stays usable', async () => {
  const context = await launch(freshProfileDir('hostile-2gb'), { width: 1280, height: 720 });
  const { page, errors } = await openLab(context, site.url);
  await waitFrames(page, 2);
  // 12 rows x 11,000 numeric columns: Newton's 11,000 x 11,000 Hessian and its factor are ~1.9 GB.
  const cols = 11000;
  let csv = Array.from({ length: cols }, (_, c) => `f${c}`).join(',') + ',target\n';
  for (let r = 0; r < 12; r++) csv += Array.from({ length: cols }, (_, c) => (r * 31 + c * 17) % 97).join(',') + `,${r % 2}\n`;
  await dropBytes(page, 'wide.csv', Buffer.from(csv));
  const status = await waitFor(page, { cmd: 'ui.import_status' }, (r) => r.message !== '', { what: 'import', timeout: 60000 });
  assert.equal(status.failed, false, status.message);
  await waitFrames(page, 2);
  assert.equal((await cmd(page, { cmd: 'ui.draw_error' })).message, '', 'the Data module draws 11,001 columns');

  await click(page, 'Train', { window: 'nav' });  // logistic regression is the default learner
  // auto would pick L-BFGS for this shape; the participant insists on Newton.
  await chooseInDropdown(page, 'solver', 'newton');
  const estimate = await cmd(page, { cmd: 'train.estimate', algo: 'logistic_regression', params: { solver: 'newton' } });
  assert.equal(estimate.fits, false);
  assert.ok(estimate.memory_mb > 1800 && estimate.memory_mb < 2100, JSON.stringify(estimate));
  const runsBefore = (await cmd(page, { cmd: 'runs.list' })).runs.length;
  await click(page, 'Train', { window: 'panel', exact: true });
  assert.equal((await cmd(page, { cmd: 'train.status' })).state, 'idle', 'the job was not started');
  assert.equal((await cmd(page, { cmd: 'runs.list' })).runs.length, runsBefore, 'nothing was written');
  // The refusal on screen: "this run would need about 1.9 GB of memory ... more than the 1.6 GB
  // available here, so it was not started. To fit: use solver lbfgs ..."
  await screenshot(page, 'hostile-2gb-refused-1280');

  // The tab is still usable: the lighter solver trains on the same data.
  const lbfgs = await cmd(page, { cmd: 'train.start', algo: 'logistic_regression', params: { solver: 'lbfgs', max_iter: 30 } });
  assert.equal(lbfgs.ok, true, JSON.stringify(lbfgs).slice(0, 300));
  const done = await waitFor(page, { cmd: 'train.status' }, (r) => r.state === 'done' || r.state === 'failed', { what: 'run', timeout: 120000 });
  assert.equal(done.state, 'done', JSON.stringify(done).slice(0, 400));
  await click(page, 'Data', { window: 'nav' });
  await waitFrames(page, 2);
  assert.equal((await cmd(page, { cmd: 'ui.draw_error' })).message, '');
  await screenshot(page, 'hostile-wide-data-1280');  // "Showing the first 63 of 11001 columns"
  await page.setViewportSize({ width: 800, height: 600 });
  await click(page, 'Train', { window: 'nav' });
  await waitFrames(page, 3);
  await screenshot(page, 'hostile-2gb-after-800');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the task chosen with the Data control survives a reload, and the checklist follows the task', async () => {
  const profile = freshProfileDir('hostile-task-reload');
  const context = await launch(profile, { width: 1280, height: 720 });
  try {
    const { page, errors } = await openLab(context, site.url);
    await waitFrames(page, 2);
    let csv = 'hours,grade\n';  // grade: 50 whole numbers, regression by the rule
    for (let i = 0; i < 400; i++) csv += `${i % 37}.5,${i % 50}\n`;
    await dropBytes(page, 'grades.csv', Buffer.from(csv));
    await waitFor(page, { cmd: 'ui.import_status' }, (r) => r.message !== '', { what: 'import' });
    await cmd(page, { cmd: 'data.set_target', column: 'grade' });
    await waitFrames(page, 2);
    const balance = async () => (await cmd(page, { cmd: 'data.quality' })).checks.find((c) => c.check === 'class_balance').message;
    assert.equal(await balance(), 'regression target: class balance does not apply');
    await scrollIntoView(page, 'task', { window: 'panel', exact: true });
    await chooseInDropdown(page, 'task', 'multiclass');
    await waitFrames(page, 2);
    assert.equal((await cmd(page, { cmd: 'data.summary' })).task_choice, 'multiclass');
    assert.match(await balance(), /^smallest class/);  // recomputed for the chosen task
    await scrollIntoView(page, 'Download as CSV', { window: 'panel' });
    await screenshot(page, 'hostile-task-checklist-1280');
    await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'storage saved' });

    await page.reload();
    await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
    await waitFor(page, { cmd: 'data.summary' }, (r) => r.ok === true, { what: 'the dataset restored' });
    await waitFrames(page, 2);
    const back = await cmd(page, { cmd: 'data.summary' });
    assert.equal(back.task_choice, 'multiclass');
    assert.equal(back.task, 'multiclass');
    assert.match(await balance(), /^smallest class/);
    await scrollIntoView(page, 'task', { window: 'panel', exact: true });
    await screenshot(page, 'hostile-task-after-reload-1280');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test('Evaluate with 100 classes: the largest classes plus "other", and a per-class table', async () => {
  const context = await launch(freshProfileDir('hostile-100-classes'), { width: 1280, height: 720 });
  try {
    const { page, errors } = await openLab(context, site.url);
    await waitFrames(page, 2);
    let csv = 'a,b,species\n';
    for (let i = 0; i < 2000; i++) {
      const cls = (i * 7 + Math.floor(i / 100)) % 100;
      csv += `${cls}.${i % 10},${(cls * 13) % 17},sp${cls}\n`;
    }
    await dropBytes(page, 'species.csv', Buffer.from(csv));
    await waitFor(page, { cmd: 'ui.import_status' }, (r) => r.message !== '', { what: 'import' });
    await cmd(page, { cmd: 'data.set_target', column: 'species' });
    const run = await cmd(page, { cmd: 'train.run', algo: 'decision_tree', params: { max_depth: 8 } });
    assert.equal(run.state, 'done', JSON.stringify(run).slice(0, 300));
    await click(page, 'Evaluate', { window: 'nav' });
    await waitFrames(page, 3);
    assert.equal((await cmd(page, { cmd: 'ui.draw_error' })).message, '');
    const evaluation = await cmd(page, { cmd: 'eval.run', run_id: run.run_id });
    assert.equal(evaluation.per_class.length, 100);
    await screenshot(page, 'hostile-100-classes-1280');
    await page.mouse.move(760, 500);  // over the module panel: scroll down to the per-class table
    await page.mouse.wheel(0, 1500);
    await waitFrames(page, 3);
    await screenshot(page, 'hostile-100-classes-per-class-1280');
    await page.setViewportSize({ width: 800, height: 600 });
    await waitFrames(page, 3);
    assert.equal((await cmd(page, { cmd: 'ui.draw_error' })).message, '');
    await screenshot(page, 'hostile-100-classes-800');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
