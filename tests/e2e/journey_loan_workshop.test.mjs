// The loan workshop by clicks (issue 9): generate the loan data at the default size, explore it,
// train two learners, compare them in Runs, evaluate, register the better one, give it the
// @champion alias, deploy it, send the example request and a broken one. Every action is a
// click or keystroke at a widget found by label; commands only read results back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd } from './browser.mjs';
import { click, findItem, pressKey, scrollIntoView, typeInto, waitFrames } from './ui.mjs';
import { choose, labForThisFile, openModule, stageShots, trainingFinished } from './journey_helpers.mjs';

const lab = labForThisFile('journey-loan');

test('the loan workshop, start to finish, by clicks', { timeout: 900000 }, async () => {
  // Data: the loan dataset is the default choice, 5,000 rows the default size.
  await stageShots(lab.page, 'loan-01-data-empty');
  await click(lab.page, 'Generate', { window: 'panel' });
  const data = await cmd(lab.page, { cmd: 'data.schema' });
  assert.equal(data.ok, true, 'Generate made a dataset');
  const rows = (await cmd(lab.page, { cmd: 'data.preview' }));
  await stageShots(lab.page, 'loan-02-data-generated');

  // Explore at the default size: the charts draw and the lab keeps running.
  await openModule(lab.page, 'Explore');
  await waitFrames(lab.page, 5);
  assert.equal((await cmd(lab.page, { cmd: 'ui.draw_error' })).message ?? '', '', 'Explore drew without an error');
  await stageShots(lab.page, 'loan-03-explore');

  // Train two learners, each with a typed run name.
  await openModule(lab.page, 'Train');
  await typeInto(lab.page, 'run name', 'logreg-baseline', { window: 'panel' });
  await click(lab.page, 'Train', { window: 'panel', exact: true });
  const first = await trainingFinished(lab.page);
  assert.equal(first.state, 'done', JSON.stringify(first));
  assert.equal(first.run_name, 'logreg-baseline');
  await stageShots(lab.page, 'loan-04-train-first');

  await choose(lab.page, 'algorithm', 'Random forest');
  await typeInto(lab.page, 'run name', 'forest', { window: 'panel' });
  await click(lab.page, 'Train', { window: 'panel', exact: true });
  const second = await trainingFinished(lab.page);
  assert.equal(second.state, 'done', JSON.stringify(second));
  assert.equal(second.algo, 'random_forest');
  assert.equal(second.run_name, 'forest');
  await stageShots(lab.page, 'loan-05-train-second');

  // Runs: select both and compare.
  await openModule(lab.page, 'Runs');
  await click(lab.page, 'Select all shown', { window: 'panel' });
  await click(lab.page, 'Compare (2 selected)', { window: 'panel' });
  assert.equal((await cmd(lab.page, { cmd: 'ui.runs' })).selected, 2);
  await stageShots(lab.page, 'loan-06-runs-compare');

  // Evaluate: pick the champion by ROC AUC.
  await openModule(lab.page, 'Evaluate');
  await scrollIntoView(lab.page, 'Select champion', { window: 'panel' });
  await click(lab.page, 'Select champion', { window: 'panel' });
  await stageShots(lab.page, 'loan-07-evaluate');
  const best = [first, second].sort((a, b) => b.metrics.roc_auc - a.metrics.roc_auc)[0];

  // Registry: register the better run as loan-approval and alias it @champion.
  await openModule(lab.page, 'Registry');
  await choose(lab.page, 'run', best.run_name);
  await typeInto(lab.page, 'model name', 'loan-approval', { window: 'panel' });
  await click(lab.page, 'Register', { window: 'panel', exact: true });
  let model = await cmd(lab.page, { cmd: 'registry.get', model: 'loan-approval' });
  assert.equal(model.ok, true, JSON.stringify(model));
  assert.equal(model.versions[0].run_id, best.run_id);
  await scrollIntoView(lab.page, 'Set alias', { window: 'panel' });
  await typeInto(lab.page, 'alias', 'champion', { window: 'panel', exact: true });
  await click(lab.page, 'Set alias', { window: 'panel' });
  model = await cmd(lab.page, { cmd: 'registry.get', model: 'loan-approval' });
  assert.equal(model.aliases.champion, 1, JSON.stringify(model.aliases));
  await stageShots(lab.page, 'loan-08-registry');

  // Serve: deploy @champion behind loan-api, send the example, then a broken request.
  await openModule(lab.page, 'Serve');
  await choose(lab.page, 'model', 'loan-approval');
  await click(lab.page, 'Deploy', { window: 'panel', exact: true });
  const health = await cmd(lab.page, { cmd: 'serve.health', endpoint: 'loan-api' });
  assert.equal(health.ok, true, JSON.stringify(health));
  await scrollIntoView(lab.page, 'Send to /predict', { window: 'panel' });
  await click(lab.page, 'Send to /predict', { window: 'panel' });
  let response = (await cmd(lab.page, { cmd: 'ui.serve' })).response;
  assert.equal(response.status ?? 200, 200, JSON.stringify(response));
  assert.ok('prediction' in response && response.version === 1, JSON.stringify(response));
  await stageShots(lab.page, 'loan-09-serve-example');

  const broken = '{"features": {"age": "forty", "income": -5}}';
  await click(lab.page, '##req', { window: 'panel' });
  await pressKey(lab.page, 'Control+A');
  await lab.page.keyboard.type(broken, { delay: 5 });
  await waitFrames(lab.page, 2);
  await click(lab.page, 'Send to /predict', { window: 'panel' });
  response = (await cmd(lab.page, { cmd: 'ui.serve' })).response;
  assert.equal(response.status, 422, JSON.stringify(response));
  const fields = response.errors.map((e) => e.field);
  assert.ok(fields.includes('age') && fields.includes('income'), JSON.stringify(fields));
  await stageShots(lab.page, 'loan-10-serve-broken');
  assert.deepEqual(lab.errors, []);
  void rows; void findItem;
});
