// Runs explorer at scale in headless Chromium (SwiftShader): frame times with 1,000 runs and
// with 10 runs x 10,000 steps charted, and the time to persist and to reload 1,000 runs.
// Not part of scripts/test.sh. Needs `bash scripts/build.sh web` first.
//   node bench/runs_explorer.mjs            (prints a table; about two minutes)
// Frame time = interval between animation frames (what the user sees; 16.7 ms = 60 fps);
// work = time spent inside the lab's frame function (Module.pre/postMainLoop hooks).
import { rmSync } from 'node:fs';
import { startServer } from '../scripts/serve.mjs';
import { launch, freshProfileDir, openLab, cmd, waitFor } from '../tests/e2e/browser.mjs';
import { makeRuns } from '../tests/e2e/tracking_helpers.mjs';
import { sampleFrames } from './frame_sampler.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 3);

function pct(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))];
}

// The machine is shared, so every scenario is followed by a baseline measured right after it:
// the Data module with nothing loaded. Compare each scenario with its own baseline.
async function measureWithBaseline(page, label) {
  const row = await measureFrames(page, label);
  await cmd(page, { cmd: 'ui.select', module: 'data' });
  const base = await measureFrames(page, '  (baseline right after: empty Data module)');
  await cmd(page, { cmd: 'ui.select', module: 'runs' });
  return [row, base];
}

async function measureFrames(page, label) {
  await page.waitForTimeout(500);  // let caches settle after a view change
  const r = await sampleFrames(page, seconds);
  const row = {
    view: label,
    frames: r.intervals.length,
    'frame p50 ms': pct(r.intervals, 0.5).toFixed(1),
    'frame p95 ms': pct(r.intervals, 0.95).toFixed(1),
    'fps (p50)': (1000 / pct(r.intervals, 0.5)).toFixed(0),
    'work p50 ms': pct(r.work, 0.5).toFixed(2),
    'work p95 ms': pct(r.work, 0.95).toFixed(2),
  };
  console.log(JSON.stringify(row));
  return row;
}

const server = await startServer({ port: 0 });
const url = `http://127.0.0.1:${server.address().port}/`;
const profile = freshProfileDir('bench-runs');
const rows = [], timings = {};
try {
  let context = await launch(profile);
  let { page } = await openLab(context, url);
  let t = Date.now();
  await makeRuns(page, { count: 1000, steps: 20, prefix: 'grid' });
  timings['create 1,000 runs via commands (s)'] = ((Date.now() - t) / 1000).toFixed(2);
  t = Date.now();
  await cmd(page, { cmd: 'storage.flush' });
  await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { timeout: 120000, what: 'flush' });
  timings['persist 1,000 runs to IndexedDB (s)'] = ((Date.now() - t) / 1000).toFixed(2);
  await context.close();

  context = await launch(profile);
  t = Date.now();
  ({ page } = await openLab(context, url));
  const listed = (await cmd(page, { cmd: 'runs.list', max_results: 1 })).runs.length;
  timings['reload: open tab until 1,000 runs are listed (s)'] = ((Date.now() - t) / 1000).toFixed(2);
  timings['runs after reload'] = (await cmd(page, { cmd: 'runs.list' })).runs.length;
  if (listed !== 1) throw new Error('no runs after reload');

  await cmd(page, { cmd: 'ui.select', module: 'runs' });
  await page.waitForTimeout(300);
  await cmd(page, { cmd: 'ui.runs', tab: 'table' });
  rows.push(...await measureWithBaseline(page, 'table, 1,000 runs'));
  await cmd(page, { cmd: 'ui.runs', filter: "metrics.roc_auc > 0.9 and params.algo = 'gbdt'" });
  rows.push(...await measureWithBaseline(page, 'table, 1,000 runs filtered'));
  await cmd(page, { cmd: 'ui.runs', filter: '', select: 'all', tab: 'compare' });
  rows.push(...await measureWithBaseline(page, 'compare, 1,000 runs selected (40 curves drawn)'));
  await cmd(page, { cmd: 'ui.runs', compare: { group_by: 'C' } });
  rows.push(...await measureWithBaseline(page, 'compare, 1,000 runs grouped by C'));
  await cmd(page, { cmd: 'ui.runs', compare: { group_by: '' } });

  const exp = await cmd(page, { cmd: 'experiments.create', name: 'long curves' });
  t = Date.now();
  await makeRuns(page, { count: 10, steps: 10000, prefix: 'long', experiment: exp.experiment_id });
  timings['create 10 runs x 10,000 steps (s)'] = ((Date.now() - t) / 1000).toFixed(2);
  await cmd(page, { cmd: 'ui.runs', select: 'all', tab: 'compare', compare: { smoothing: 0, log_y: false, group_by: '' } });
  rows.push(...await measureWithBaseline(page, 'compare, 10 runs x 10,000 steps'));
  await cmd(page, { cmd: 'ui.runs', compare: { smoothing: 0.9, log_y: true } });
  rows.push(...await measureWithBaseline(page, 'same, smoothing 0.9 + log axis'));
  await cmd(page, { cmd: 'ui.runs', compare: { smoothing: 0, log_y: false, group_by: 'C' } });
  rows.push(...await measureWithBaseline(page, 'same, grouped by C (mean +/- std)'));
  await cmd(page, { cmd: 'ui.runs', tab: 'table' });
  rows.push(...await measureWithBaseline(page, 'table, 10 long runs'));
  await context.close();
} catch (e) {
  console.error('benchmark failed:', e);
  process.exitCode = 1;
} finally {
  server.close();
  rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
}
console.log('\nRuns explorer benchmark (headless Chromium, SwiftShader, 1400x900)');
console.table(rows);
console.table(Object.entries(timings).map(([what, value]) => ({ what, value })));
