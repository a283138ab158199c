// MLflow fidelity: MLflow's own Python classes (MLflow 2.12.2 from ../shared/tools/mlflow-server,
// which scripts/setup.sh test installs into /opt/mlflow-2.12.2; never vendored) read the lab's runs and logged models: the standard run tags, the MLmodel
// file (the lab flavor, the inference contract as the model signature, the example request as
// the input example), the mlflow.log-model.history tag, and get_model_info on runs:/<id>/model.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lab = process.env.LAB_CLI ?? join(process.cwd(), 'build/native/src/lab');
const mlflowSrc = process.env.MLFLOW_SRC_DIR ?? '/opt/mlflow-2.12.2';

test('MLflow 2.12 reads each run\'s standard tags and loads its model with signature and input example', () => {
  assert.ok(existsSync(join(mlflowSrc, 'mlflow')), `MLflow is not installed in ${mlflowSrc}: run bash scripts/setup.sh test (it installs MLflow from ../shared/tools/mlflow-server)`);
  const store = mkdtempSync(join(tmpdir(), 'lab-mlflow-'));
  const pipeline = join(store, 'pipeline.json');
  writeFileSync(pipeline, JSON.stringify([
    { cmd: 'data.generate', dataset: 'loan', rows: 1500, seed: 3 },
    { cmd: 'train.run', algo: 'logistic_regression', run_name: 'loan-binary' },
    { cmd: 'data.generate', dataset: 'iris' },
    { cmd: 'train.run', algo: 'random_forest', params: { n_estimators: 10 }, run_name: 'iris-multiclass' },
    { cmd: 'data.generate', dataset: 'production_hours', rows: 800, seed: 4 },
    { cmd: 'train.run', algo: 'ridge_regression', run_name: 'hours-regression' },
  ]));
  const mlruns = join(store, 'mlruns');
  const made = spawnSync(lab, ['run', pipeline, '--store', mlruns], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr + made.stdout);

  const r = spawnSync('/usr/bin/python3', ['tests/cli/mlflow_check.py', mlruns], {
    encoding: 'utf8', env: { ...process.env, PYTHONPATH: mlflowSrc, PYTHONNOUSERSITE: '1', PYTHONWARNINGS: 'ignore' },
  });
  assert.equal(r.status, 0, r.stderr);
  const runs = JSON.parse(r.stdout.trim().split('\n').at(-1));
  assert.equal(runs.length, 3);
  const byName = Object.fromEntries(runs.map((x) => [x.run_name, x]));
  for (const [name, task] of [['loan-binary', 'binary'], ['iris-multiclass', 'multiclass'], ['hours-regression', 'regression']]) {
    const run = byName[name];
    assert.ok(run, `run ${name} is listed by MLflow`);
    assert.equal(run.status, 'FINISHED');
    assert.equal(run.tags['mlflow.runName'], name);
    assert.ok(run.tags['mlflow.user']);
    assert.equal(run.tags['mlflow.source.name'], 'mlops-lab');
    assert.equal(run.tags['mlflow.source.type'], 'LOCAL');

    const m = run.model;
    assert.equal(m.run_id, run.run_id);
    assert.equal(m.artifact_path, 'model');
    assert.match(m.model_uuid, /^[0-9a-f]{32}$/);
    assert.match(m.utc_time_created, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$/);
    const flavor = m.flavors.mlops_lab;
    assert.equal(flavor.data, 'model.json');
    assert.equal(flavor.contract, 'contract.json');
    assert.equal(flavor.task, task);
    // The signature is the inference contract: its fields, in order, typed and required as it says.
    const runDir = join(mlruns, '0', run.run_id, 'artifacts', 'model');
    const contract = JSON.parse(readFileSync(join(runDir, 'contract.json'), 'utf8'));
    assert.deepEqual(m.inputs.map((c) => c.name), contract.fields.map((f) => f.name));
    for (const [i, f] of contract.fields.entries()) {
      assert.equal(m.inputs[i].type, { category: 'string', integer: 'long', number: 'double' }[f.type], f.name);
      assert.equal(m.inputs[i].required, f.required, f.name);
    }
    // The input example is the contract's example request, as a one-row DataFrame.
    assert.equal(m.example_type, 'DataFrame');
    assert.deepEqual(m.example_columns, contract.fields.map((f) => f.name));
    assert.equal(m.example_row.length, contract.fields.length);
    assert.equal(m.outputs[0].name, 'prediction');
    assert.equal(m.outputs[0].type, task === 'regression' ? 'double' : 'string');
    if (task === 'binary') assert.equal(m.outputs[1].name, 'probability');
    if (task === 'multiclass') {
      assert.equal(m.outputs[1].type, 'object');
      assert.deepEqual(Object.keys(m.outputs[1].spec.properties).sort(), [...flavor.classes].sort());
    }
    // MLflow's list of the run's logged models, and its model lookup by runs:/ URI.
    assert.equal(run.history.length, 1);
    assert.equal(run.history[0].model_uuid, m.model_uuid);
    assert.deepEqual(run.history[0].flavors, ['mlops_lab']);
    assert.equal(run.model_info.model_uuid, m.model_uuid);
    assert.deepEqual(run.model_info.signature_inputs, contract.fields.map((f) => f.name));
  }
  // The loan example row is the contract's example request, value for value.
  const loan = byName['loan-binary'];
  const example = JSON.parse(readFileSync(join(mlruns, '0', loan.run_id, 'artifacts', 'model', 'input_example.json'), 'utf8'));
  assert.deepEqual(loan.model.example_row, example.data[0]);
});
