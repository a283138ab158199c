// The Runs panel on a fresh tab: ui.runs works before the panel was ever drawn, and the
// Download button can point the archive's artifact URIs at the folder it will be unpacked to.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { launch, freshProfileDir, openLab, cmd, serveSite, screenshotDir } from './browser.mjs';
import { makeRuns } from './tracking_helpers.mjs';

const shots = screenshotDir();
let server, url;
const cleanup = [];
before(async () => {
  ({ server, url } = await serveSite());
});
after(() => {
  server?.close();
  for (const p of cleanup) rmSync(p, { recursive: true, force: true });
});

const frames = (page, n = 3) => page.evaluate((n) => new Promise((res) => {
  let k = 0; const f = () => (++k >= n ? res() : requestAnimationFrame(f)); requestAnimationFrame(f);
}), n);

test('ui.runs works before the Runs panel was drawn; the download can name the unpack folder', async () => {
  const dir = freshProfileDir('runs-panel');
  cleanup.push(dir);
  const context = await launch(dir);
  const { page, errors } = await openLab(context, url);
  assert.equal((await cmd(page, { cmd: 'ui.select', module: 'data' })).ok, true);
  const ids = await makeRuns(page, { count: 6, steps: 20, prefix: 'fresh' });

  // The Data panel is showing; the Runs panel has never been drawn in this tab.
  let view = await cmd(page, { cmd: 'ui.runs', select: 'all' });
  assert.equal(view.ok, true, JSON.stringify(view));
  assert.equal(view.shown, 6);
  assert.equal(view.selected, 6);
  view = await cmd(page, { cmd: 'ui.runs', filter: "params.algo = 'gbdt'" });  // runs 0 and 3
  assert.equal(view.shown, 2);
  assert.equal(view.selected, 6);
  view = await cmd(page, { cmd: 'ui.runs', filter: 'metrics.roc_auc >> 1' });
  assert.match(view.filter_error, /./);
  view = await cmd(page, { cmd: 'ui.runs', filter: '', select: [ids[1]] });
  assert.equal(view.shown, 6);
  assert.equal(view.selected, 1);

  // A relative unpack folder is flagged (the button is disabled and says why).
  await cmd(page, { cmd: 'ui.select', module: 'runs' });
  view = await cmd(page, { cmd: 'ui.runs', artifact_root: 'lab-export/mlruns', select: 'all', tab: 'table' });
  assert.match(view.artifact_root_error, /not an absolute path/);
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'runs-download-bad-folder.png') });

  // A valid one: the downloaded archive's run records point there.
  const root = '/home/me/lab-export/mlruns';
  view = await cmd(page, { cmd: 'ui.runs', artifact_root: root });
  assert.equal(view.artifact_root_error, '');
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'runs-download-controls.png') });
  const [download] = await Promise.all([page.waitForEvent('download'), cmd(page, { cmd: 'ui.runs', download: true })]);
  assert.equal(download.suggestedFilename(), 'mlruns-export.tar');
  const unpack = mkdtempSync(join(tmpdir(), 'lab-e2e-unpack-'));
  cleanup.push(unpack);
  await download.saveAs(join(unpack, 'mlruns-export.tar'));
  const untar = spawnSync('tar', ['xf', 'mlruns-export.tar'], { cwd: unpack, encoding: 'utf8' });
  assert.equal(untar.status, 0, untar.stderr);
  for (const id of ids) {
    const meta = readFileSync(join(unpack, 'mlruns', '0', id, 'meta.yaml'), 'utf8');
    assert.match(meta, new RegExp(`^artifact_uri: file://${root}/0/${id}/artifacts$`, 'm'));
  }
  assert.match(readFileSync(join(unpack, 'mlruns', '0', 'meta.yaml'), 'utf8'), new RegExp(`^artifact_location: file://${root}/0$`, 'm'));
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'runs-downloaded.png') });

  // Empty again: the archive keeps the browser's own paths.
  view = await cmd(page, { cmd: 'ui.runs', artifact_root: '' });
  assert.equal(view.artifact_root_error, '');
  const plain = await cmd(page, { cmd: 'store.export', path: '/tmp/plain.tar' });
  assert.equal(plain.uris_rewritten, 0);
  assert.deepEqual(errors, []);
  await context.close();
});
