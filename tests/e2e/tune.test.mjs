// The Tune module by mouse (issue 14; the churn workshop's exercise): SVM on the churn data
// searching `kernel` and `max_iter`, started by its button; the leaderboard fills while the page
// keeps drawing, Pause holds it, Resume goes on, Cancel keeps every trial that ended and still
// refits the best; the Runs module folds the trials under their parent. Clicks and keys go at
// widgets found by label; commands only read results back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd, waitFor } from './browser.mjs';
import { click, scrollIntoView, typeInto, waitFrames } from './ui.mjs';
import { choose, labForThisFile, openModule, shotsAtThreeSizes } from './journey_helpers.mjs';

const lab = labForThisFile('tune');
const status = (page) => cmd(page, { cmd: 'search.status' });

test('Tune: SVM over kernel and max_iter on churn, live leaderboard, pause, resume, cancel keeps trials', { timeout: 600000 }, async () => {
  const { page } = lab;
  await choose(page, 'dataset', 'churn');
  await typeInto(page, 'rows', '1500', { window: 'panel' });
  await click(page, 'Generate', { window: 'panel' });
  await openModule(page, 'Tune');
  await choose(page, 'learner', 'Support vector machine');
  await click(page, '##search max_iter', { window: 'panel', exact: true });
  await typeInto(page, 'min##max_iter', '100', { window: 'panel', exact: true });
  await typeInto(page, 'max##max_iter', '2000', { window: 'panel', exact: true });
  // More trials than the test lets end: Cancel must find the search still running however fast
  // the machine (the tab no longer draws frames nobody looks at, so the paced search runs faster;
  // the threaded build runs a trial per core).
  const TRIALS = 2000;
  await typeInto(page, 'trials', String(TRIALS), { window: 'panel', exact: true });
  await typeInto(page, 'CV folds', '3', { window: 'panel', exact: true });
  await click(page, 'Start search', { window: 'panel', exact: true });

  const started = await status(page);
  assert.equal(started.kind, 'tune', JSON.stringify(started).slice(0, 400));
  // One core in a build without threads: the status says so.
  if (!started.threads_available) assert.match(started.threads_note, /one trial at a time/);
  const some = await waitFor(page, { cmd: 'search.status' }, (r) => r.trials_ended >= 3, { timeout: 120000, what: 'three trials' });
  // The page draws while trials run (on worker threads, or paced between frames without threads).
  const frame0 = (await cmd(page, { cmd: 'ui.frame' })).frame;
  await page.waitForTimeout(1500);
  assert.ok((await cmd(page, { cmd: 'ui.frame' })).frame > frame0 + 5, 'the page kept drawing while trials ran');
  assert.equal((await status(page)).state, 'running', 'and the trials were still running meanwhile');
  assert.ok(some.leaderboard.length >= 3 && 'kernel' in some.leaderboard[0].params && 'max_iter' in some.leaderboard[0].params,
    JSON.stringify(some.leaderboard[0]));
  await shotsAtThreeSizes(page, 'tune-01-running', 'x axis');

  await scrollIntoView(page, 'Pause', { window: 'panel' });
  await click(page, 'Pause', { window: 'panel', exact: true });
  const paused = await status(page);
  assert.equal(paused.state, 'paused');
  await waitFrames(page, 20);
  assert.equal((await status(page)).trials_ended, paused.trials_ended, 'no trial ends while paused');
  await scrollIntoView(page, 'Resume', { window: 'panel' });
  await click(page, 'Resume', { window: 'panel', exact: true });
  await waitFor(page, { cmd: 'search.status' }, (r) => r.trials_ended > paused.trials_ended, { timeout: 120000, what: 'a trial after resume' });
  await scrollIntoView(page, 'Cancel', { window: 'panel' });
  await click(page, 'Cancel', { window: 'panel', exact: true });
  const ended = await waitFor(page, { cmd: 'search.status' }, (r) => !['running', 'paused', 'finishing'].includes(r.state),
    { timeout: 240000, what: 'the cancelled search to finish its refit' });
  assert.equal(ended.state, 'cancelled', JSON.stringify(ended).slice(0, 400));
  assert.ok(ended.trials_ended > paused.trials_ended && ended.trials_ended < TRIALS, `${ended.trials_ended} trials kept`);
  assert.equal(ended.reply.child_run_ids.length, ended.trials_ended, 'every ended trial is a child run');
  assert.equal(ended.reply.refit_state, 'done', 'the best so far is refit');
  await shotsAtThreeSizes(page, 'tune-02-cancelled', 'x axis');

  await openModule(page, 'Runs');
  const runs = await cmd(page, { cmd: 'ui.runs' });
  assert.ok(runs.shown <= 3, `the trials fold under their parent: ${runs.shown} rows shown`);
  await shotsAtThreeSizes(page, 'tune-03-runs-nested');
});
