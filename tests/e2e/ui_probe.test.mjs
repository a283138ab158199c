// The ui.items test hook: widgets are found by label in the last frame and used with the real
// mouse, as a participant would (tests/e2e/ui.mjs). Checks the hook itself and one short walk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, freshProfileDir, openLab, cmd, siteForThisFile } from './browser.mjs';
import { findItem, click, items, screenshot, waitFrames, currentModule } from './ui.mjs';

const site = siteForThisFile();

test('navigation and Generate are clicked by label and take effect', async () => {
  const context = await launch(freshProfileDir('ui-probe'), { width: 1280, height: 720 });
  const { page, errors } = await openLab(context, site.url);
  await waitFrames(page, 2);

  // The hook reports labelled widgets with where they are and their state.
  const dataNav = await findItem(page, 'Data', { window: 'nav' });
  assert.equal(dataNav.text, '1. Data');
  assert.equal(dataNav.label, '1. Data##nav0');
  assert.match(dataNav.window, /^lab\/body\/nav$/);
  assert.ok(dataNav.visible && dataNav.enabled, JSON.stringify(dataNav));
  assert.equal(await currentModule(page), 'Data');
  assert.ok(dataNav.css.w > 50 && dataNav.css.h > 10, JSON.stringify(dataNav.css));

  // Clicking another module's entry shows that module.
  await click(page, 'Explore', { window: 'nav' });
  assert.equal(await currentModule(page), 'Explore');
  assert.equal((await items(page, { text: 'Generate' })).length, 0, 'the Data module is no longer drawn');

  // Back to Data and generate the default loan dataset with the button.
  await click(page, 'Data', { window: 'nav' });
  assert.equal((await cmd(page, { cmd: 'data.schema' })).ok, false, 'no dataset before Generate');
  await click(page, 'Generate', { window: 'panel', exact: true });
  const schema = await cmd(page, { cmd: 'data.schema' });
  assert.equal(schema.ok, true, JSON.stringify(schema));
  const preview = await cmd(page, { cmd: 'data.preview', offset: 0, limit: 1 });
  assert.equal(preview.total_rows, 5000, JSON.stringify(preview).slice(0, 300));

  // Explore draws the 5,000 rows (this aborted the whole app with 16-bit draw indices).
  await click(page, 'Explore', { window: 'nav' });
  await waitFrames(page, 3);
  assert.equal((await cmd(page, { cmd: 'ui.draw_error' })).message, '');
  assert.equal(await currentModule(page), 'Explore');
  await screenshot(page, 'ui-probe-explore-5000');
  await click(page, 'Data', { window: 'nav' });

  // A widget that is not there fails with the near matches listed.
  await assert.rejects(findItem(page, 'Generat data now'), /no visible item "Generat data now".*Near matches: .*Generate/s);
  await screenshot(page, 'ui-probe-generated');
  assert.deepEqual(errors, []);
  await context.close();
});
