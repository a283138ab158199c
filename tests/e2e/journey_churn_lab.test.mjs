// The churn lab by clicks (issue 9): generate the churn data, train a support vector machine
// with the kernel and max_iter changed (the lab's tuning exercise), register it, give it the
// @champion alias, deploy it and send the churn lab's example request (the workshop's preset).
// Clicks and keys at widgets found by label; commands only read results back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { launch, freshProfileDir, openLab, cmd, siteForThisFile } from './browser.mjs';
import { click, scrollIntoView, typeInto } from './ui.mjs';
import { choose, openModule, stageShots, trainingFinished } from './journey_helpers.mjs';

const site = siteForThisFile();
let context, page, errors, profile;

before(async () => {
  profile = freshProfileDir('journey-churn');
  context = await launch(profile, { width: 1280, height: 720 });
  ({ page, errors } = await openLab(context, site.url));
});
after(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('the churn lab, start to finish, by clicks', { timeout: 900000 }, async () => {
  await choose(page, 'dataset', 'churn');
  await typeInto(page, 'rows', '2000', { window: 'panel' });
  await click(page, 'Generate', { window: 'panel' });
  const data = await cmd(page, { cmd: 'data.preview' });
  assert.equal(data.ok, true, JSON.stringify(data).slice(0, 300));
  assert.equal((await cmd(page, { cmd: 'data.schema' })).columns.some((c) => c.name === 'Contract'), true, 'churn columns');
  await stageShots(page, 'churn-01-data');

  // The tuning exercise: SVM, linear kernel, max_iter 5000.
  await openModule(page, 'Train');
  await choose(page, 'algorithm', 'Support vector machine');
  await choose(page, 'kernel', 'linear');
  await typeInto(page, 'max_iter', '5000', { window: 'panel' });
  await typeInto(page, 'run name', 'svm-linear-5000', { window: 'panel' });
  await stageShots(page, 'churn-02-train-settings');
  await click(page, 'Train', { window: 'panel', exact: true });
  const run = await trainingFinished(page);
  assert.equal(run.state, 'done', JSON.stringify(run));
  assert.equal(run.algo, 'svm');
  const logged = await cmd(page, { cmd: 'runs.get', run_id: run.run_id });
  assert.equal(logged.params.kernel, 'linear', JSON.stringify(logged.params));
  assert.equal(logged.params.max_iter, '5000', JSON.stringify(logged.params));
  assert.equal(logged.run_name ?? logged.info?.run_name ?? run.run_name, 'svm-linear-5000');
  await stageShots(page, 'churn-03-train-done');

  await openModule(page, 'Registry');
  await typeInto(page, 'model name', 'churn', { window: 'panel' });
  await click(page, 'Register', { window: 'panel', exact: true });
  const registered = await cmd(page, { cmd: 'registry.get', model: 'churn' });
  assert.equal(registered.ok, true, `Register did not register: ${JSON.stringify(registered)}; the panel shows ${JSON.stringify(await cmd(page, { cmd: 'ui.registry' }))}`);
  await scrollIntoView(page, 'Set alias', { window: 'panel' });
  await typeInto(page, 'alias', 'champion', { window: 'panel', exact: true });
  await click(page, 'Set alias', { window: 'panel' });
  const model = await cmd(page, { cmd: 'registry.get', model: 'churn' });
  assert.equal(model.aliases?.champion, 1, JSON.stringify(model));
  await stageShots(page, 'churn-04-registry');

  await openModule(page, 'Serve');
  await choose(page, 'model', 'churn');
  await typeInto(page, 'endpoint', 'churn-api', { window: 'panel' });
  await click(page, 'Deploy', { window: 'panel', exact: true });
  assert.equal((await cmd(page, { cmd: 'serve.health', endpoint: 'churn-api' })).ok, true);
  await choose(page, 'examples', 'Churn example');
  await scrollIntoView(page, 'Send to /predict', { window: 'panel' });
  await click(page, 'Send to /predict', { window: 'panel' });
  const response = (await cmd(page, { cmd: 'ui.serve' })).response;
  assert.ok(['Yes', 'No'].includes(String(response.prediction)), JSON.stringify(response));
  assert.equal(response.model, 'churn');
  await stageShots(page, 'churn-05-serve-example');
  assert.deepEqual(errors, []);
});
