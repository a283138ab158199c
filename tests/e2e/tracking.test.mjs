// Experiment tracking in a real browser: runs made through the command hook survive a reload
// and a browser restart with every history point; an exported archive imported into a fresh
// profile recreates every file byte for byte; the explorer's table and compare view render.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { launch, freshProfileDir, openLab, cmd, waitFor, serveSite, screenshotDir } from './browser.mjs';
import { makeRuns, snapshotStore, exportArchive, importArchive, allHistories } from './tracking_helpers.mjs';

const shots = screenshotDir();
let server, url;
const profiles = [];

before(async () => {
  ({ server, url } = await serveSite());
});
after(() => {
  server?.close();
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
});

const profile = (name) => { const p = freshProfileDir(name); profiles.push(p); return p; };
const saved = (page) => waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'storage saved' });
const frames = (page, n = 3) => page.evaluate((n) => new Promise((res) => {
  let k = 0; const f = () => (++k >= n ? res() : requestAnimationFrame(f)); requestAnimationFrame(f);
}), n);

test('runs and histories survive reload and relaunch; export/import into a fresh profile is identical', async () => {
  const dir = profile('tracking');
  let context = await launch(dir);
  let { page, errors } = await openLab(context, url);

  const exp = await cmd(page, { cmd: 'experiments.create', name: 'loan study' });
  assert.equal(exp.ok, true, JSON.stringify(exp));
  await makeRuns(page, { count: 12, steps: 300, prefix: 'sweep' });
  // A real training run too: it logs the dataset input (lineage) and the model artifact.
  assert.equal((await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows: 1500, seed: 3 })).ok, true);
  const trained = await cmd(page, { cmd: 'train.run', algo: 'logistic_regression', params: { C: 0.5 }, run_name: 'trained' });
  assert.equal(trained.ok, true, JSON.stringify(trained));
  const some = (await cmd(page, { cmd: 'runs.list', max_results: 3 })).runs.map((r) => r.run_id);
  assert.equal((await cmd(page, { cmd: 'runs.delete', run_ids: [some[2]] })).ok, true);
  assert.equal((await cmd(page, { cmd: 'runs.rename', run_id: some[1], name: 'renamed in e2e' })).ok, true);
  assert.equal((await cmd(page, { cmd: 'runs.note', run_id: some[1], text: 'why this run matters' })).ok, true);
  await cmd(page, { cmd: 'storage.flush' });
  await saved(page);
  const before = await allHistories(page);
  const files = await snapshotStore(page);
  assert.equal(Object.keys(before).length, 13);
  const search = await cmd(page, { cmd: 'runs.search', filter: "metrics.roc_auc > 0.9 and params.algo = 'gbdt'", order_by: ['metrics.roc_auc DESC'] });
  assert.equal(search.ok, true, JSON.stringify(search));
  const bad = await cmd(page, { cmd: 'runs.search', filter: 'metrics.roc_auc >> 1' });
  assert.match(bad.error, /bad filter at character 18/);

  // Reload: same experiment selection is not persisted, so select it again, then compare.
  await page.reload();
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  await cmd(page, { cmd: 'experiments.select', experiment_id: exp.experiment_id });
  assert.deepEqual(await allHistories(page), before);
  await context.close();

  context = await launch(dir);
  ({ page, errors } = await openLab(context, url));
  await cmd(page, { cmd: 'experiments.select', experiment_id: exp.experiment_id });
  assert.deepEqual(await allHistories(page), before);
  assert.deepEqual(await snapshotStore(page), files);

  // The download glue hands the same archive bytes to the browser's downloads.
  const archive = await exportArchive(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    cmd(page, { cmd: 'ui.download', path: '/tmp/e2e-export.tar', filename: 'mlruns-export.tar' }),
  ]);
  assert.equal(download.suggestedFilename(), 'mlruns-export.tar');
  const saveAs = join(tmpdir(), `lab-e2e-download-${process.pid}.tar`);
  await download.saveAs(saveAs);
  assert.deepEqual(readFileSync(saveAs), archive);
  rmSync(saveAs, { force: true });

  // Screenshots of the explorer: table and compare view.
  await cmd(page, { cmd: 'ui.select', module: 'runs' });
  await frames(page);
  const view = await cmd(page, { cmd: 'ui.runs', select: 'all', tab: 'table' });
  assert.equal(view.ok, true, JSON.stringify(view));
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'runs-table.png') });
  await cmd(page, { cmd: 'ui.runs', select: 'all', tab: 'compare', compare: { smoothing: 0.6, group_by: '' } });
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'runs-compare.png') });
  await cmd(page, { cmd: 'ui.runs', compare: { group_by: 'C', smoothing: 0.6 } });
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'runs-compare-grouped.png') });
  await page.setViewportSize({ width: 1400, height: 1500 });  // the whole compare view at once
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'runs-compare-tall.png') });
  await page.setViewportSize({ width: 1400, height: 900 });
  await cmd(page, { cmd: 'ui.runs', tab: 'table', filter: 'metrics.roc_auc >> 1' });
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'runs-bad-filter.png') });
  assert.deepEqual(errors, []);
  await context.close();

  // "Clear storage": a brand-new profile, then import through the upload glue.
  context = await launch(profile('tracking-import'));
  ({ page, errors } = await openLab(context, url));
  const tarPath = join(tmpdir(), `lab-e2e-upload-${process.pid}.tar`);
  writeFileSync(tarPath, archive);
  // A real click on the canvas gives the page user activation, which a file picker needs.
  await page.mouse.click(5, 5);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), cmd(page, { cmd: 'ui.upload' })]);
  await chooser.setFiles(tarPath);
  const status = await waitFor(page, { cmd: 'ui.upload_status' }, (r) => r.done, { what: 'upload import' });
  rmSync(tarPath, { force: true });
  assert.equal(status.result.ok, true, JSON.stringify(status.result));
  assert.equal(status.result.runs, 13);
  await cmd(page, { cmd: 'experiments.select', experiment_id: exp.experiment_id });
  assert.deepEqual(await allHistories(page), before);
  assert.deepEqual(await snapshotStore(page), files);
  // Importing the same archive again is a no-op; a damaged one is refused with nothing changed.
  assert.equal((await importArchive(page, archive)).files_written, 0);
  const damaged = Buffer.from(archive);
  damaged[600] ^= 0xff;
  const refused = await importArchive(page, damaged);
  assert.equal(refused.ok, false);
  assert.match(refused.error, /checksum|tar/);
  assert.deepEqual(await snapshotStore(page), files);
  // And it persists in the new profile too.
  await cmd(page, { cmd: 'storage.flush' });
  await saved(page);
  await page.reload();
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  assert.deepEqual(await snapshotStore(page), files);
  assert.deepEqual(errors, []);
  await context.close();
});
