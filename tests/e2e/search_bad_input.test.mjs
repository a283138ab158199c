// Tune and AutoML as a tired participant uses them (issue 14's bad input): a double click on
// "Start search" starts one search, not two, and shows no error; a reload in the middle of a
// search keeps every trial that ended (the parent run says it was interrupted) and the module
// can start again; a recipe edited into invalid JSON is refused in words by Replay and trains
// nothing. Clicks and keys go at widgets found by label; commands only read results back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd, waitFor } from './browser.mjs';
import { click, findItem, items, pressKey, scrollIntoView, typeInto, waitFrames } from './ui.mjs';
import { choose, labForThisFile, openModule, shotsAtThreeSizes } from './journey_helpers.mjs';

const lab = labForThisFile('search-bad-input');
const trialRuns = (runs, parent) => runs.filter((r) => r.tags?.['mlflow.parentRunId'] === parent);

async function centreOf(page, text) {
  const it = await findItem(page, text, { window: 'panel', exact: true });
  const o = await page.evaluate(() => { const r = Module.canvas.getBoundingClientRect(); return { x: r.left, y: r.top }; });
  return { x: o.x + it.css.x + it.css.w / 2, y: o.y + it.css.y + it.css.h / 2 };
}

test('Tune: a double click starts one search; a reload mid-search keeps the trials that ended', { timeout: 600000 }, async () => {
  const { page } = lab;
  await click(page, 'Generate', { window: 'panel' });
  await openModule(page, 'Tune');
  // An SVM's trials take a second or so each: the search is still running at the reload below,
  // even on every core of the threaded build.
  await choose(page, 'learner', 'Support vector machine');
  await typeInto(page, 'trials', '500', { window: 'panel', exact: true });
  await typeInto(page, 'CV folds', '3', { window: 'panel', exact: true });
  await scrollIntoView(page, 'Start search', { window: 'panel' });
  await waitFrames(page, 2);
  const start = await centreOf(page, 'Start search');
  await page.mouse.dblclick(start.x, start.y, { delay: 30 });
  await waitFrames(page, 3);
  const status = await cmd(page, { cmd: 'search.status' });
  assert.equal(status.state, 'running', JSON.stringify(status).slice(0, 300));
  const shown = (await items(page, { window: 'panel' })).map((i) => i.text).join(' | ');
  assert.doesNotMatch(shown, /wait for it, or cancel it|before starting another/, 'a double click shows no error');
  const parents = (await cmd(page, { cmd: 'runs.list' })).runs.filter((r) => r.tags?.['lab.tune.role'] === 'parent');
  assert.equal(parents.length, 1, 'one search, one parent run');
  const parent = parents[0].run_id;

  await waitFor(page, { cmd: 'search.status' }, (r) => r.trials_ended >= 4, { timeout: 120000, what: 'four trials' });
  // The trials are in the store as they end and reach lasting storage within a few seconds
  // (the save waits at most 2 s after the first change it has not written).
  await waitFor(page, { cmd: 'runs.list' }, (r) => trialRuns(r.runs, parent).length >= 4, { timeout: 30000, what: 'four trial runs' });
  await page.waitForTimeout(3000);
  const before = trialRuns((await cmd(page, { cmd: 'runs.list' })).runs, parent).length;
  const reloadAt = Date.now();
  await page.reload();
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  // Nothing of the reloaded page runs any more: the lab ends the search's parent as KILLED, at the
  // time its last trial ended, with a note (runs.end_interrupted, after the first frame).
  const after = await waitFor(page, { cmd: 'runs.list' }, (r) => r.ok && r.runs.some((x) => x.run_id === parent && x.status !== 'RUNNING'),
    { timeout: 60000, what: 'the interrupted parent ended after the reload' });
  const kept = trialRuns(after.runs, parent);
  assert.ok(kept.length >= Math.min(before, 4), `trials kept after the reload: ${kept.length} (before: ${before})`);
  const p = after.runs.find((x) => x.run_id === parent);
  assert.equal(p.status, 'KILLED', 'the interrupted parent');
  assert.match(p.tags['mlflow.note.content'] ?? '', /search was interrupted/);
  assert.ok(p.end_time < reloadAt, `it ended when its last saved trial did (${p.end_time}), not when the lab noticed (after ${reloadAt})`);

  // The module starts again from nothing, by its button.
  await openModule(page, 'Tune');
  assert.equal((await cmd(page, { cmd: 'search.status' })).state, 'idle', 'no search after the reload');
  await typeInto(page, 'trials', '3', { window: 'panel', exact: true });
  await scrollIntoView(page, 'Start search', { window: 'panel' });
  await click(page, 'Start search', { window: 'panel', exact: true });
  const done = await waitFor(page, { cmd: 'search.status' }, (r) => r.state === 'done' || r.state === 'failed',
    { timeout: 240000, what: 'the new search' });
  assert.equal(done.state, 'done', JSON.stringify(done).slice(0, 300));
});

test('AutoML: a recipe edited into invalid JSON is refused by Replay in words and trains nothing', { timeout: 600000 }, async () => {
  const { page } = lab;
  await openModule(page, 'AutoML');
  await findItem(page, 'Start AutoML', { window: 'panel', exact: true });
  await typeInto(page, 'time budget (s)', '4', { window: 'panel', exact: true });
  await click(page, 'Start AutoML', { window: 'panel', exact: true });
  const done = await waitFor(page, { cmd: 'search.status' }, (r) => r.state === 'done' || r.state === 'failed',
    { timeout: 300000, what: 'AutoML to finish' });
  assert.equal(done.state, 'done', JSON.stringify(done).slice(0, 300));
  const runsBefore = (await cmd(page, { cmd: 'runs.list' })).runs.length;

  await scrollIntoView(page, 'Replay', { window: 'panel' });
  await click(page, 'recipe', { window: 'panel', exact: true });
  await pressKey(page, 'Control+A');
  await page.keyboard.type('[{"cmd": "data.generate", ', { delay: 5 });
  await waitFrames(page, 2);
  await scrollIntoView(page, 'Replay', { window: 'panel' });
  // In the smallest window, where the module pane is shortest (the guide takes the lower half).
  await page.setViewportSize({ width: 800, height: 600 });
  await waitFrames(page, 2);
  await scrollIntoView(page, 'Replay', { window: 'panel' });
  await click(page, 'Replay', { window: 'panel', exact: true });
  await waitFrames(page, 3);
  const shown = await cmd(page, { cmd: 'ui.automl' });
  assert.match(shown.recipe_error, /not valid JSON any more/, JSON.stringify(shown));
  // The message is not left cut off at the pane's bottom edge: the module scrolled to show it.
  assert.equal(shown.recipe_outcome_in_view, true, JSON.stringify(shown));
  await shotsAtThreeSizes(page, 'search-bad-recipe', 'Replay');
  // Back at 1280x720 the box has grown with the pane: the message was scrolled into view again.
  const resized = await cmd(page, { cmd: 'ui.automl' });
  assert.equal(resized.recipe_outcome_in_view, true, JSON.stringify(resized));
  assert.notEqual((await cmd(page, { cmd: 'train.status' })).state, 'running', 'nothing trains');
  assert.equal((await cmd(page, { cmd: 'runs.list' })).runs.length, runsBefore, 'no run was made');
});
