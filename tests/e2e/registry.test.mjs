// Module 4 of the workshop in a real browser: register two runs, promote, roll back, reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch, freshProfileDir, openLab, cmd, waitFor, serveSite, screenshotDir } from './browser.mjs';

const shots = screenshotDir();
let server, url, profile;
before(async () => {
  ({ server, url } = await serveSite());
  profile = freshProfileDir('registry');
});
after(() => {
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

test('compare two runs, register both, promote, serve valid and invalid requests, roll back, and find it all after a reload', async () => {
  const context = await launch(profile);
  const { page, errors } = await openLab(context, url);
  assert.equal((await cmd(page, { cmd: 'data.generate', rows: 3000, seed: 11 })).ok, true);
  const a = await cmd(page, { cmd: 'train.run', params: { C: 0.001 }, run_name: 'strong-regularisation' });
  const b = await cmd(page, { cmd: 'train.run', params: { C: 1.0 }, run_name: 'baseline' });
  assert.equal(a.state, 'done');
  assert.equal(b.state, 'done');
  const compared = await cmd(page, { cmd: 'eval.compare', run_a: a.run_id, run_b: b.run_id });
  assert.equal(compared.same_test_split, true);
  assert.ok('roc_auc' in compared.delta_b_minus_a, JSON.stringify(compared));
  const champion = await cmd(page, { cmd: 'eval.select_champion', metric: 'roc_auc' });
  assert.match(champion.explanation, /has the highest roc_auc of 2 runs/);
  assert.equal((await cmd(page, { cmd: 'ui.select', module: 'evaluate' })).ok, true);
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(shots, 'evaluate.png') });
  for (const run of [a, b]) {
    const r = await cmd(page, { cmd: 'registry.register', model: 'loan-approval', run_id: run.run_id });
    assert.equal(r.ok, true, JSON.stringify(r));
  }
  await cmd(page, { cmd: 'registry.set_alias', model: 'loan-approval', alias: 'champion', version: 1 });
  await cmd(page, { cmd: 'registry.set_alias', model: 'loan-approval', alias: 'champion', version: 2, comment: 'higher AUC' });
  await cmd(page, { cmd: 'registry.set_alias', model: 'loan-approval', alias: 'challenger', version: 1 });
  const promoted = await cmd(page, { cmd: 'registry.transition', model: 'loan-approval', version: 2, stage: 'Production', archive_existing: true });
  assert.equal(promoted.versions[1].stage, 'Production');
  const reserved = await cmd(page, { cmd: 'registry.set_alias', model: 'loan-approval', alias: 'v3', version: 1 });
  assert.match(reserved.error, /reserved/);
  // Serve the champion; a valid and an invalid request.
  const dep = await cmd(page, { cmd: 'serve.deploy', endpoint: 'loan-api', model: 'loan-approval', alias: 'champion' });
  assert.equal(dep.ok, true, JSON.stringify(dep));
  const contract = await cmd(page, { cmd: 'serve.contract', endpoint: 'loan-api' });
  const good = (await cmd(page, { cmd: 'serve.predict', endpoint: 'loan-api', request: contract.example })).response;
  assert.equal(good.version, 2);
  assert.ok(good.confidence >= 0.5 && good.request_id.startsWith('req-'), JSON.stringify(good));
  const badRequest = { features: { ...contract.example.features, credit_score: 'excellent', income: -10 } };
  delete badRequest.features.age;
  const bad = (await cmd(page, { cmd: 'serve.predict', endpoint: 'loan-api', request: badRequest })).response;
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.errors.map((e) => e.field).sort(), ['age', 'credit_score', 'income']);

  const rolled = await cmd(page, { cmd: 'registry.rollback', model: 'loan-approval', alias: 'champion', comment: 'AUC dropped' });
  assert.equal(rolled.version, 1);
  const afterRollback = (await cmd(page, { cmd: 'serve.predict', endpoint: 'loan-api', request: contract.example })).response;
  assert.equal(afterRollback.version, 1, 'the endpoint follows the rolled-back alias');

  await cmd(page, { cmd: 'ui.select', module: 'registry' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'registry.png') });
  await cmd(page, { cmd: 'ui.select', module: 'serve' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'serve.png') });
  await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'storage saved' });
  const before = await cmd(page, { cmd: 'registry.get', model: 'loan-approval' });
  const logBefore = (await cmd(page, { cmd: 'serve.log', endpoint: 'loan-api' })).entries;
  assert.equal(logBefore.length, 3);

  await page.reload();
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  const afterReload = await cmd(page, { cmd: 'registry.get', model: 'loan-approval' });
  assert.deepEqual(afterReload, before);
  assert.equal(afterReload.aliases.champion, 1);
  assert.equal(afterReload.history.at(-1).comment, 'AUC dropped');
  assert.equal(afterReload.versions[0].lineage.dataset_name, 'loan');
  assert.deepEqual((await cmd(page, { cmd: 'serve.log', endpoint: 'loan-api' })).entries, logBefore);
  assert.equal((await cmd(page, { cmd: 'serve.health', endpoint: 'loan-api' })).version, 1);
  assert.deepEqual(errors, []);
  await context.close();
});
