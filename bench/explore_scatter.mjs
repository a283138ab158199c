// Explore at scale in headless Chromium (SwiftShader): frame times of the Explore module (target
// bars, histogram by class, correlation heatmap, two-feature scatter, summary) with the loan
// workshop's data at 5,000, 50,000 and 200,000 rows. Above 2,000 rows the scatter is drawn as a
// density grid (src/app/plot/class_scatter.cpp), so its cost no longer grows with the rows.
// Not part of scripts/test.sh. Needs `bash scripts/build.sh web` first.
//   node bench/explore_scatter.mjs          (prints JSON rows; about a minute)
// Frame time = interval between animation frames (16.7 ms = 60 fps); work = time inside the
// lab's frame function (Module.pre/postMainLoop hooks), as in bench/runs_explorer.mjs.
import { startServer } from '../scripts/serve.mjs';
import { launch, freshProfileDir, openLab, cmd } from '../tests/e2e/browser.mjs';
import { sampleFrames } from './frame_sampler.mjs';

const seconds = Number(process.env.BENCH_SECONDS ?? 4);
const pct = (values, p) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))];
};

async function measureFrames(page, label) {
  await page.waitForTimeout(800);  // first frames compute the module's caches
  const r = await sampleFrames(page, seconds);
  const row = {
    view: label,
    frames: r.intervals.length,
    'frame p50 ms': +pct(r.intervals, 0.5).toFixed(1),
    'frame p95 ms': +pct(r.intervals, 0.95).toFixed(1),
    'fps (p50)': +(1000 / pct(r.intervals, 0.5)).toFixed(1),
    'work p50 ms': +pct(r.work, 0.5).toFixed(2),
  };
  console.log(JSON.stringify(row));
  return row;
}

const server = await startServer({ port: 0 });
const url = `http://127.0.0.1:${server.address().port}/`;
try {
  const context = await launch(freshProfileDir('bench-explore'), { width: 1280, height: 720 });
  const { page } = await openLab(context, url);
  for (const rows of [5000, 50000, 200000]) {
    const r = await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows, seed: 1 });
    if (!r.ok) throw new Error(JSON.stringify(r));
    await cmd(page, { cmd: 'ui.select', module: 'explore' });
    await measureFrames(page, `Explore, loan ${rows} rows (1280x720)`);
    await cmd(page, { cmd: 'ui.select', module: 'data' });
    await cmd(page, { cmd: 'data.generate', dataset: 'iris' });  // a tiny dataset: the baseline
    await measureFrames(page, '  (baseline right after: Data module, iris)');
  }
  await context.close();
} finally {
  server.close();
}
