// Every core in the browser, optionally (issue 14): served with COOP/COEP (scripts/serve.mjs), the
// page is cross-origin isolated and loads the threaded build (site/lab-mt.*, Emscripten pthreads),
// whose searches run trials on more than one thread and give the same leaderboard as on one; the
// service worker keeps that build only. Served without those headers, as many static hosts do, the
// page loads the one-thread build, gives the same leaderboard, and the status bar says why it uses
// one core. Tune throughput with 1 and 2 threads is printed (bench/tab_threads.mjs measures it properly).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer } from '../../scripts/serve.mjs';
import { cmd, freshProfileDir, launch, openLab, waitFor } from './browser.mjs';
import { screenshot, waitFrames } from './ui.mjs';

const servers = [], profiles = [];
after(() => {
  for (const s of servers) s.close();
  for (const p of profiles) rmSync(p, { recursive: true, force: true });
});

async function labServed({ isolation }) {
  const server = await startServer({ port: 0, root: process.env.LAB_SITE, isolation });
  servers.push(server);
  const profile = freshProfileDir(isolation ? 'threads' : 'one-thread');
  profiles.push(profile);
  const context = await launch(profile, { width: 1280, height: 720 });
  const { page, errors } = await openLab(context, `http://127.0.0.1:${server.address().port}/`);
  return { context, page, errors };
}

// A small search: hist_gbdt, 6 random trials, 3-fold CV on 600 loan rows, no refit.
const search = (threads, extra = {}) => ({ cmd: 'tune.run', algo: 'hist_gbdt', strategy: 'random', trials: 6, cv: 3, seed: 11,
  space: { n_estimators: { min: 10, max: 30 } }, refit: false, threads, ...extra });
const withoutTimes = (reply) => reply.leaderboard.map(({ fit_seconds, ...row }) => row);
async function tune(page, threads, extra) {
  const r = await cmd(page, search(threads, extra));
  assert.equal(r.ok, true, JSON.stringify(r).slice(0, 400));
  return r;
}

// The status bar at the three window sizes people use (the note must fit beside the rest).
async function statusShots(page, name) {
  for (const [width, height] of [[800, 600], [1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await waitFrames(page, 3);
    await screenshot(page, `${name}-${width}x${height}`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

let oneThreadBoard = null;

test('isolated: the threaded build runs trials on 2 threads, same leaderboard as 1 thread, and keeps only its files offline', { timeout: 600000 }, async (t) => {
  const { context, page, errors } = await labServed({ isolation: true });
  t.after(() => context.close());
  assert.equal(await page.evaluate(() => self.crossOriginIsolated), true);
  assert.equal(await page.evaluate(() => document.querySelector('script[src="lab-mt.js"]') !== null), true, 'the page loaded lab-mt.js');
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const status = await waitFor(page, { cmd: 'site.threads' }, (r) => r.build !== '', { what: 'the build reported' });
  assert.equal(status.build, 'lab-mt');
  assert.equal(status.threads, Math.min(cores, 8));
  assert.ok(status.threads > 1, `more than one thread (the machine reports ${cores} cores)`);
  assert.equal(status.reason, '');

  // The pool's workers load while the first frames draw (PTHREAD_POOL_DELAY_LOAD); a search the
  // page's main thread waits for uses only loaded ones, so wait for them before counting threads.
  await page.waitForFunction(() => PThread.unusedWorkers.length > 0 && PThread.unusedWorkers.every((w) => w.loaded), null, { timeout: 30000 });
  await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows: 600, seed: 5 });
  const one = await tune(page, 1);
  const two = await tune(page, 2);
  assert.equal(one.threads_used, 1);
  assert.equal(two.threads_used, 2);
  assert.equal(two.threads_note, undefined);
  assert.equal(one.trials, 6);
  assert.deepEqual(withoutTimes(two), withoutTimes(one), 'the same leaderboard with 1 and 2 threads');
  oneThreadBoard = withoutTimes(one);

  // Throughput, 1 vs 2 threads, on more rows (printed for bench/TUNE.md; the goal is 1.7x).
  await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows: 3000, seed: 6 });
  const rate = {};
  for (const threads of [1, 2]) {
    const r = await tune(page, threads, { trials: 12 });
    rate[threads] = r.trials / r.search_seconds;
  }
  console.log(`tune in the tab (hist_gbdt, 12 trials x 3 folds, 3000 rows): ${rate[1].toFixed(2)} trials/s on 1 thread, ` +
    `${rate[2].toFixed(2)} on 2 (${(rate[2] / rate[1]).toFixed(2)}x)`);
  // Not asserted: searches this small (a quarter second) on a shared 2-core machine measured 0.85x;
  // bench/tab_threads.mjs measures throughput on a realistic search.

  await statusShots(page, 'threads-isolated');
  // The offline copy holds the threaded build's files and not the other build's.
  await waitFor(page, { cmd: 'site.status' }, (r) => r.offline_ready === true && r.version !== '', { timeout: 180000, what: 'the offline copy' });
  const cached = await page.evaluate(async () => {
    const key = (await caches.keys()).find((k) => k.startsWith('mlops-lab-'));
    return (await (await caches.open(key)).keys()).map((r) => new URL(r.url).pathname.slice(1)).sort();
  });
  for (const f of ['lab-mt.js', 'lab-mt.wasm', 'lab-mt.data', 'lab-mt.worker.js', 'index.html']) assert.ok(cached.includes(f), `${f} kept offline`);
  for (const f of ['lab.js', 'lab.wasm', 'lab.data']) assert.ok(!cached.includes(f), `${f} not downloaded`);
  // With the network cut the threaded build opens from the offline copy, its workers included.
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows: 600, seed: 5 });
  assert.deepEqual(withoutTimes(await tune(page, 2)), oneThreadBoard, 'offline, the same leaderboard on 2 threads');
  assert.deepEqual(errors, []);
});

test('not isolated: the one-thread build runs, gives the same leaderboard and says why it uses one core', { timeout: 600000 }, async (t) => {
  const { context, page, errors } = await labServed({ isolation: false });
  t.after(() => context.close());
  assert.equal(await page.evaluate(() => self.crossOriginIsolated), false);
  assert.equal(await page.evaluate(() => document.querySelector('script[src="lab.js"]') !== null), true, 'the page loaded lab.js');
  const status = await waitFor(page, { cmd: 'site.threads' }, (r) => r.build !== '', { what: 'the build reported' });
  assert.equal(status.build, 'lab');
  assert.equal(status.threads, 1);
  assert.match(status.reason, /not cross-origin isolated \(the host sends no COOP\/COEP headers; see docs\/hosting\.md\)/);

  await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows: 600, seed: 5 });
  const two = await tune(page, 2);
  assert.equal(two.threads_used, 1);
  assert.match(two.threads_note, /no threads/);
  if (oneThreadBoard) assert.deepEqual(withoutTimes(two), oneThreadBoard, 'the same leaderboard as the threaded build');
  else assert.equal(two.trials, 6);
  await statusShots(page, 'threads-one-core');
  assert.deepEqual(errors, []);
});
