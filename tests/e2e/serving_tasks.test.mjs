// Evaluate, register and serve beyond binary classification, in a real browser: iris
// (multi-class) and production hours (regression).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch, freshProfileDir, openLab, cmd, serveSite } from './browser.mjs';

const shots = process.env.LAB_SCREENSHOTS ?? join(process.cwd(), 'build', 'screenshots');
mkdirSync(shots, { recursive: true });
let server, url;
const profiles = [];
before(async () => {
  ({ server, url } = await serveSite());
});
after(() => {
  server?.close();
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
});
const freshContext = async (name) => {
  profiles.push(freshProfileDir(name));
  return launch(profiles.at(-1));
};

const frames = (page, n = 3) =>
  page.evaluate((k) => new Promise((done) => { const tick = (i) => (i ? requestAnimationFrame(() => tick(i - 1)) : done()); tick(k); }), n);

async function trainRegisterDeploy(page, { dataset, rows, algo, model, endpoint }) {
  assert.equal((await cmd(page, { cmd: 'data.generate', dataset, rows, seed: 9 })).ok, true);
  const run = await cmd(page, { cmd: 'train.run', algo });
  assert.equal(run.state, 'done', JSON.stringify(run));
  const evaluated = await cmd(page, { cmd: 'eval.run', run_id: run.run_id });
  assert.equal(evaluated.ok, true, JSON.stringify(evaluated));
  assert.equal((await cmd(page, { cmd: 'registry.register', model, run_id: run.run_id })).ok, true);
  await cmd(page, { cmd: 'registry.set_alias', model, alias: 'champion', version: 1 });
  const dep = await cmd(page, { cmd: 'serve.deploy', endpoint, model });
  assert.equal(dep.ok, true, JSON.stringify(dep));
  return evaluated;
}

test('iris: eval shows a 3x3 confusion table; the endpoint returns three class probabilities and 422 field errors', async () => {
  const context = await freshContext('serving-tasks');
  const { page, errors } = await openLab(context, url);
  const ev = await trainRegisterDeploy(page, { dataset: 'iris', algo: 'logistic_regression', model: 'iris', endpoint: 'iris-api' });
  assert.equal(ev.task, 'multiclass');
  assert.deepEqual(ev.class_names, ['setosa', 'versicolor', 'virginica']);
  assert.equal(ev.confusion.length, 3);
  assert.ok(ev.confusion.every((row) => row.length === 3));
  assert.equal(ev.confusion.flat().reduce((a, b) => a + b, 0), ev.test_rows);
  assert.ok(ev.metrics.accuracy > 0.8, JSON.stringify(ev.metrics));
  await cmd(page, { cmd: 'ui.select', module: 'evaluate' });
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'evaluate-iris.png') });

  const presets = Object.fromEntries((await cmd(page, { cmd: 'serve.presets', endpoint: 'iris-api' })).presets.map((p) => [p.name, p]));
  const good = (await cmd(page, { cmd: 'serve.predict', endpoint: 'iris-api', request: presets['Iris example'].request })).response;
  assert.equal(good.prediction, 'setosa');
  assert.deepEqual(Object.keys(good.probabilities).sort(), ['setosa', 'versicolor', 'virginica']);
  const total = Object.values(good.probabilities).reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - 1) < 1e-9, `probabilities sum to ${total}`);
  assert.equal(good.confidence, Math.max(...Object.values(good.probabilities)));
  const missing = (await cmd(page, { cmd: 'serve.predict', endpoint: 'iris-api', request: presets['Iris: missing fields'].request })).response;
  assert.equal(missing.status, 422);
  assert.deepEqual(missing.errors.map((e) => e.field), ['sepal_width', 'petal_length', 'petal_width']);
  const bad = (await cmd(page, { cmd: 'serve.predict', endpoint: 'iris-api', request: { features: { sepal_length: -1, sepal_width: 'wide', petal_length: 1.4, petal_width: 0.2 } } })).response;
  assert.deepEqual(bad.errors.map((e) => [e.field, e.kind]), [['sepal_length', 'negative'], ['sepal_width', 'wrong_type']]);

  await cmd(page, { cmd: 'ui.select', module: 'serve' });
  await frames(page);
  const shown = await cmd(page, { cmd: 'ui.serve', endpoint: 'iris-api', preset: 'Iris second example', send: true });
  assert.equal(shown.ok, true, JSON.stringify(shown));
  assert.equal(Object.keys(shown.response.probabilities).length, 3, JSON.stringify(shown));
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'serve-iris.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('production hours: eval gives RMSE/MAE/R2; the endpoint returns a number, and a bad request gets field errors', async () => {
  const context = await freshContext('serving-tasks');
  const { page, errors } = await openLab(context, url);
  const ev = await trainRegisterDeploy(page, { dataset: 'production_hours', rows: 2000, algo: 'ridge_regression', model: 'hours', endpoint: 'hours-api' });
  assert.equal(ev.task, 'regression');
  for (const m of ['rmse', 'mae', 'r2']) assert.equal(typeof ev.metrics[m], 'number', `${m}: ${JSON.stringify(ev.metrics)}`);
  assert.ok(ev.metrics.r2 > 0.5 && ev.metrics.mae <= ev.metrics.rmse, JSON.stringify(ev.metrics));
  assert.equal(ev.actual.length, ev.test_rows);
  await cmd(page, { cmd: 'ui.select', module: 'evaluate' });
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'evaluate-regression.png') });

  const contract = await cmd(page, { cmd: 'serve.contract', endpoint: 'hours-api' });
  const good = (await cmd(page, { cmd: 'serve.predict', endpoint: 'hours-api', request: contract.example })).response;
  assert.equal(typeof good.prediction, 'number', JSON.stringify(good));
  assert.ok(Number.isFinite(good.prediction) && good.prediction > 0);
  assert.equal(good.probabilities, undefined);
  const features = { ...contract.example.features, headcount: -3, month: 'May', cost_center: 'Moonbase' };
  const bad = (await cmd(page, { cmd: 'serve.predict', endpoint: 'hours-api', request: { features } })).response;
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.errors.map((e) => [e.field, e.kind]).sort(),
    [['cost_center', 'unknown_category'], ['headcount', 'negative'], ['month', 'wrong_type']]);
  // None of the workshop presets fits this model; each says why.
  const presets = (await cmd(page, { cmd: 'serve.presets', endpoint: 'hours-api' })).presets;
  assert.ok(presets.every((p) => !p.fits && /needs/.test(p.reason)));

  await cmd(page, { cmd: 'ui.select', module: 'serve' });
  await frames(page);
  const shown = await cmd(page, { cmd: 'ui.serve', endpoint: 'hours-api', send: true });
  assert.equal(shown.ok, true, JSON.stringify(shown));
  assert.equal(typeof shown.response.prediction, 'number');
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'serve-regression.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
