// AutoML in the tab (issue 14: "says how long wasm took"): the same search as bench/automl.sh
// (the loan workshop's data, ROWS=100000 rows, seed 7, BUDGET_S=60 s) started in headless
// Chromium with automl.start, as the AutoML module's button does, and followed with search.status
// until it is done. Prints the wall time, the trials, the winner and its test AUC, and the frames
// the page drew meanwhile (the tab must not freeze). Compare with bench/AUTOML.md (native).
// Usage: node bench/automl_tab.mjs   (needs the web build: bash scripts/build.sh app)
import { readFileSync } from 'node:fs';
import { startServer } from '../scripts/serve.mjs';
import { cmd, freshProfileDir, launch, openLab, waitFor } from '../tests/e2e/browser.mjs';

const rows = Number(process.env.ROWS ?? 100000);
const budget = Number(process.env.BUDGET_S ?? 60);
const must = (r) => { if (!r.ok) throw new Error(JSON.stringify(r).slice(0, 400)); return r; };
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

const site = await startServer({ port: 0 });
const context = await launch(freshProfileDir('automl-tab'), { width: 1280, height: 720 });
try {
  const { page } = await openLab(context, `http://127.0.0.1:${site.address().port}/`);
  const loadBefore = load();
  const g0 = Date.now();
  must(await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows, seed: 7 }));
  const generateS = (Date.now() - g0) / 1000;
  const framesBefore = (await cmd(page, { cmd: 'ui.frame' })).frame;
  const t0 = Date.now();
  must(await cmd(page, { cmd: 'automl.start', budget_s: budget, metric: 'roc_auc', seed: 7 }));
  const done = await waitFor(page, { cmd: 'search.status', limit: 5 }, (r) => ['done', 'failed', 'cancelled'].includes(r.state),
    { timeout: (budget * 6 + 300) * 1000, interval: 1000, what: 'AutoML to finish' });
  const wall = (Date.now() - t0) / 1000;
  const frames = (await cmd(page, { cmd: 'ui.frame' })).frame - framesBefore;
  if (done.state !== 'done') throw new Error(JSON.stringify(done).slice(0, 600));
  const final = done.reply ?? {};
  const best = done.leaderboard[0];
  console.log(`# AutoML in the tab (wasm, one thread, stepped on the page's main thread)`);
  console.log(`- ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ROWS=${rows}, BUDGET_S=${budget}, load average ${loadBefore} before / ${load()} after`);
  console.log(`- generating the data in the tab: ${generateS.toFixed(1)} s`);
  console.log(`- automl.start to done: ${wall.toFixed(1)} s wall (search ${Number(final.search_seconds ?? done.elapsed_s).toFixed(1)} s, then the refit on every training row and the test score); ${final.trials ?? done.trials_ended} trials, stopped by ${done.stopped_by}; threads ${done.threads}${done.threads_note ? ` (${done.threads_note})` : ''}`);
  console.log(`- winner: ${best.algo} ${JSON.stringify(best.params)}, CV AUC ${best.mean.toFixed(4)}, test AUC ${final.test_metrics?.roc_auc?.toFixed(4) ?? '?'}`);
  console.log(`- frames drawn while it ran: ${frames} (${(frames / wall).toFixed(1)} a second)`);
} finally {
  await context.close();
  site.close();
}
