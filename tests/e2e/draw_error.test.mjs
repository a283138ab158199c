// A module that throws while drawing: the frame recovers, the shell shows what happened, and
// the lab keeps working (commands answer, storage still saves, other modules draw).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, freshProfileDir, openLab, cmd, waitFor, siteForThisFile, screenshotDir } from './browser.mjs';

const shots = screenshotDir();
const site = siteForThisFile();

test('a drawing failure is shown and the lab keeps running', async () => {
  const context = await launch(freshProfileDir('draw-error'));
  const { page, errors } = await openLab(context, site.url);
  await cmd(page, { cmd: 'ui.select', module: 'train' });
  assert.equal((await cmd(page, { cmd: 'ui.draw_error' })).message, '');
  await cmd(page, { cmd: 'ui.simulate_draw_error' });
  const shown = await waitFor(page, { cmd: 'ui.draw_error' }, (r) => r.message !== '', { what: 'draw error' });
  assert.match(shown.message, /^Drawing the Train module failed: simulated failure/);

  // Frames keep coming: the page's own animation frames and the lab's work both continue.
  const frames = await page.evaluate(() => new Promise((resolve) => {
    let n = 0;
    Module.postMainLoop = () => { n++; };
    setTimeout(() => { Module.postMainLoop = null; resolve(n); }, 1000);
  }));
  assert.ok(frames >= 5, `only ${frames} frames drawn in a second after the failure`);
  await page.screenshot({ path: join(shots, 'draw-error.png') });

  // The lab still works: a run is created and saved.
  await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows: 300, seed: 1 });
  const run = await cmd(page, { cmd: 'train.run', algo: 'logistic_regression', target: 'approved' });
  assert.equal(run.ok, true, JSON.stringify(run));
  await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'saved' });
  assert.deepEqual(errors, []);
  await context.close();
});
