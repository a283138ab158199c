// The Guide in a real browser, driven by clicks on widgets found by label: pick the iris track on
// a first visit, complete it with "Do it for me" on every step (each check passes on the lab's
// real state), answer a knowledge check and find it again after a browser restart, and load a
// malformed track file to see its located errors. Screenshots at 1280x720 and 800x600.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd, freshProfileDir, launch, openLab, siteForThisFile, waitFor } from './browser.mjs';
import { click, currentModule, findItem, scrollIntoView, waitFrames } from './ui.mjs';
import { stageShots } from './journey_helpers.mjs';

const site = siteForThisFile();
const G = { window: 'guide' };

// Drops a file on the page, as a facilitator dragging a track file onto the lab.
const drop = (page, name, text) =>
  page.evaluate(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, text]);

const status = (page) => cmd(page, { cmd: 'guide.status' });

// Clicks "Do it for me" on the current step and waits until the Guide shows its check passed
// (the Next step button turns on only then).
async function doIt(page, n) {
  await scrollIntoView(page, 'Do it for me', G);
  await click(page, 'Do it for me', G);
  const st = await waitFor(page, { cmd: 'guide.status' }, (r) => r.step?.n === n && r.step.done === true,
    { timeout: 60000, what: `step ${n}'s check to pass` });
  assert.equal(st.step.last_check?.pass ?? true, true, `step ${n}: ${JSON.stringify(st.step.last_check)}`);
  return st;
}

test('iris: picked by clicking, done with "Do it for me" step by step, each check passes; an answer survives a restart', async (t) => {
  const profile = freshProfileDir('guide');
  let context = await launch(profile, { width: 1280, height: 720 });
  t.after(() => context.close());
  let { page, errors } = await openLab(context, site.url);

  // First visit: the picker ("Start here") sits beside the Data module.
  assert.equal((await status(page)).active, null);
  await findItem(page, 'Start: MLOps in 45 minutes with iris', G);
  await stageShots(page, 'guide-picker');
  await click(page, 'Start: MLOps in 45 minutes with iris', G);
  let st = await status(page);
  assert.equal(st.active, 'iris');
  assert.equal(st.step.n, 1);
  const total = st.progress.steps_total;
  assert.equal(total, 11);
  assert.equal((await findItem(page, 'Next step', G)).enabled, false, 'Next waits for the check');

  // "Open Data" opens the module the step is about.
  await click(page, 'Open Data', G);
  assert.equal(await currentModule(page), 'Data');
  await doIt(page, 1);
  assert.equal((await findItem(page, 'Next step', G)).enabled, true);
  await click(page, 'Next step', G);
  await doIt(page, 2);

  // Part 2's knowledge check appears once its step is done: answer it wrongly, read why.
  // (Long answers wrap onto several lines of one radio button: found by their start.)
  await scrollIntoView(page, 'The hash stays', G);
  await click(page, 'The hash stays', G);
  st = await waitFor(page, { cmd: 'guide.status' }, (r) => r.progress.answered === 1, { what: 'the answer recorded' });
  const q = st.track.parts[1].quiz[0];
  assert.equal(q.answer.correct, false);
  assert.match(q.answer.explanation, /Names are for people/);
  await stageShots(page, 'guide-knowledge-check');

  // Restart the browser: the track, the step, the answer and the steps done are still there.
  await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'storage saved' });
  await context.close();
  context = await launch(profile, { width: 1280, height: 720 });
  ({ page, errors } = await openLab(context, site.url));
  st = await status(page);
  assert.equal(st.active, 'iris');
  assert.equal(st.step.n, 2);
  assert.equal(st.progress.steps_done, 2);
  assert.equal(st.progress.answered, 1);
  assert.equal(st.track.parts[1].quiz[0].answer.given, 'The hash stays, because the file name is the same');
  assert.ok(st.progress.time_ms >= 0);

  // The rest of the track, one click of "Do it for me" and one of "Next step" per step.
  for (let n = 3; n <= total; n++) {
    await click(page, 'Next step', G);
    assert.equal((await status(page)).step.n, n);
    st = await doIt(page, n);
    // "Do it for me" opens the step's module, so the participant sees what it did.
    const expected = { 3: 'Train', 4: 'Runs', 5: 'Registry', 6: 'Serve', 10: 'Train', 11: 'Runs' }[n];
    if (expected) assert.equal(await currentModule(page), expected, `step ${n}`);
    if (n === 9) {
      assert.equal((await cmd(page, { cmd: 'serve.health', endpoint: 'iris-api' })).requests.invalid, 1);
      await stageShots(page, 'guide-step-passed');
    }
  }
  st = await status(page);
  assert.equal(st.progress.finished, true);
  assert.equal(st.progress.steps_done, total);
  // Every check still passes when evaluated again on the final state.
  for (let n = 1; n <= total; n++) assert.equal((await cmd(page, { cmd: 'guide.check', step: n })).pass, true, `step ${n}`);
  assert.deepEqual(errors, []);
});

test('a malformed track file dropped on the page gets errors naming file, step and field', async (t) => {
  const context = await launch(freshProfileDir('guide-load'), { width: 1280, height: 720 });
  t.after(() => context.close());
  const { page, errors } = await openLab(context, site.url);
  const broken = {
    format: 'mlops-lab-track/1', id: 'room', title: 'Our room', minutes: 10,
    parts: [{ title: 'Warm-up', minutes: 10, steps: [
      { title: 'Load the data', what: 'Load iris.', module: 'data',
        check: { command: { cmd: 'data.summary' }, expect: { path: '/rows', at_least: 'many' }, says: 'data is loaded' },
        do_it: [{ cmd: 'data.generate', dataset: 'iris' }] },
      { title: 'Train', what: 'Train.', module: 'trian',
        check: { command: { cmd: 'runs.list' }, expect: { path: '/runs', count: { at_least: 1 } }, says: 'a run exists' },
        do_it: [{ cmd: 'train.run', algo: 'knn' }] },
    ] }],
  };
  await drop(page, 'our-room.json', JSON.stringify(broken, null, 2));
  const st = await waitFor(page, { cmd: 'guide.status' }, (r) => (r.load_errors ?? []).length > 0, { what: 'the located errors' });
  assert.deepEqual(st.load_errors, [
    'our-room.json, step 1 ("Load the data"), field \'check.expect.at_least\': expected a number, got "many"',
    'our-room.json, step 2 ("Train"), field \'module\': unknown module \'trian\'; one of data, explore, train, tune, automl, runs, evaluate, registry, serve, monitor',
  ]);
  assert.equal(st.active, null, 'nothing was started from the bad file');
  await waitFrames(page, 3);
  await stageShots(page, 'guide-load-error');

  // Fixed, the same file loads and starts.
  broken.parts[0].steps[0].check.expect.at_least = 1;
  broken.parts[0].steps[1].module = 'train';
  await drop(page, 'our-room.json', JSON.stringify(broken));
  const ok = await waitFor(page, { cmd: 'guide.status' }, (r) => r.active === 'room', { what: 'the fixed track to start' });
  assert.equal(ok.load_errors, undefined);
  assert.equal(ok.track.title, 'Our room');
  assert.deepEqual(errors, []);
});
