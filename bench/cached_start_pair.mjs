// Paired comparison of two builds of the site for the cached (second) visit's first frame: the
// load budget's figure, measured so that a 20-50 ms change shows through this machine's noise.
// Each pair is a fresh profile: a first visit that generates the loan data and saves it (as
// bench/load_budget.mjs does), then the cached visit, timed on the page's clock. The sites
// alternate pair by pair, so both see the same machine state. Not part of scripts/test.sh.
//   node bench/cached_start_pair.mjs OLD_SITE_DIR NEW_SITE_DIR [pairs=12]
// (copy site/ aside before rebuilding to keep the old build; plain files are served, no .br/.gz.)
import { rmSync } from 'node:fs';
import { startServer } from '../scripts/serve.mjs';
import { freshProfileDir, launch } from '../tests/e2e/browser.mjs';
import { markFirstFrame } from './first_frame_mark.mjs';

const [oldSite, newSite, pairsArg] = process.argv.slice(2);
if (!oldSite || !newSite) {
  console.error('usage: node bench/cached_start_pair.mjs OLD_SITE_DIR NEW_SITE_DIR [pairs]');
  process.exit(2);
}
const pairs = Number(pairsArg ?? 12);

async function visit(profile, url, first) {
  const context = await launch(profile, { width: 1280, height: 720 });
  await context.addInitScript(markFirstFrame);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url + '#/train');
  await page.waitForFunction(() => window.labFirstFrameAt > 0, null, { timeout: 60000, polling: 16 });
  const ms = await page.evaluate(() => window.labFirstFrameAt);
  if (first) {
    await page.evaluate(() => Module.labCommand({ cmd: 'data.generate', dataset: 'loan', rows: 5000, seed: 42 }));
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
    await page.evaluate(() => Module.labCommand({ cmd: 'storage.flush' }));
    await page.waitForTimeout(800);
  }
  await context.close();
  return ms;
}

const times = { [oldSite]: [], [newSite]: [] };
for (let i = 0; i < pairs; i++) {
  for (const root of [oldSite, newSite]) {
    const site = await startServer({ port: 0, root });
    const url = `http://127.0.0.1:${site.address().port}/`;
    const profile = freshProfileDir('cached-pair');
    try {
      await visit(profile, url, true);
      times[root].push(await visit(profile, url, false));
    } finally {
      rmSync(profile, { recursive: true, force: true });
      site.close();
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
for (const root of [oldSite, newSite])
  console.log(`${root}: cached first frame median ${median(times[root]).toFixed(0)} ms (${times[root].map((t) => t.toFixed(0)).join(' ')})`);
process.exit(0);
