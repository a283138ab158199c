// The native `lab` CLI: same commands as the browser, same MLflow-layout store.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lab = process.env.LAB_CLI ?? join(process.cwd(), 'build/native/src/lab');
const run = (...args) => spawnSync(lab, args, { encoding: 'utf8' });

test('lab version prints the version', () => {
  const r = run('version');
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^mlops-lab \d+\.\d+\.\d+/);
});

test('lab train writes a finished run in MLflow layout and prints metrics as JSON', () => {
  const store = mkdtempSync(join(tmpdir(), 'lab-cli-'));
  const r = run('train', '--rows', '2000', '--seed', '5', '--C', '0.5', '--store', store);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.state, 'done');
  assert.ok(out.metrics.roc_auc > 0.8);
  const runDir = join(store, '0', out.run_id);
  assert.equal(readFileSync(join(runDir, 'params', 'C'), 'utf8'), '0.5');
  assert.match(readFileSync(join(runDir, 'meta.yaml'), 'utf8'), /status: 3\n/);
  assert.ok(existsSync(join(runDir, 'artifacts', 'model', 'model.json')));
  const lines = readFileSync(join(runDir, 'metrics', 'train_loss'), 'utf8').trim().split('\n');
  assert.equal(lines.length, out.train_loss.length);
  assert.match(lines[0], /^\d{13} [\d.e-]+ 1$/);
});

test('lab run executes a pipeline file and stops at the first failing step', () => {
  const store = mkdtempSync(join(tmpdir(), 'lab-cli-'));
  const file = join(store, 'pipeline.json');
  writeFileSync(file, JSON.stringify([
    { cmd: 'data.generate', rows: 1000, seed: 2 },
    { cmd: 'train.run', params: { C: 2 } },
    { cmd: 'train.run', params: { C: -1 } },
    { cmd: 'runs.list' },
  ]));
  const r = run('run', file, '--store', store);
  assert.equal(r.status, 1);
  const replies = JSON.parse(r.stdout);
  assert.equal(replies.length, 3);
  assert.equal(replies[1].state, 'done');
  assert.match(replies[2].error, /'C' must be between/);
  assert.equal(readdirSync(join(store, '0')).filter((n) => /^[0-9a-f]{32}$/.test(n)).length, 1);
});

test('bad input gives a clear message and a non-zero exit', () => {
  let r = run('train', '--rows', 'lots');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--rows expects a number, got 'lots'/);
  r = run('cmd', '{"cmd":"data.generate","rows":-1}', '--store', mkdtempSync(join(tmpdir(), 'lab-cli-')));
  assert.equal(r.status, 1);
  assert.match(JSON.parse(r.stdout).error, /positive number of rows/);
  r = run('fly');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /unknown command 'fly'/);
});

test('lab train takes a CSV file and a target, or a workshop dataset, with any learner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-cli-'));
  const csv = join(dir, 'tiny.csv');
  const rows = ['size,colour,label'];
  for (let i = 0; i < 60; i++) rows.push(`${(i * 1.5 + 0.25).toFixed(2)},${i % 2 ? 'red' : 'blue'},${i >= 30 ? 'big' : 'small'}`);  // not an id-like integer sequence
  writeFileSync(csv, rows.join('\n') + '\n');
  let r = run('train', '--csv', csv, '--target', 'label', '--algo', 'gaussian_nb', '--store', dir);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.ok(JSON.parse(r.stdout).metrics.accuracy > 0.9);
  r = run('train', '--dataset', 'iris', '--algo', 'knn', '--params', '{"n_neighbors": 7}', '--store', dir);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.ok(JSON.parse(r.stdout).metrics.macro_f1 > 0.9);
  r = run('train', '--csv', join(dir, 'missing.csv'), '--store', dir);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot open CSV file/);
});
