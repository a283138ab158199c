// `lab explain` and `lab importance` on a run trained by `lab train` in the same store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lab = process.env.LAB_CLI ?? join(process.cwd(), 'build/native/src/lab');
const run = (...args) => spawnSync(lab, args, { encoding: 'utf8' });

test('lab explain prints a waterfall that ends at the prediction; lab importance ranks columns', () => {
  const store = mkdtempSync(join(tmpdir(), 'lab-explain-'));
  const trained = run('train', '--dataset', 'churn', '--rows', '1500', '--algo', 'hist_gbdt',
    '--params', '{"n_estimators": 30}', '--store', store);
  assert.equal(trained.status, 0, trained.stderr);
  const id = JSON.parse(trained.stdout).run_id;

  const text = run('explain', '--run', id, '--row', '2', '--store', store);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /base probability of Churn = Yes/);
  assert.match(text.stdout, /(raises|lowers) the probability of Churn = Yes by \d/);

  const json = JSON.parse(run('explain', '--run', id, '--row', '2', '--json', '--store', store).stdout);
  const total = json.base + json.effects.reduce((s, e) => s + e.step, 0);
  assert.ok(Math.abs(total - json.prediction.probability) < 1e-9);

  const bad = run('explain', '--run', id, '--row', '99999', '--store', store);
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /row 99999 is out of range/);
  const noRow = run('explain', '--run', id, '--store', store);
  assert.equal(noRow.status, 2);
  assert.match(noRow.stderr, /needs --row N/);

  const imp = run('importance', '--run', id, '--repeats', '3', '--store', store);
  assert.equal(imp.status, 0, imp.stderr);
  assert.match(imp.stdout, /drop in roc_auc/);
  assert.match(imp.stdout, /Contract|tenure|InternetService/);

  const pdp = run('pdp', '--run', id, '--feature', 'InternetService', '--store', store);
  assert.equal(pdp.status, 0, pdp.stderr);
  assert.match(pdp.stdout, /partial dependence of the probability of Churn = Yes on InternetService/);
  assert.match(pdp.stdout, /Fiber optic/);
  const pdpJson = JSON.parse(run('pdp', '--run', id, '--feature', 'tenure', '--grid', '12', '--json', '--store', store).stdout);
  assert.equal(pdpJson.grid.length, 12);
  assert.equal(pdpJson.average.length, 12);
  assert.ok(pdpJson.ice.length > 0 && pdpJson.ice[0].answers.length === 12);
  const unknown = run('pdp', '--run', id, '--feature', 'Colour', '--store', store);
  assert.equal(unknown.status, 1);
  assert.match(unknown.stdout, /unknown feature 'Colour'; this model's fields are: .*tenure/);
  const noFeature = run('pdp', '--run', id, '--store', store);
  assert.equal(noFeature.status, 2);
  assert.match(noFeature.stderr, /needs --feature F/);
});
