// Invariant 3 for storage: when the browser refuses to save (quota full), the status bar says so
// in words, runs saved before stay saved, and the next successful flush saves the rest.
// The failure is injected by replacing FS.syncfs for writes with one that fails like Chromium
// does when the origin's quota is exhausted (a QuotaExceededError DOMException).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch, freshProfileDir, openLab, cmd, waitFor, serveSite, screenshotDir } from './browser.mjs';
import { makeRuns } from './tracking_helpers.mjs';

const shots = screenshotDir();
let server, url, profile;
before(async () => {
  ({ server, url } = await serveSite());
  profile = freshProfileDir('quota');
});
after(() => {
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const names = async (page) => (await cmd(page, { cmd: 'runs.list' })).runs.map((r) => r.run_name).sort();

test('a failed flush is shown, loses nothing saved, and the next flush saves the rest', async () => {
  let context = await launch(profile);
  let { page, errors } = await openLab(context, url);
  // A first visit has nothing saved: the file system's own IndexedDB load runs (and makes the store).
  assert.equal(await page.evaluate(() => Module.labStoreLoadedBy), 'idbfs');
  await makeRuns(page, { count: 3, steps: 50, prefix: 'saved' });
  await cmd(page, { cmd: 'storage.flush' });
  await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'first save' });

  await page.evaluate(() => {
    window.realSyncfs = FS.syncfs;
    FS.syncfs = function (populate, callback) {
      if (typeof populate === 'function') { callback = populate; populate = false; }
      if (populate) return window.realSyncfs.call(FS, populate, callback);
      setTimeout(() => callback(new DOMException('The quota has been exceeded.', 'QuotaExceededError')), 0);
    };
  });
  await makeRuns(page, { count: 2, steps: 50, prefix: 'unsaved' });
  await cmd(page, { cmd: 'storage.flush' });
  const failed = await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'error', { what: 'flush error' });
  assert.match(failed.message, /browser storage is full/);
  assert.match(failed.message, /saved ones are safe/);
  await cmd(page, { cmd: 'ui.select', module: 'runs' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'storage-quota-error.png') });
  // The tab keeps working and still holds all five runs.
  assert.equal((await names(page)).length, 5);

  // Reload while saving fails: what was saved before is intact (the two new runs never reached
  // IndexedDB, which is exactly what the message warned about).
  await page.reload();
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  assert.deepEqual(await names(page), ['saved-0', 'saved-1', 'saved-2']);
  // Later visits take the copy the page's <head> read while lab.wasm downloaded (web/index.html).
  assert.equal(await page.evaluate(() => Module.labStoreLoadedBy), 'page');

  // Failing again, then the quota frees up: the retry saves everything, across a relaunch.
  await page.evaluate(() => {
    window.realSyncfs = FS.syncfs;
    window.failSaves = true;
    FS.syncfs = function (populate, callback) {
      if (typeof populate === 'function') { callback = populate; populate = false; }
      if (populate || !window.failSaves) return window.realSyncfs.call(FS, populate, callback);
      setTimeout(() => callback(new DOMException('The quota has been exceeded.', 'QuotaExceededError')), 0);
    };
  });
  await makeRuns(page, { count: 2, steps: 50, prefix: 'later' });
  await cmd(page, { cmd: 'storage.flush' });
  await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'error', { what: 'second flush error' });
  await page.evaluate(() => { window.failSaves = false; });
  await cmd(page, { cmd: 'storage.flush' });
  await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'recovered save' });
  assert.deepEqual(errors, []);
  await context.close();

  context = await launch(profile);
  ({ page, errors } = await openLab(context, url));
  assert.deepEqual(await names(page), ['later-0', 'later-1', 'saved-0', 'saved-1', 'saved-2']);
  assert.deepEqual(errors, []);
  await context.close();
});
