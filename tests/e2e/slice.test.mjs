// The vertical slice in a real browser: generate data, train with a live curve, see metrics,
// and find the run again after a reload and after closing and reopening the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch, freshProfileDir, openLab, cmd, waitFor, serveSite, screenshotDir } from './browser.mjs';

const shots = screenshotDir();
let server, url, profile;

before(async () => {
  ({ server, url } = await serveSite());
  profile = freshProfileDir('slice');
});
after(() => {
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const savedState = (page) =>
  waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'storage saved' });

test('a run survives a reload and a browser restart with the same numbers', async (t) => {
  let context = await launch(profile);
  t.after(() => context.close());  // also when an assertion fails: an open browser holds node --test
  let { page, errors } = await openLab(context, url);
  await page.screenshot({ path: join(shots, 'start.png') });

  // Wrong input gives clear JSON errors and the module keeps working.
  const bad = await page.evaluate(() => Module.labCommand('{"cmd": oops'));
  assert.equal(bad.ok, false);
  assert.match(bad.error, /not valid JSON/);
  assert.match((await cmd(page, { cmd: 'no.such' })).error, /unknown command 'no.such'/);
  assert.match((await cmd(page, { cmd: 'data.generate', rows: -3 })).error, /'rows' must be a positive number/);

  const gen = await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows: 3000, seed: 42 });
  assert.equal(gen.ok, true, JSON.stringify(gen));
  assert.equal(gen.rows, 3000);
  await cmd(page, { cmd: 'ui.select', module: 'data' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'data.png') });
  assert.equal((await cmd(page, { cmd: 'ui.select', module: 'explore' })).ok, true);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'explore.png') });
  assert.match((await cmd(page, { cmd: 'ui.select', module: 'nowhere' })).error, /use one of: data, explore, train, tune, automl, runs/);

  // The frame loop steps training (slow motion: one step per frame): watch the curve grow.
  await cmd(page, { cmd: 'ui.select', module: 'train' });
  const start = await cmd(page, { cmd: 'train.start', algo: 'logistic_regression', params: { C: 1.0 }, run_name: 'e2e-baseline' });
  assert.equal(start.ok, true, JSON.stringify(start));
  // Read the curve once per frame in the page itself: a poll from the test (a round trip each)
  // can miss frames on a loaded machine.
  const { seen, last: done } = await page.evaluate(async () => {
    const lengths = new Set();
    for (;;) {
      const r = Module.labCommand({ cmd: 'train.status' });
      lengths.add(r.train_loss.length);
      if (r.state !== 'running') return { seen: [...lengths], last: r };
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  });
  const seenSteps = new Set(seen);
  assert.equal(done.state, 'done');
  assert.ok(seenSteps.size >= 3, `the curve should grow over several frames, saw lengths ${[...seenSteps]}`);
  assert.ok(done.metrics.roc_auc > 0.8 && done.metrics.accuracy > 0.7, JSON.stringify(done.metrics));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'train.png') });

  await savedState(page);
  const before = (await cmd(page, { cmd: 'runs.get', run_id: done.run_id }));
  assert.equal(before.status, 'FINISHED');
  assert.ok(before.history.train_loss.length >= 3);

  // 1) Reload the page.
  await page.reload();
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  let afterReload = await cmd(page, { cmd: 'runs.get', run_id: done.run_id });
  assert.equal(afterReload.ok, true, `run missing after reload: ${JSON.stringify(afterReload)}`);
  assert.deepEqual(afterReload.metrics, before.metrics);
  assert.deepEqual(afterReload.history, before.history);
  assert.equal(afterReload.tags['lab.dataset.hash'], gen.hash);
  assert.deepEqual(errors, []);
  await context.close();

  // 2) Close the browser and open it again on the same profile.
  context = await launch(profile);
  ({ page, errors } = await openLab(context, url));
  const list = await cmd(page, { cmd: 'runs.list' });
  assert.equal(list.runs.length, 1);
  assert.equal(list.runs[0].run_name, 'e2e-baseline');
  assert.deepEqual(list.runs[0].metrics, before.metrics);
  await cmd(page, { cmd: 'ui.select', module: 'runs' });
  await page.waitForTimeout(200);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'runs.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('cancel keeps the run as KILLED and the tab keeps working', async (t) => {
  const context = await launch(freshProfileDir('cancel'));
  t.after(() => context.close());
  const { page, errors } = await openLab(context, url);
  await cmd(page, { cmd: 'data.generate', rows: 2000, seed: 1 });
  // max_iter high and tol tiny so the run is still going when we cancel.
  // Start and cancel in one go (no frame between them): on a loaded machine the run could
  // otherwise finish between two round trips from the test.
  const [s, c] = await page.evaluate(() => [
    Module.labCommand({ cmd: 'train.start', params: { max_iter: 1000, tol: 1e-12 } }),
    Module.labCommand({ cmd: 'train.cancel' }),
  ]);
  assert.equal(s.ok, true);
  assert.equal(c.state, 'cancelled');
  const runs = (await cmd(page, { cmd: 'runs.list' })).runs;
  assert.equal(runs[0].status, 'KILLED');
  assert.equal((await cmd(page, { cmd: 'version' })).ok, true);
  // The canvas follows the window size.
  await page.setViewportSize({ width: 900, height: 640 });
  await page.waitForFunction(() => Module.canvas.width === 900 * devicePixelRatio && Module.canvas.height === 640 * devicePixelRatio,
    null, { timeout: 5000 });
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(shots, 'small-window.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the loading screen shows download progress, then gives way to the app', async (t) => {
  const context = await launch(freshProfileDir('loading'));
  t.after(() => context.close());
  const page = context.pages()[0];
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  // ~1.6 MB at 800 KB/s: about two seconds of visible progress.
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 800 * 1024, uploadThroughput: 1e6 });
  await page.goto(url);
  await page.waitForFunction(() => {
    const w = parseFloat(document.getElementById('fill')?.style.width || '0');
    return w > 0 && w < 100 && /MB/.test(document.getElementById('status').textContent);
  }, null, { timeout: 20000 });
  await page.screenshot({ path: join(shots, 'loading.png') });
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  assert.equal(await page.$('#loading'), null, 'the loading overlay is removed once the app draws');
  await context.close();
});
