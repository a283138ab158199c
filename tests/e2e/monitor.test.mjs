// The Monitor module by mouse and keyboard (issue 12): a model trained, registered and deployed by
// clicks, two weeks of covariate drift simulated from the module's own controls, the per-day
// charts and the drift table flagging the column that moved, the Prometheus text copied with its
// button, a drift alert rule added and acknowledged in the module, and a reload that keeps the
// request log, the ground truth and the alerts behind them. Clicks and
// keys go at widgets found by label; commands only read results back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd, waitFor } from './browser.mjs';
import { click, findItem, scrollIntoView, typeInto, waitFrames } from './ui.mjs';
import { choose, labForThisFile, openModule, shotsAtThreeSizes, trainRegisterDeployByClicks } from './journey_helpers.mjs';

const lab = labForThisFile('monitor', { permissions: ['clipboard-read', 'clipboard-write'] });
const shots = (page, name, focus) => shotsAtThreeSizes(page, `monitor-${name}`, focus);

const monitorView = async (page) => {
  const v = await cmd(page, { cmd: 'ui.monitor' });
  assert.equal(v.ok, true, JSON.stringify(v));
  return v;
};

test('deploy by clicks, simulate two weeks of covariate drift, read the charts and the drift table, copy the metrics, reload', { timeout: 900000 }, async () => {
  const { page } = lab;
  await trainRegisterDeployByClicks(page);

  await openModule(page, 'Monitor');
  await choose(page, 'scenario', 'covariate drift');
  await typeInto(page, 'days', '14', { window: 'panel', exact: true });
  await typeInto(page, 'requests', '1400', { window: 'panel', exact: true });
  await typeInto(page, 'seed', '3', { window: 'panel', exact: true });
  await click(page, 'Simulate', { window: 'panel', exact: true });

  // The simulation went through the endpoint: 14 days of 100 requests, one version.
  const windows = await waitFor(page, { cmd: 'monitor.windows', endpoint: 'loan-api' }, (r) => r.ok && r.requests === 1400,
    { what: 'the 1,400 simulated requests in the log' });
  assert.deepEqual([...new Set(windows.windows.map((w) => w.window))], Array.from({ length: 14 }, (_, i) => i + 1));
  const view = await monitorView(page);
  assert.equal(view.scenario, 'covariate_drift');
  assert.equal(view.days, 14);
  assert.equal(view.simulated.feature, 'income', 'the loan story: applicants\' income falls');

  // The four per-day charts are drawn with a point per day (accuracy: per day whose outcomes
  // arrived, a day later, so the last day is a gap).
  const charts = Object.fromEntries(view.charts.map((c) => [c.id, c]));
  assert.deepEqual(Object.keys(charts), ['requests_chart', 'invalid_chart', 'latency_chart', 'accuracy_chart']);
  assert.equal(charts.requests_chart.points, 14);
  assert.equal(charts.latency_chart.points, 28, 'p50 and p99 per day');
  assert.equal(charts.accuracy_chart.points, 13);
  await shots(page, '01-charts');

  // The drift table: the drifted column comes first and says so; clicking it shows its
  // reference and current distributions side by side.
  const income = await scrollIntoView(page, 'income', { window: 'panel', exact: true });
  assert.ok(income, 'the income row is on screen');
  const shown = (await monitorView(page)).drift_rows;
  assert.equal(shown[0].column, 'income', `drifted first: ${JSON.stringify(shown)}`);
  assert.equal(shown[0].drifted, true);
  assert.equal(shown[0].test, 'Wasserstein distance (normed)', 'a number against 5,000 training rows (over 1,000): Evidently\'s normed Wasserstein');
  const report = await cmd(page, { cmd: 'monitor.drift', endpoint: 'loan-api' });
  assert.deepEqual(report.columns.filter((c) => c.drifted).map((c) => c.column).sort(), shown.filter((r) => r.drifted).map((r) => r.column).sort());
  await click(page, 'income', { window: 'panel', exact: true });
  assert.equal((await monitorView(page)).selected_column, 'income');
  await scrollIntoView(page, 'Close chart', { window: 'panel' });
  await shots(page, '02-drift', 'Close chart');

  // A drift rule added with the rules editor fires on the drifted days; Acknowledge marks it.
  await scrollIntoView(page, 'Rules (3)', { window: 'panel' });
  await click(page, 'Rules (3)', { window: 'panel', exact: true });
  await choose(page, 'metric', 'drift_share');
  await typeInto(page, 'threshold##rule', '0.5', { window: 'panel', exact: true });
  await click(page, 'Add rule', { window: 'panel', exact: true });
  let alerts = await cmd(page, { cmd: 'monitor.alerts', endpoint: 'loan-api' });
  const driftAlerts = alerts.alerts.filter((a) => a.metric === 'drift_share');
  assert.ok(driftAlerts.length >= 1 && driftAlerts.every((a) => a.value >= 0.5), JSON.stringify(alerts));
  assert.ok(driftAlerts.some((a) => a.state === 'firing'), 'still firing on day 14, when income has moved');
  await scrollIntoView(page, 'Acknowledge', { window: 'panel', exact: true, index: 0 });
  await click(page, 'Acknowledge', { window: 'panel', exact: true, index: 0 });
  alerts = await cmd(page, { cmd: 'monitor.alerts', endpoint: 'loan-api' });
  const acknowledged = alerts.alerts.filter((a) => a.acknowledged).map((a) => a.id);
  assert.equal(acknowledged.length, 1, JSON.stringify(alerts));
  assert.equal((await monitorView(page)).alerts.length, alerts.alerts.length, 'the panel lists every alert');
  await shots(page, '03-alerts', 'Add rule');

  // Copy metrics puts the exposition the panel shows on the browser's clipboard.
  await page.evaluate(() => navigator.clipboard.writeText('something else'));
  await scrollIntoView(page, 'Copy metrics', { window: 'panel' });
  await click(page, 'Copy metrics', { window: 'panel' });
  await waitFrames(page, 2);
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  const metrics = (await cmd(page, { cmd: 'monitor.metrics', endpoint: 'loan-api' })).text;
  assert.equal(copied, metrics);
  assert.match(copied, /lab_requests_total\{endpoint="loan-api",version="1",status="200"\} \d+/);
  assert.match(copied, /lab_drift_share\{endpoint="loan-api"\} 0\.\d+/);
  await shots(page, '04-metrics', 'Copy metrics');

  // A reload keeps the request log and the ground truth: the same windows, the same verdict.
  await cmd(page, { cmd: 'storage.flush' });
  await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'the log saved in IndexedDB' });
  await page.reload();
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  const after = await cmd(page, { cmd: 'monitor.windows', endpoint: 'loan-api' });
  assert.equal(after.requests, 1400);
  assert.equal(after.labelled, windows.labelled);
  assert.deepEqual(after.windows.map((w) => w.accuracy), windows.windows.map((w) => w.accuracy));
  const alertsAfter = await cmd(page, { cmd: 'monitor.alerts', endpoint: 'loan-api' });
  assert.deepEqual(alertsAfter.alerts.filter((a) => a.acknowledged).map((a) => a.id), acknowledged, 'acknowledged alerts stay acknowledged');
  assert.equal(alertsAfter.alerts.length, alerts.alerts.length, 'no alert lost or repeated');
  await openModule(page, 'Monitor');
  await waitFrames(page, 3);
  assert.equal((await monitorView(page)).drift_rows[0].column, 'income');
  await findItem(page, 'Simulate', { window: 'panel', exact: true });
  await shots(page, '05-after-reload');
  assert.deepEqual(lab.errors, []);
});

test('the Registry runs the promotion gates on the deployed version by click and shows each test', { timeout: 300000 }, async () => {
  const { page } = lab;
  await openModule(page, 'Registry');
  await scrollIntoView(page, 'Promotion gates', { window: 'panel' });
  await click(page, 'Promotion gates', { window: 'panel', exact: true });
  await scrollIntoView(page, 'require the gates before @champion', { window: 'panel' });
  await click(page, 'require the gates before @champion', { window: 'panel' });
  await scrollIntoView(page, 'Run the gates on v1', { window: 'panel' });
  await click(page, 'Run the gates on v1', { window: 'panel' });
  const gates = await cmd(page, { cmd: 'registry.gates', model: 'loan-approval' });
  assert.equal(gates.suite.required, true);
  const report = gates.reports['1'];
  assert.ok(report, JSON.stringify(gates));
  const status = Object.fromEntries(report.results.map((r) => [r.gate, r.status]));
  assert.deepEqual(status, { held_out_metric: 'passed', no_regression: 'skipped', contract: 'passed', latency: 'passed', invariance: 'skipped' },
    JSON.stringify(report.results));
  await shots(page, '06-registry-gates', 'Run the gates on v1');
  assert.deepEqual(lab.errors, []);
});
