// The AutoML module by mouse (issue 14; the loan workshop's Module 6): AutoML on the loan data with
// a 30 s budget started by its button; the leaderboard fills while the page draws; the winner is
// registered as challenger by its button; its recipe is edited (a parameter changed) and replayed
// in the tab; a reload keeps every run (they are in the store).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd, waitFor } from './browser.mjs';
import { click, findItem, pressKey, scrollIntoView, typeInto, waitFrames } from './ui.mjs';
import { labForThisFile, openModule, shotsAtThreeSizes } from './journey_helpers.mjs';

const lab = labForThisFile('automl', { permissions: ['clipboard-read', 'clipboard-write'] });

test('AutoML on loan in 30 s: live leaderboard, challenger, recipe edited and replayed, reload keeps it', { timeout: 900000 }, async () => {
  const { page } = lab;
  await click(page, 'Generate', { window: 'panel' });
  await openModule(page, 'AutoML');
  await findItem(page, 'Start AutoML', { window: 'panel', exact: true });  // below the data checks
  await typeInto(page, 'time budget (s)', '30', { window: 'panel', exact: true });
  await click(page, 'Start AutoML', { window: 'panel', exact: true });
  const some = await waitFor(page, { cmd: 'search.status' }, (r) => r.trials_ended >= 2, { timeout: 120000, what: 'two trials' });
  assert.equal(some.kind, 'automl');
  await shotsAtThreeSizes(page, 'automl-01-running', 'x axis');
  const done = await waitFor(page, { cmd: 'search.status' }, (r) => r.state === 'done' || r.state === 'failed',
    { timeout: 300000, what: 'AutoML to finish' });
  assert.equal(done.state, 'done', JSON.stringify(done).slice(0, 600));
  assert.ok(done.elapsed_s < 60, `the trials took ${done.elapsed_s} s on a 30 s budget`);
  const learners = new Set(done.leaderboard.map((r) => r.algo));
  assert.ok(learners.size >= 2, `a leaderboard across learners: ${[...learners]}`);
  await shotsAtThreeSizes(page, 'automl-02-done', 'Register as challenger');

  await scrollIntoView(page, 'Register as challenger', { window: 'panel' });
  await typeInto(page, 'model name', 'loan-approval', { window: 'panel', exact: true });
  await click(page, 'Register as challenger', { window: 'panel', exact: true });
  const model = await cmd(page, { cmd: 'registry.get', model: 'loan-approval' });
  assert.ok(model.ok && model.aliases?.challenger, JSON.stringify(model).slice(0, 400));

  // The recipe: the participant edits it (here: the run name; a parameter edit works the same
  // way) and pastes it back over the editor's text with Ctrl+A, Ctrl+V, then replays it.
  await scrollIntoView(page, 'Replay', { window: 'panel' });
  const recipe = done.reply.recipe;
  const train = recipe[recipe.length - 1];
  assert.equal(train.cmd, 'train.run');
  const edited = structuredClone(recipe);
  edited[edited.length - 1].run_name = 'automl winner, replayed';
  await page.evaluate((t) => navigator.clipboard.writeText(t), JSON.stringify(edited, null, 2));
  await click(page, 'recipe', { window: 'panel', exact: true });
  await pressKey(page, 'Control+A');
  await pressKey(page, 'Control+V');
  await waitFrames(page, 3);
  await scrollIntoView(page, 'Replay', { window: 'panel' });
  await click(page, 'Replay', { window: 'panel', exact: true });
  const replay = await waitFor(page, { cmd: 'train.status' }, (r) => r.state !== 'running' && r.run_name === 'automl winner, replayed',
    { timeout: 240000, what: 'the replayed recipe to train' });
  assert.equal(replay.state, 'done', JSON.stringify(replay).slice(0, 400));
  const metric = done.metric;
  assert.equal(replay.metrics?.[metric], done.reply.test_metrics[metric], 'the replay gives the winner\'s test metric');
  await shotsAtThreeSizes(page, 'automl-03-replayed', 'Replay');

  // A reload keeps every run: the parent, its trials, the refit and the replay.
  await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'storage saved' });
  const before = (await cmd(page, { cmd: 'runs.list' })).runs?.length;
  await page.reload();
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  await waitFor(page, { cmd: 'runs.list' }, (r) => r.ok && r.runs.length === before, { timeout: 60000, what: 'the runs after reload' });
  const again = await cmd(page, { cmd: 'registry.get', model: 'loan-approval' });
  assert.ok(again.aliases?.challenger, 'the challenger alias survives the reload');
});
