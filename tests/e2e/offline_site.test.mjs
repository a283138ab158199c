// The hosted site offline and updated (web/sw.js, src/platform/web/site_worker.js,
// src/commands/site_update.*): a first visit with network installs the service worker; with the
// network cut (context.setOffline) a reload opens the lab, a run trains and is saved. A rebuilt
// site (a changed file, so a new content hash) is installed on the next visit and the lab offers
// "Reload to update" in its status bar (greyed out while a run trains); a click switches to it.
// The site is served from a copy in a temporary folder, so the test can "rebuild" it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { siteVersion, writeSiteAssets } from '../../scripts/site_assets.mjs';
import { cmd, freshProfileDir, launch, openLab, waitFor } from './browser.mjs';
import { click, findItem, screenshot, waitFrames } from './ui.mjs';
import { openModule, trainingFinished } from './journey_helpers.mjs';

const built = process.env.LAB_SITE ?? join(process.cwd(), 'site');
let root, server, url;
const profiles = [];
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'lab-offline-site-'));
  cpSync(built, root, { recursive: true });
  server = await startServer({ port: 0, root });
  url = `http://127.0.0.1:${server.address().port}/`;
});
after(() => {
  server?.close();
  for (const p of [root, ...profiles]) if (p) rmSync(p, { recursive: true, force: true });
});

const profile = (name) => { const p = freshProfileDir(name); profiles.push(p); return p; };
// The page is controlled by the worker and says so to the lab (site.page_state). The worker's
// install downloads every file of the site again (revalidated): beside other browser tests on a
// 2-core machine that passed 60 s twice in four full runs, so it gets as long as the update offer.
const offlineReady = (page) =>
  waitFor(page, { cmd: 'site.status' }, (r) => r.offline_ready === true && r.version !== '', { timeout: 180000, what: 'the offline copy' });
const reopen = async (page) => {
  await page.reload();
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
};

test('after one visit the lab opens offline, trains a run and saves it', async (t) => {
  const context = await launch(profile('offline'), { width: 1280, height: 720 });
  t.after(() => context.close());
  const { page, errors } = await openLab(context, url);
  const st = await offlineReady(page);
  assert.equal(st.version, await siteVersion(root), 'the worker runs the version of the files served');
  assert.deepEqual(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('mlops-lab-'))),
    [`mlops-lab-${st.version}`]);
  // Installable: Chromium finds nothing missing (manifest, icons, worker with a fetch handler).
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);

  await context.setOffline(true);
  // Really offline: a file the worker does not hold cannot be fetched.
  assert.equal(await page.evaluate(() => fetch('no-such-file.txt').then(() => 'fetched', () => 'failed')), 'failed');
  await reopen(page);
  assert.equal((await cmd(page, { cmd: 'site.status' })).offline_ready, true);

  // A participant's work with no network: data, a run trained by clicking Train, saved.
  await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows: 3000, seed: 4 });
  await openModule(page, 'Train');
  await click(page, 'Train', { window: 'panel', exact: true });
  const done = await trainingFinished(page);
  assert.equal(done.state, 'done');
  await cmd(page, { cmd: 'storage.flush' });
  await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'the run saved' });
  await screenshot(page, 'offline-trained-1280x720');
  await reopen(page);  // still offline: the run is there after a reload
  const runs = (await cmd(page, { cmd: 'runs.list' })).runs;
  assert.equal(runs.length, 1);
  assert.equal(runs[0].run_id, done.run_id);
  assert.deepEqual(errors, []);
});

test('a rebuilt site is picked up on the next visit: "Reload to update", not while a run trains', async (t) => {
  const context = await launch(profile('update'), { width: 1280, height: 720 });
  t.after(() => context.close());
  const { page } = await openLab(context, url);
  const first = (await offlineReady(page)).version;
  assert.equal((await cmd(page, { cmd: 'site.status' })).update_available, false);

  // A new build: the page changed, so the content hash and sw.js change (the stale .gz/.br
  // copies are older than the page, so the server sends the new bytes).
  const index = join(root, 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('</body>', '<!-- rebuilt -->\n</body>'));
  const { version: second } = await writeSiteAssets(root);
  assert.notEqual(second, first);

  // The next visit still opens the version it holds, and finds the new one waiting. (Headless
  // Chromium starts the update check about a minute after the visit; the lab asks at once.)
  await reopen(page);
  const offered = await waitFor(page, { cmd: 'site.status' }, (r) => r.update_available === true,
    { timeout: 180000, what: 'the update offer' });
  assert.equal(offered.version, first);
  assert.equal(offered.update_version, second);
  assert.equal((await findItem(page, 'Reload to update')).enabled, true);
  await waitFrames(page, 2);
  await screenshot(page, 'site-update-offer-1280x720');
  await page.setViewportSize({ width: 800, height: 600 });
  await waitFrames(page, 3);
  await screenshot(page, 'site-update-offer-800x600');
  assert.equal((await findItem(page, 'Reload to update')).visible, true, 'the offer fits at 800x600');
  await page.setViewportSize({ width: 1280, height: 720 });
  await waitFrames(page, 3);

  // Mid-training the offer waits: the button is greyed out and the command refuses.
  await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows: 3000, seed: 4 });
  await cmd(page, { cmd: 'train.pace', slow_motion: true });
  await cmd(page, { cmd: 'train.start', algo: 'hist_gbdt', params: { n_estimators: 200 }, seed: 1 });
  await waitFrames(page, 3);
  assert.equal((await findItem(page, 'Reload to update')).enabled, false);
  const refused = await cmd(page, { cmd: 'site.reload' });
  assert.equal(refused.ok, false);
  assert.match(refused.error, /a run is training/);
  await cmd(page, { cmd: 'train.cancel' });
  await cmd(page, { cmd: 'train.pace', slow_motion: false });
  await waitFrames(page, 3);

  // The click switches to the new version and reloads the page.
  const reloaded = page.waitForEvent('load', { timeout: 60000 });
  await click(page, 'Reload to update', { navigates: true });
  await reloaded;
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  const now = await offlineReady(page);
  assert.equal(now.version, second);
  assert.equal(now.update_available, false);
  assert.match(await page.content(), /<!-- rebuilt -->/);
  assert.deepEqual(await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith('mlops-lab-'))),
    [`mlops-lab-${second}`], 'the old version\'s cache is gone');
});
