// `lab drift`: two CSV files in, the per-column drift table (or JSON) out, the numbers as SciPy
// computes them on the same files (Debian's /usr/bin/python3), and clear errors for bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lab = process.env.LAB_CLI ?? join(process.cwd(), 'build/native/src/lab');
const run = (...args) => spawnSync(lab, args, { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'lab-drift-'));

// A small seeded generator so the files are the same every run.
let state = 12345;
const rand = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
function csv(name, rows, shift, fiberShare) {
  const lines = ['tenure,plan,MonthlyCharges'];
  for (let i = 0; i < rows; i++) {
    const plan = rand() < fiberShare ? 'Fiber optic' : (rand() < 0.5 ? 'DSL' : 'No');
    lines.push(`${Math.floor(rand() * 70 + shift)},${plan},${(20 + rand() * 80 + shift).toFixed(2)}`);
  }
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
const ref = csv('ref.csv', 600, 0, 0.3);
const cur = csv('cur.csv', 400, 8, 0.6);

test('lab drift --json: K-S and chi-squared as SciPy computes them, and the dataset verdict', () => {
  const r = run('drift', '--reference', ref, '--current', cur, '--json');
  assert.equal(r.status, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  const col = (name) => report.columns.find((c) => c.column === name);
  assert.equal(col('tenure').test, 'ks');
  assert.equal(col('plan').test, 'chisquare');
  const py = spawnSync('/usr/bin/python3', ['-c', `
import json, sys, pandas as pd
from scipy import stats
a = pd.read_csv(sys.argv[1]); b = pd.read_csv(sys.argv[2])
ks = stats.ks_2samp(a.tenure, b.tenure)
keys = sorted(set(a.plan) | set(b.plan)); k = len(b) / len(a)
chi = stats.chisquare([int((b.plan == x).sum()) for x in keys], [int((a.plan == x).sum()) * k for x in keys])
print(json.dumps([ks.statistic, ks.pvalue, chi.statistic, chi.pvalue]))
`, ref, cur], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stderr);
  const [ksD, ksP, chiS, chiP] = JSON.parse(py.stdout);
  const close = (a, b) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.abs(b) + 1e-300, `${a} vs SciPy ${b}`);
  close(col('tenure').statistic, ksD);
  close(col('tenure').p_value, ksP);
  close(col('plan').statistic, chiS);
  close(col('plan').p_value, chiP);
  assert.equal(col('plan').drifted, true);
  assert.equal(report.drifted, report.columns.filter((c) => c.drifted).length);
  assert.equal(report.dataset_drift, report.share >= 0.5);
  assert.match(report.verdict, /columns/);
});

test('lab drift prints a table with the test, the score, the threshold and the verdict', () => {
  const r = run('drift', '--reference', ref, '--current', cur);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^column\s+type\s+test\s+statistic\s+p_value\/dist\s+threshold\s+drifted$/m);
  assert.match(r.stdout, /^plan\s+categorical\s+chisquare\s+\S+\s+\S+\s+0\.05\s+yes$/m);
  assert.match(r.stdout, /^share \S+ \(\d of 3 columns drifted, dataset drift at >= 0\.5\)$/m);
  assert.match(r.stdout, /^dataset_drift (yes|no)$/m);
});

test('lab drift explains bad input and exits 2', () => {
  const empty = join(dir, 'empty.csv');
  writeFileSync(empty, 'tenure,plan,MonthlyCharges\n');
  let r = run('drift', '--reference', ref, '--current', empty);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /current file .*no data rows|current window has no rows/);
  const extra = join(dir, 'extra.csv');
  writeFileSync(extra, 'tenure,plan,MonthlyCharges,age\n1,DSL,20,30\n');
  r = run('drift', '--reference', ref, '--current', extra);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /column 'age' is in the current data but not in the reference/);
  r = run('drift', '--reference', ref);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /lab drift needs --current FILE\.csv/);
  r = run('drift', '--reference', join(dir, 'missing.csv'), '--current', cur);
  assert.match(r.stderr, /cannot open the reference file/);
});
