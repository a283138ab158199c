// The `lab` CLI on files participants really bring: other encodings, binary files, missing
// target values, a task to correct, runs that fail. Nothing may leak a library's error text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lab = process.env.LAB_CLI ?? join(process.cwd(), 'build/native/src/lab');
const run = (...args) => spawnSync(lab, args, { encoding: 'utf8' });
const fresh = () => mkdtempSync(join(tmpdir(), 'lab-hostile-'));
const noLeak = (text) => {
  assert.doesNotMatch(text, /json\.exception|std::|_M_|basic_string|what\(\)/, text);
};
// Windows-1252 bytes: é = E9, ü = FC, € = 80.
const cp1252 = (s) => Buffer.from([...s].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));
const runMeta = (store, runId) => readFileSync(join(store, '0', runId, 'meta.yaml'), 'utf8');
const tag = (store, runId, name) => readFileSync(join(store, '0', runId, 'tags', name), 'utf8');

function windows1252Csv() {
  let csv = 'Kundenname,Straße,Umsatz €,Stadt,gekündigt\n';
  const names = ['José', 'Müller', 'Zoë', 'François', 'Jürgen', 'Ærø'];
  for (let i = 0; i < 60; i++)
    csv += `${names[i % 6]} ${i},Hauptstraße ${i},${(i * 7) % 50}.5 €,${i % 3 ? 'Köln' : 'Zürich'},${i % 2 ? 'ja' : 'nein'}\n`;
  return cp1252(csv);
}

test('a Windows-1252 CSV with accented names imports with a note and trains', () => {
  const store = fresh();
  const file = join(store, 'kunden.csv');
  writeFileSync(file, windows1252Csv());
  const r = run('train', '--csv', file, '--target', 'gekündigt', '--algo', 'decision_tree', '--store', store);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  noLeak(r.stdout + r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.ok, true);
  assert.equal(out.state, 'done');
  assert.match(out.data.import_note, /^read as Windows-1252; \d+ characters converted$/);
  assert.match(r.stderr, /lab: note: read as Windows-1252; \d+ characters converted/);
  assert.equal(out.data.target, 'gekündigt');
  // The store holds UTF-8: the target tag reads back with its umlaut.
  assert.equal(tag(store, out.run_id, 'lab.target'), 'gekündigt');
});

test('the import command reads a Windows-1252 file by path and says so', () => {
  const store = fresh();
  const file = join(store, 'kunden.csv');
  writeFileSync(file, windows1252Csv());
  const r = run('cmd', JSON.stringify({ cmd: 'data.import_csv', path: file, target: 'gekündigt' }), '--store', store);
  assert.equal(r.status, 0, r.stdout);
  const out = JSON.parse(r.stdout);
  assert.match(out.import_note, /read as Windows-1252; \d+ characters converted/);
  // In one process (a pipeline file): the schema holds the accented names as UTF-8.
  const pipeline = join(store, 'pipeline.json');
  writeFileSync(pipeline, JSON.stringify([{ cmd: 'data.import_csv', path: file, target: 'gekündigt' }, { cmd: 'data.schema' }]));
  const p = run('run', pipeline, '--store', store);
  assert.equal(p.status, 0, p.stdout);
  const schema = JSON.parse(p.stdout)[1];
  assert.deepEqual(schema.columns.map((c) => c.name), ['Kundenname', 'Straße', 'Umsatz €', 'Stadt', 'gekündigt']);
  assert.deepEqual(schema.columns.find((c) => c.name === 'Stadt').categories, ['Köln', 'Zürich']);
});

test('UTF-16 with a byte-order mark imports; a PNG and a ZIP are refused naming what they are', () => {
  const store = fresh();
  const utf16 = join(store, 'u16.csv');
  let csv = 'x,Größe,target\n';
  for (let i = 0; i < 40; i++) csv += `${i},${i % 5}.25,${i % 2}\n`;
  writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]));
  let r = run('train', '--csv', utf16, '--algo', 'gaussian_nb', '--store', store);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(JSON.parse(r.stdout).data.import_note, /read as UTF-16 LE/);

  const png = join(store, 'chart.png');
  writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'));
  r = run('train', '--csv', png, '--store', store);
  assert.equal(r.status, 1);
  noLeak(r.stdout + r.stderr);
  const refused = JSON.parse(r.stdout);
  assert.equal(refused.ok, false);
  assert.match(refused.error, /looks like a PNG image, not a CSV text file/);
  const zip = join(store, 'book.xlsx');
  writeFileSync(zip, Buffer.from('504b0304140000000800', 'hex'));
  r = run('train', '--csv', zip, '--store', store);
  assert.match(JSON.parse(r.stdout).error, /a ZIP archive \(an Excel \.xlsx workbook is one\)/);
});

test('rows without a target value are dropped and counted in the output and as a run tag', () => {
  const store = fresh();
  const file = join(store, 'gaps.csv');
  let csv = 'a,b,target\n';
  for (let i = 0; i < 100; i++) csv += `${i % 10},${(i * 3) % 7},${i % 9 === 0 ? '' : i % 2}\n`;
  writeFileSync(file, csv);
  const r = run('train', '--csv', file, '--algo', 'logistic_regression', '--store', store);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.rows_dropped_missing_target, 12);
  assert.equal(out.data.rows_missing_target, 12);
  assert.equal(out.metrics.train_rows + out.metrics.test_rows, 88);
  assert.equal(tag(store, out.run_id, 'lab.rows_dropped_missing_target'), '12');
});

test('--task: the reason is shown, a 50-class integer target can be made multiclass, the impossible is refused', () => {
  const store = fresh();
  const file = join(store, 'grades.csv');
  let csv = 'hours,grade\n';
  for (let i = 0; i < 500; i++) csv += `${i % 37}.5,${i % 50}\n`;
  writeFileSync(file, csv);
  let r = run('train', '--csv', file, '--target', 'grade', '--algo', 'decision_tree', '--store', store);
  assert.equal(r.status, 0, r.stderr);
  let out = JSON.parse(r.stdout);
  assert.equal(out.task, 'regression');
  assert.equal(out.data.task_reason, '50 distinct whole numbers (more than 10): treated as regression');
  r = run('train', '--csv', file, '--target', 'grade', '--task', 'multiclass', '--algo', 'decision_tree', '--store', store);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  out = JSON.parse(r.stdout);
  assert.equal(out.task, 'multiclass');
  assert.match(out.data.task_reason, /^chosen: multiclass \(the automatic choice: 50 distinct whole numbers/);
  r = run('train', '--csv', file, '--target', 'grade', '--task', 'binary', '--store', store);
  assert.equal(r.status, 1);
  assert.match(JSON.parse(r.stdout).error, /binary classification needs exactly 2 classes; the target 'grade' has 50\. Use multiclass\./);
  r = run('train', '--dataset', 'churn', '--rows', '300', '--task', 'regression', '--store', store);
  assert.equal(r.status, 1);
  assert.match(JSON.parse(r.stdout).error, /holds categories; regression needs a numeric target/);
  r = run('train', '--dataset', 'churn', '--rows', '300', '--task', 'sideways', '--store', store);
  assert.match(JSON.parse(r.stdout).error, /unknown task 'sideways'; use auto, binary, multiclass or regression/);
});

test('a failed run exits non-zero with ok false and ends FAILED with its reason as a tag', () => {
  const store = fresh();
  const file = join(store, 'constant.csv');
  let csv = 'a,b,target\n';
  for (let i = 0; i < 50; i++) csv += `1,2,${i % 2}\n`;
  writeFileSync(file, csv);
  const r = run('train', '--csv', file, '--algo', 'gaussian_nb', '--store', store);
  noLeak(r.stdout + r.stderr);
  const out = JSON.parse(r.stdout);
  assert.notEqual(r.status, 0);
  assert.equal(out.ok, false);
  assert.equal(out.state, 'failed');
  assert.match(runMeta(store, out.run_id), /status: 4\n/);  // FAILED
  assert.equal(tag(store, out.run_id, 'lab.error'), out.error.replace(/^the run '[^']+' failed: /, ''));
});

test('a header with non-UTF-8 bytes never leaves a run RUNNING', () => {
  const store = fresh();
  const file = join(store, 'latin1-header.csv');
  let csv = 'Gr\xf6\xdfe,Pr\xe4mie,target\n';
  for (let i = 0; i < 60; i++) csv += `${i % 7},${(i * 5) % 11},${i % 2}\n`;
  writeFileSync(file, Buffer.from(csv, 'latin1'));
  const r = run('train', '--csv', file, '--algo', 'logistic_regression', '--store', store);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  noLeak(r.stdout + r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.state, 'done');
  for (const id of readdirSync(join(store, '0')).filter((d) => d.length === 32))
    assert.doesNotMatch(runMeta(store, id), /status: 1\n/, `run ${id} left RUNNING`);
  assert.ok(readdirSync(join(store, '0', out.run_id, 'params')).includes('C'));
});
