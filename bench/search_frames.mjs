// Frame times in the tab while a search runs (issue 14: p95 at most 2x the idle p95), in headless
// Chromium (SwiftShader), with the approach of bench/runs_explorer.mjs: the Tune module idle, then
// while a tune runs (stepped on the main thread a fit at a time where the page has no threads),
// each followed by an idle baseline measured right after it (the machine is shared).
// Not part of scripts/test.sh. Needs `bash scripts/build.sh web` first.
//   node bench/search_frames.mjs            (BENCH_SECONDS per scenario, default 4)
import { rmSync } from 'node:fs';
import { startServer } from '../scripts/serve.mjs';
import { launch, freshProfileDir, openLab, cmd, waitFor } from '../tests/e2e/browser.mjs';
import { sampleFrames } from './frame_sampler.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const pct = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))];
};

async function measure(page, label) {
  await page.waitForTimeout(300);
  const r = await sampleFrames(page, seconds);
  const row = { scenario: label, frames: r.intervals.length, 'frame p50 ms': pct(r.intervals, 0.5).toFixed(1),
    'frame p95 ms': pct(r.intervals, 0.95).toFixed(1), 'work p50 ms': pct(r.work, 0.5).toFixed(2),
    'work p95 ms': pct(r.work, 0.95).toFixed(2) };
  console.log(JSON.stringify(row));
  return row;
}

const server = await startServer({ port: 0 });
const url = `http://127.0.0.1:${server.address().port}/`;
const profile = freshProfileDir('bench-search');
const rows = [];
try {
  const context = await launch(profile);
  const { page } = await openLab(context, url);
  await cmd(page, { cmd: 'data.generate', dataset: process.env.BENCH_DATASET ?? 'loan', rows: Number(process.env.BENCH_ROWS ?? 5000), seed: 3 });
  await cmd(page, { cmd: 'ui.select', module: 'tune' });
  rows.push(await measure(page, 'Tune module, idle'));
  for (const [algo, params] of [['logistic_regression', {}], ['hist_gbdt', { n_estimators: { min: 20, max: 60 } }]]) {
    const started = await cmd(page, { cmd: 'tune.start', algo, space: params, trials: 200, cv: 3 });
    if (!started.ok) throw new Error(JSON.stringify(started));
    rows.push(await measure(page, `Tune module, ${algo} tune running (${started.on_main_thread ? 'main thread, paced' : 'worker thread'})`));
    const st = await cmd(page, { cmd: 'search.status', limit: 1 });
    rows.push({ scenario: `  trials ended while measured`, frames: st.trials_ended });
    await cmd(page, { cmd: 'search.cancel' });
    await waitFor(page, { cmd: 'search.status', limit: 1 }, (r) => !['running', 'paused', 'finishing'].includes(r.state), { timeout: 300000, what: 'cancel' });
    rows.push(await measure(page, '  (idle baseline right after)'));
  }
  console.table(rows);
  await context.close();
} finally {
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
