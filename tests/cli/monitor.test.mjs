// `lab monitor` on a store with a deployed loan model: concept-drift traffic through the
// endpoint, the windows show accuracy falling, a label by hand joins by request id, and the
// Prometheus exposition passes `promtool check metrics` (Debian's prometheus package).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const lab = process.env.LAB_CLI ?? join(process.cwd(), 'build/native/src/lab');
const store = mkdtempSync(join(tmpdir(), 'lab-monitor-'));
const run = (...args) => spawnSync(lab, [...args, '--store', store], { encoding: 'utf8' });
const cmd = (json) => {
  const r = run('cmd', JSON.stringify(json));
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return JSON.parse(r.stdout);
};

before(() => {
  const t = run('train', '--dataset', 'loan', '--rows', '2000', '--seed', '3');
  assert.equal(t.status, 0, t.stderr);
  const runId = JSON.parse(t.stdout).run_id;
  cmd({ cmd: 'registry.register', model: 'loan', run_id: runId });
  cmd({ cmd: 'registry.set_alias', model: 'loan', alias: 'champion', version: 1 });
  cmd({ cmd: 'serve.deploy', endpoint: 'loan-api', model: 'loan' });
  const sim = run('monitor', 'simulate', '--endpoint', 'loan-api', '--scenario', 'concept_drift', '--days', '8',
    '--requests', '1600', '--seed', '11', '--drift-day', '4', '--ramp-days', '1');
  assert.equal(sim.status, 0, sim.stdout + sim.stderr);
  const out = JSON.parse(sim.stdout);
  assert.equal(out.answered + out.rejected, 1600);
  assert.ok(out.rejected <= 5, `rejected ${out.rejected}`);
});

test('lab monitor windows: accuracy falls after the concept changes; the last day waits for labels', () => {
  const r = run('monitor', 'windows', '--endpoint', 'loan-api');
  assert.equal(r.status, 0, r.stderr);
  const w = JSON.parse(r.stdout).windows;
  assert.equal(w.length, 8);
  assert.ok(w[1].accuracy - w[5].accuracy > 0.15, `day 2 ${w[1].accuracy} vs day 6 ${w[5].accuracy}`);
  assert.equal(w[7].accuracy, null);
  assert.match(w[7].no_metrics_reason, /no ground truth has arrived/);
});

test('lab monitor metrics: promtool check metrics accepts the exposition', (t) => {
  const r = run('monitor', 'metrics', '--endpoint', 'loan-api');
  assert.equal(r.status, 0, r.stderr);
  if (spawnSync('promtool', ['--version']).error) {
    t.skip('promtool is not installed (Debian package prometheus, which scripts/setup.sh test installs)');
    return;
  }
  const check = spawnSync('promtool', ['check', 'metrics'], { input: r.stdout, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr + '\n' + r.stdout);
  assert.match(r.stdout, /^lab_requests_total\{endpoint="loan-api",version="1",status="200"\} \d+$/m);
  assert.match(r.stdout, /^lab_request_latency_seconds_count\{endpoint="loan-api",version="1"\} 1600$/m);  // rejected requests are timed too
  assert.match(r.stdout, /^lab_drift_share\{endpoint="loan-api"\} [0-9.]+$/m);
  assert.match(r.stdout, /^lab_window_accuracy\{endpoint="loan-api",version="1"\} 0\.[0-9]+$/m);
  assert.match(r.stdout, /^lab_ground_truth_total\{endpoint="loan-api"\} 1[34]\d\d$/m);
  assert.match(r.stdout, /^lab_alerts_firing\{endpoint="loan-api",metric="accuracy"\} 1$/m);  // concept drift
});

test('lab monitor ground-truth joins by request id and refuses unknown ids', () => {
  const log = cmd({ cmd: 'serve.log', endpoint: 'loan-api', limit: 1 });
  const id = log.entries[0].request_id;
  let r = run('monitor', 'ground-truth', '--endpoint', 'loan-api', '--request-id', id, '--actual', '1');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(JSON.parse(r.stdout).recorded, 1);
  r = run('monitor', 'ground-truth', '--endpoint', 'loan-api', '--request-id', 'req-0000-1', '--actual', '1');
  assert.equal(r.status, 1);
  assert.match(JSON.parse(r.stdout).error, /no request 'req-0000-1' in the log/);
  r = run('monitor', 'windows');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /needs --endpoint NAME/);
});

test('lab monitor alerts: the concept drift raised an accuracy alert; lab monitor rule adds one and refuses unknown metrics', () => {
  let r = run('monitor', 'alerts', '--endpoint', 'loan-api');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const alerts = JSON.parse(r.stdout).alerts;
  assert.deepEqual(alerts.map((a) => a.metric), ['accuracy'], JSON.stringify(alerts));
  assert.match(alerts[0].message, /^Day \d+: accuracy was 0\.\d+ \(rule: accuracy below 0\.7 over the last 200 labelled requests\)/);
  r = run('monitor', 'rule', '--endpoint', 'loan-api', '--metric', 'latency_p99_ms', '--threshold', '0');
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const added = JSON.parse(r.stdout);
  assert.equal(added.rule.description, 'p99 latency above 0 ms that day');
  assert.ok(added.alerts.some((a) => a.rule_id === added.rule.id && a.window === 1), 'every day is slower than 0 ms');
  r = run('monitor', 'rule', '--endpoint', 'loan-api', '--metric', 'f1', '--threshold', '0.5');
  assert.equal(r.status, 1);
  assert.match(JSON.parse(r.stdout).error, /unknown metric 'f1'; a rule can watch accuracy, rmse, drift_share/);
});
