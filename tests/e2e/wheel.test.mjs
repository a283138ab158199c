// Mouse-wheel scrolling (issue 9, stopper 2): one notch moves about three lines, in the direction
// every page moves (wheel down shows what is below), and wheel up brings it back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, freshProfileDir, openLab, siteForThisFile } from './browser.mjs';
import { click, findItem, waitFrames, screenshot } from './ui.mjs';

const site = siteForThisFile();

test('one wheel notch scrolls the module by about three lines, both ways', async () => {
  const context = await launch(freshProfileDir('wheel'), { width: 1280, height: 720 });
  const { page, errors } = await openLab(context, site.url);
  await waitFrames(page, 2);
  // Generate a dataset so the Data module is long (quality checklist, schema, rows).
  await click(page, 'Generate', { window: 'panel', exact: true });
  await waitFrames(page, 3);
  const anchor = () => findItem(page, 'Generate', { window: 'panel', exact: true, visible: false });
  const top = await anchor();
  const fontPx = 17;  // the theme's font size at scale 1 (app/theme.cpp)

  // The mouse over the module's panel, then one notch down (Chromium: deltaY 100 pixels).
  await page.mouse.move(top.clip_css.x + top.clip_css.w / 2, top.clip_css.y + top.clip_css.h / 2);
  await waitFrames(page, 1);
  await page.mouse.wheel(0, 100);
  await waitFrames(page, 3);
  const down = await anchor();
  const moved = top.css.y - down.css.y;
  assert.ok(moved > 2 * fontPx && moved < 4.5 * fontPx,
    `one notch down should move the content up by about three lines (~${3 * fontPx}px), moved ${moved}px`);
  await screenshot(page, 'wheel-one-notch-down');

  // Three more notches keep going down; three notches up and one more come back to the start.
  for (let i = 0; i < 3; i++) { await page.mouse.wheel(0, 100); await waitFrames(page, 2); }
  const further = await anchor();
  assert.ok(top.css.y - further.css.y > 3 * moved, `four notches moved only ${top.css.y - further.css.y}px`);
  for (let i = 0; i < 4; i++) { await page.mouse.wheel(0, -100); await waitFrames(page, 2); }
  const back = await anchor();
  assert.ok(Math.abs(back.css.y - top.css.y) < 1, `wheel up should return to the top: ${back.css.y} vs ${top.css.y}`);

  // Wheel up at the top does nothing (it does not jump to the bottom).
  await page.mouse.wheel(0, -100);
  await waitFrames(page, 2);
  assert.ok(Math.abs((await anchor()).css.y - top.css.y) < 1, 'wheel up at the top moved the content');
  assert.deepEqual(errors, []);
  await context.close();
});
