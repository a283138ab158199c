// The churn lab by clicks (issue 9): generate the churn data, train a support vector machine
// with the kernel and max_iter changed (the lab's tuning exercise), register it, give it the
// @champion alias, deploy it and send the churn lab's example request (the workshop's preset).
// Clicks and keys at widgets found by label; commands only read results back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd } from './browser.mjs';
import { click, scrollIntoView, typeInto } from './ui.mjs';
import { choose, labForThisFile, openModule, stageShots, trainingFinished } from './journey_helpers.mjs';

const lab = labForThisFile('journey-churn');

test('the churn lab, start to finish, by clicks', { timeout: 900000 }, async () => {
  await choose(lab.page, 'dataset', 'churn');
  await typeInto(lab.page, 'rows', '2000', { window: 'panel' });
  await click(lab.page, 'Generate', { window: 'panel' });
  const data = await cmd(lab.page, { cmd: 'data.preview' });
  assert.equal(data.ok, true, JSON.stringify(data).slice(0, 300));
  assert.equal((await cmd(lab.page, { cmd: 'data.schema' })).columns.some((c) => c.name === 'Contract'), true, 'churn columns');
  await stageShots(lab.page, 'churn-01-data');

  // The tuning exercise: SVM, linear kernel, max_iter 5000.
  await openModule(lab.page, 'Train');
  await choose(lab.page, 'algorithm', 'Support vector machine');
  await choose(lab.page, 'kernel', 'linear');
  await typeInto(lab.page, 'max_iter', '5000', { window: 'panel' });
  await typeInto(lab.page, 'run name', 'svm-linear-5000', { window: 'panel' });
  await stageShots(lab.page, 'churn-02-train-settings');
  await click(lab.page, 'Train', { window: 'panel', exact: true });
  const run = await trainingFinished(lab.page);
  assert.equal(run.state, 'done', JSON.stringify(run));
  assert.equal(run.algo, 'svm');
  const logged = await cmd(lab.page, { cmd: 'runs.get', run_id: run.run_id });
  assert.equal(logged.params.kernel, 'linear', JSON.stringify(logged.params));
  assert.equal(logged.params.max_iter, '5000', JSON.stringify(logged.params));
  assert.equal(logged.run_name ?? logged.info?.run_name ?? run.run_name, 'svm-linear-5000');
  await stageShots(lab.page, 'churn-03-train-done');

  await openModule(lab.page, 'Registry');
  await typeInto(lab.page, 'model name', 'churn', { window: 'panel' });
  await click(lab.page, 'Register', { window: 'panel', exact: true });
  const registered = await cmd(lab.page, { cmd: 'registry.get', model: 'churn' });
  assert.equal(registered.ok, true, `Register did not register: ${JSON.stringify(registered)}; the panel shows ${JSON.stringify(await cmd(lab.page, { cmd: 'ui.registry' }))}`);
  await scrollIntoView(lab.page, 'Set alias', { window: 'panel' });
  await typeInto(lab.page, 'alias', 'champion', { window: 'panel', exact: true });
  await click(lab.page, 'Set alias', { window: 'panel' });
  const model = await cmd(lab.page, { cmd: 'registry.get', model: 'churn' });
  assert.equal(model.aliases?.champion, 1, JSON.stringify(model));
  await stageShots(lab.page, 'churn-04-registry');

  await openModule(lab.page, 'Serve');
  await choose(lab.page, 'model', 'churn');
  await typeInto(lab.page, 'endpoint', 'churn-api', { window: 'panel' });
  await click(lab.page, 'Deploy', { window: 'panel', exact: true });
  assert.equal((await cmd(lab.page, { cmd: 'serve.health', endpoint: 'churn-api' })).ok, true);
  await choose(lab.page, 'examples', 'Churn example');
  await scrollIntoView(lab.page, 'Send to /predict', { window: 'panel' });
  await click(lab.page, 'Send to /predict', { window: 'panel' });
  const response = (await cmd(lab.page, { cmd: 'ui.serve' })).response;
  assert.ok(['Yes', 'No'].includes(String(response.prediction)), JSON.stringify(response));
  assert.equal(response.model, 'churn');
  await stageShots(lab.page, 'churn-05-serve-example');
  assert.deepEqual(lab.errors, []);
});
