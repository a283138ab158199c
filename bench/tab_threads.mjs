// Tune in the tab on 1 and 2 WebAssembly threads (issue 14's goal: 2 threads >= 1.7x the trials/s
// of 1). Serves site/ as scripts/serve.mjs does (COOP/COEP, so the page loads the threaded build
// lab-mt), opens it in headless Chromium and runs the same search through the command hook with
// threads 1 and 2, alternating, `--runs` times each (median). The search is bench/tune.sh's:
// hist_gbdt's default space, 5-fold CV on the loan data (the same rows: the generator is
// bit-identical in wasm), the refit winner scored on the test rows. bench/tune.sh calls it with
// --jsonl to put the tab's rows beside native and scikit-learn's in one table.
// Needs `bash scripts/build.sh app` first. Not part of scripts/test.sh.
//   node bench/tab_threads.mjs [--rows 5000] [--trials 20] [--runs 3] [--strategy random|halving]
//                              [--seed 42] [--jsonl FILE]
import { appendFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { startServer } from '../scripts/serve.mjs';
import { freshProfileDir, launch, openLab } from '../tests/e2e/browser.mjs';

const arg = (name, fallback) => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const rows = arg('--rows', 5000), trials = arg('--trials', 20), runs = arg('--runs', 3), seed = arg('--seed', 42);
const text = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const strategy = text('--strategy', 'random'), jsonl = text('--jsonl', '');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

const server = await startServer({ port: 0 });
const profile = freshProfileDir('tab-threads');
const context = await launch(profile, { width: 1280, height: 720 });
try {
  const { page } = await openLab(context, `http://127.0.0.1:${server.address().port}/`);
  const build = await page.evaluate(() => Module.labCommand({ cmd: 'site.threads' }));
  if (build.build !== 'lab-mt') throw new Error(`the page runs ${JSON.stringify(build)}, not the threaded build`);
  await page.evaluate((n) => Module.labCommand({ cmd: 'data.generate', dataset: 'loan', rows: n, seed: 7 }), rows);
  const before = loadavg().map((x) => x.toFixed(2)).join(' ');
  const rate = { 1: [], 2: [] };
  let boards = {};
  const last = {};
  for (let i = 0; i < runs; i++) {
    for (const threads of [1, 2]) {
      const r = await page.evaluate((c) => Module.labCommand(c), {
        cmd: 'tune.run', algo: 'hist_gbdt', strategy, trials, cv: 5, seed, threads });
      if (!r.ok) throw new Error(JSON.stringify(r).slice(0, 300));
      if (r.threads_used !== threads) throw new Error(`asked for ${threads} threads, used ${r.threads_used}`);
      rate[threads].push(r.trials / r.search_seconds);
      last[threads] = r;
      boards[threads] = JSON.stringify(r.leaderboard.map(({ fit_seconds, ...row }) => row));
      console.log(`run ${i + 1}, ${threads} thread(s): ${r.trials} trials in ${r.search_seconds.toFixed(2)} s`);
    }
  }
  const after = loadavg().map((x) => x.toFixed(2)).join(' ');
  const one = median(rate[1]), two = median(rate[2]);
  console.log(`\nrows ${rows}, trials ${trials}, 5-fold CV, hist_gbdt ${strategy}; cores reported ${build.cores}; load ${before} before / ${after} after`);
  console.log('| threads | trials/s (median of ' + runs + ') | runs |');
  console.log('|---:|---:|---|');
  console.log(`| 1 | ${one.toFixed(2)} | ${rate[1].map((x) => x.toFixed(2)).join(', ')} |`);
  console.log(`| 2 | ${two.toFixed(2)} | ${rate[2].map((x) => x.toFixed(2)).join(', ')} |`);
  console.log(`\n2 threads: ${(two / one).toFixed(2)}x the trials/s of 1 (goal 1.7x); same leaderboard: ${boards[1] === boards[2]}`);
  if (boards[1] !== boards[2]) process.exitCode = 1;
  if (jsonl)
    for (const threads of [1, 2]) {
      const r = last[threads];
      appendFileSync(jsonl, JSON.stringify({ side: 'lab (wasm, Chromium tab)', strategy: r.strategy, threads: r.threads_used,
        trials: r.trials, search_s: r.trials / median(rate[threads]), trials_per_s: median(rate[threads]),
        best_cv_auc: r.best.mean, test_auc: r.test_metrics.roc_auc }) + '\n');
    }
} finally {
  await context.close();
  server.close();
  rmSync(profile, { recursive: true, force: true });
}
