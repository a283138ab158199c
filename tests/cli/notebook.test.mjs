// "Graduate to a notebook" end to end: runs trained by the lab on workshop data are exported with
// `lab notebook`, the exported .py runs under Debian's /usr/bin/python3 (python3-sklearn,
// python3-xgboost, python3-pandas; MLflow 2.12.2 from ../shared/tools/mlflow-server, which
// scripts/setup.sh test unpacks to /opt/mlflow-2.12.2) logging to a temporary file store, and its
// test metric must be within 0.01 AUC (2% RMSE) of the lab's on the same test rows. MLflow's own
// client then reads the notebook's run back from that store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lab, localRuns, mlflowSrc } from './mlflow_helpers.mjs';

const shared = join(process.cwd(), '../shared');
const python = '/usr/bin/python3';
const pyEnv = (extra) => ({ ...process.env, PYTHONPATH: mlflowSrc, PYTHONNOUSERSITE: '1', PYTHONWARNINGS: 'ignore', ...extra });

// The lab's runs: loan (binary, AUC) with three learners, production hours (regression, RMSE) with two.
const runs = [
  { name: 'loan-logistic', data: 'loan', algo: 'logistic_regression', params: { C: 0.5 }, metric: 'roc_auc' },
  { name: 'loan-forest', data: 'loan', algo: 'random_forest', params: { n_estimators: 60, min_samples_leaf: 3 }, metric: 'roc_auc' },
  { name: 'loan-boosted', data: 'loan', algo: 'hist_gbdt', params: { n_estimators: 200, learning_rate: 0.1, max_depth: 4, subsample: 0.8, colsample: 0.8, early_stopping_rounds: 10 }, metric: 'roc_auc' },
  { name: 'hours-ridge', data: 'production_hours', algo: 'ridge_regression', params: { alpha: 1 }, metric: 'rmse' },
  { name: 'hours-boosted', data: 'production_hours', algo: 'hist_gbdt', params: { n_estimators: 150, learning_rate: 0.1, max_depth: 4 }, metric: 'rmse' },
];

test('lab notebook: the exported .py reproduces each run\'s test metric with scikit-learn/xgboost and logs to MLflow', { skip: !existsSync(shared) && '../shared (the MLflow tool) is absent' }, () => {
  assert.ok(existsSync(join(mlflowSrc, 'mlflow')), `MLflow is not installed in ${mlflowSrc}: run bash scripts/setup.sh test (it installs MLflow from ../shared/tools/mlflow-server)`);
  const dir = mkdtempSync(join(tmpdir(), 'lab-notebook-'));
  const store = join(dir, 'mlruns');
  // The loan runs first, then production hours: the loan runs' data is no longer the current
  // dataset when they are exported, so their data is made again from their recipe.
  const steps = [];
  for (const data of ['loan', 'production_hours']) {
    steps.push({ cmd: 'data.generate', dataset: data, rows: 3000, seed: 11 });
    for (const r of runs.filter((x) => x.data === data)) steps.push({ cmd: 'train.run', algo: r.algo, params: r.params, seed: 5, run_name: r.name });
  }
  writeFileSync(join(dir, 'pipeline.json'), JSON.stringify(steps));
  const made = spawnSync(lab, ['run', join(dir, 'pipeline.json'), '--store', store], { encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(made.status, 0, made.stderr + made.stdout);
  const byName = Object.fromEntries(Object.entries(localRuns(store)).map(([id, r]) => [r.tags['mlflow.runName'], { id, ...r }]));

  const pyStore = join(dir, 'notebook-mlruns');
  const gaps = [];
  for (const r of runs) {
    const labRun = byName[r.name];
    assert.ok(labRun, `the lab logged run ${r.name}`);
    const labValue = labRun.metrics[r.metric].at(-1)[1];
    const out = join(dir, r.name);
    const exported = spawnSync(lab, ['notebook', '--store', store, '--run', labRun.id, '--out', out, '--json'], { encoding: 'utf8' });
    assert.equal(exported.status, 0, exported.stderr + exported.stdout);
    const files = JSON.parse(exported.stdout).files;
    assert.equal(files.length, 3);
    const [ipynb, py, csv] = files;
    assert.match(ipynb, /\.ipynb$/);
    assert.match(csv, /\.csv$/);

    // The notebook is nbformat 4 JSON whose code cells are the script's code.
    const nb = JSON.parse(readFileSync(ipynb, 'utf8'));
    assert.equal(nb.nbformat, 4);
    const script = readFileSync(py, 'utf8');
    const code = nb.cells.filter((c) => c.cell_type === 'code');
    assert.ok(code.length >= 6 && nb.cells.some((c) => c.cell_type === 'markdown'));
    for (const c of code) assert.ok(script.includes(c.source.join('')), `the script holds the cell ${c.id}`);

    const ran = spawnSync(python, [py], { cwd: out, encoding: 'utf8', maxBuffer: 16 << 20, env: pyEnv({ MLFLOW_TRACKING_URI: pyStore }) });
    assert.equal(ran.status, 0, `${r.name}: ${ran.stderr}\n${ran.stdout}`);
    const result = JSON.parse(ran.stdout.trim().split('\n').at(-1));
    const value = result.metrics[r.metric];
    const gap = value - labValue;
    gaps.push(`${r.name} (${r.algo}) ${r.metric}: lab ${labValue.toFixed(4)}, python ${value.toFixed(4)}, gap ${gap >= 0 ? '+' : ''}${gap.toFixed(4)}`);
    if (r.metric === 'roc_auc') assert.ok(Math.abs(gap) <= 0.01, `${r.name}: AUC ${value} vs the lab's ${labValue}`);
    else assert.ok(Math.abs(gap) <= 0.02 * labValue, `${r.name}: RMSE ${value} vs the lab's ${labValue} (more than 2% apart)`);

    // MLflow's own client finds the notebook's run in the file store: metrics, params, the lab run it came from, the model.
    const check = spawnSync(python, ['-c', `
import json, sys
from mlflow.tracking import MlflowClient
c = MlflowClient(tracking_uri=sys.argv[1])
run = c.get_run(sys.argv[2])
print(json.dumps({"status": run.info.status, "metrics": run.data.metrics, "params": run.data.params, "tags": run.data.tags,
                  "artifacts": [a.path for a in c.list_artifacts(run.info.run_id, "model")]}))
`, pyStore, result.mlflow_run_id], { encoding: 'utf8', env: pyEnv({}) });
    assert.equal(check.status, 0, check.stderr);
    const logged = JSON.parse(check.stdout.trim().split('\n').at(-1));
    assert.equal(logged.status, 'FINISHED');
    assert.equal(logged.metrics[r.metric], value);
    assert.equal(logged.params.algo, r.algo);
    assert.equal(logged.tags['lab.source_run_id'], labRun.id);
    assert.ok(logged.artifacts.includes('model/MLmodel'), JSON.stringify(logged.artifacts));
  }
  console.log(gaps.join('\n'));
});

test('lab notebook: an unknown run is refused with the reason', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-notebook-bad-'));
  const r = spawnSync(lab, ['notebook', '--store', join(dir, 'mlruns'), '--run', 'no-such-run', '--out', dir], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /no-such-run/);
});
