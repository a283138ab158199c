// `lab tune` end to end: the leaderboard it prints, and the parent/child run layout read back by
// MLflow 2.12.2's own FileStore and client (tests/cli/tune_mlflow_check.py): MLflow's search on
// tags.mlflow.parentRunId finds every trial, with its params, per-fold history, mean/std and fit
// time, and the parent's leaderboard artifact downloads through mlflow.artifacts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lab = process.env.LAB_CLI ?? join(process.cwd(), 'build/native/src/lab');
const mlflowSrc = process.env.MLFLOW_SRC_DIR ?? '/opt/mlflow-2.12.2';

function csvFile(dir) {
  // A small binary task: y depends on x1 and x2 (plus noise from a fixed LCG), x3 is noise.
  let s = 12345;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ['x1,x2,x3,y'];
  for (let i = 0; i < 400; ++i) {
    const x1 = rnd() * 4 - 2, x2 = rnd() * 4 - 2, x3 = rnd();
    const y = x1 + 0.5 * x2 * x2 + (rnd() - 0.5) * 1.5 > 1 ? 1 : 0;
    lines.push(`${x1.toFixed(4)},${x2.toFixed(4)},${x3.toFixed(4)},${y}`);
  }
  const file = join(dir, 'data.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

test('lab tune --json: halving over hist_gbdt, parent and children readable by MLflow', () => {
  assert.ok(existsSync(join(mlflowSrc, 'mlflow')), `MLflow is not installed in ${mlflowSrc}: run bash scripts/setup.sh test`);
  const dir = mkdtempSync(join(tmpdir(), 'lab-tune-'));
  const mlruns = join(dir, 'mlruns');
  const csv = csvFile(dir);
  const run = spawnSync(lab, ['tune', '--csv', csv, '--target', 'y', '--algo', 'hist_gbdt', '--strategy', 'halving',
    '--cv', '3', '--trials', '9', '--threads', '2', '--max-resources', '27', '--store', mlruns, '--json'], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr + run.stdout);
  const reply = JSON.parse(run.stdout);
  assert.deepEqual(reply.rungs, [{ resources: 3, candidates: 9 }, { resources: 9, candidates: 3 }, { resources: 27, candidates: 1 }]);
  assert.equal(reply.trials, 13);
  assert.equal(reply.threads_used, 2);

  const r = spawnSync('/usr/bin/python3', ['tests/cli/tune_mlflow_check.py', mlruns, reply.parent_run_id], {
    encoding: 'utf8', env: { ...process.env, PYTHONPATH: mlflowSrc, PYTHONNOUSERSITE: '1', PYTHONWARNINGS: 'ignore' },
  });
  assert.equal(r.status, 0, r.stderr);
  const seen = JSON.parse(r.stdout.trim().split('\n').at(-1));
  assert.equal(seen.parent.status, 'FINISHED');
  assert.equal(seen.parent.params.strategy, 'halving');
  assert.equal(seen.parent.params.resource, 'n_estimators');
  assert.equal(seen.parent.tags['lab.tune.refit_run_id'], reply.refit_run_id);
  assert.ok(seen.parent.artifacts.includes('leaderboard.json'));
  assert.deepEqual(seen.leaderboard, reply.leaderboard);
  assert.equal(seen.parent.metrics.best_cv_roc_auc_mean, reply.best.mean);
  assert.equal(seen.parent.metrics.test_roc_auc, reply.test_metrics.roc_auc);
  // MLflow's search finds every trial and the refit under the parent.
  const trials = seen.children.filter((c) => c.tags['lab.tune.trial'] !== undefined);
  const refit = seen.children.filter((c) => c.tags['lab.tune.role'] === 'refit');
  assert.equal(trials.length, 13);
  assert.equal(refit.length, 1);
  for (const c of trials) {
    assert.equal(c.status, 'FINISHED');
    assert.deepEqual(c.fold_history.map((m) => m.step), [0, 1, 2]);
    const mean = c.fold_history.reduce((a, m) => a + m.value, 0) / 3;
    assert.ok(Math.abs(mean - c.metrics.cv_roc_auc_mean) < 1e-12);
    assert.ok(c.metrics.cv_roc_auc_std >= 0);
    assert.ok(c.metrics.fit_time_s >= 0);
    assert.equal(c.params.n_estimators, String([3, 9, 27][Number(c.tags['lab.tune.rung'])]));
  }
  assert.equal(refit[0].params.n_estimators, String(reply.best.params.n_estimators));
});

test('lab tune prints a leaderboard; bad input gets the reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-tune-'));
  const csv = csvFile(dir);
  const store = join(dir, 'mlruns');
  const ok = spawnSync(lab, ['tune', '--csv', csv, '--target', 'y', '--algo', 'svm', '--strategy', 'grid', '--cv', '3',
    '--space', '{"kernel":["linear","rbf"],"C":[0.1,1,10],"max_iter":[50,500]}', '--store', store], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr + ok.stdout);
  assert.match(ok.stdout, /tune grid: 12 trials/);
  assert.doesNotMatch(ok.stdout, /note:/);
  assert.match(ok.stdout, /rank +trial +rung +roc_auc mean ± std/);
  assert.match(ok.stdout, /refit on all training rows, test roc_auc: 0\.\d{4}/);
  const zero = spawnSync(lab, ['tune', '--csv', csv, '--target', 'y', '--trials', '0', '--store', store], { encoding: 'utf8' });
  assert.equal(zero.status, 1);
  assert.match(zero.stdout, /a budget of 0 runs no trial/);
  const few = spawnSync(lab, ['tune', '--dataset', 'iris', '--algo', 'knn', '--cv', '10', '--trials', '2', '--store', store,
    '--test-fraction', '0.9'], { encoding: 'utf8' });
  assert.equal(few.status, 1);
  assert.match(few.stdout, /every class needs at least 10/);
});

test('lab automl --recipe-out: lab run recipe.json replays the winner bit for bit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-automl-'));
  const csv = csvFile(dir);
  const recipe = join(dir, 'recipe.json');
  const made = spawnSync(lab, ['automl', '--csv', csv, '--target', 'y', '--cv', '3', '--threads', '2',
    '--candidates-per-learner', '2', '--recipe-out', recipe, '--store', join(dir, 'a'), '--json'], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr + made.stdout);
  const reply = JSON.parse(made.stdout);
  assert.equal(reply.leaderboard.find((r) => r.trial === 0).algo, 'logistic_regression');
  // the recipe holds the CSV itself, so it replays anywhere, in a fresh store
  const replay = spawnSync(lab, ['run', recipe, '--store', join(dir, 'b')], { encoding: 'utf8' });
  assert.equal(replay.status, 0, replay.stderr + replay.stdout);
  const last = JSON.parse(replay.stdout).at(-1);
  assert.equal(last.algo, reply.leaderboard[0].algo);
  for (const [name, value] of Object.entries(reply.test_metrics)) assert.equal(last.metrics[name], value, name);
});
