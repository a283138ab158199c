// Each module keeps its own scroll position (issue 9, problem 6): scrolling Data down, visiting
// Train and Explore, and coming back lands where Data was left, and a click aimed at Generate
// hits Generate. Mouse wheel and clicks only; data.generate sets up nothing here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd } from './browser.mjs';
import { click, findItem, scrollIntoView, screenshot, typeInto, waitFrames } from './ui.mjs';
import { labForThisFile } from './journey_helpers.mjs';

const lab = labForThisFile('module-scroll');

const yOf = async (text) => (await findItem(lab.page, text, { window: 'panel', visible: false })).css.y;

async function wheelOverPanel(notches) {
  const it = await findItem(lab.page, '', { window: 'panel', visible: true, index: 0 });
  const box = await lab.page.evaluate(() => { const r = Module.canvas.getBoundingClientRect(); return { x: r.left, y: r.top }; });
  await lab.page.mouse.move(box.x + it.clip_css.x + it.clip_css.w / 2, box.y + it.clip_css.y + it.clip_css.h / 2);
  for (let i = 0; i < Math.abs(notches); i++) {
    await lab.page.mouse.wheel(0, Math.sign(notches) * 100);
    await waitFrames(lab.page, 2);
  }
}

test('Data and Train each keep their scroll; Generate is where Data was left and takes the click', async () => {
  await click(lab.page, 'Generate', { window: 'panel' });  // the preview table makes Data long
  const hash1 = (await cmd(lab.page, { cmd: 'data.schema' })).hash;
  assert.ok(hash1, 'the first Generate click made a dataset');
  const top = await yOf('Generate');
  await wheelOverPanel(4);
  const dataScrolled = await yOf('Generate');
  assert.ok(dataScrolled < top - 20, `the wheel scrolled Data down (Generate at ${top}, then ${dataScrolled})`);

  await click(lab.page, 'Train', { window: 'nav' });
  const trainTop = await yOf('algorithm');
  assert.ok(trainTop > 0, `Train opens at its own top (algorithm at ${trainTop}), not at Data's offset`);
  await wheelOverPanel(2);
  const trainScrolled = await yOf('algorithm');

  await click(lab.page, 'Data', { window: 'nav' });
  assert.equal(await yOf('Generate'), dataScrolled, 'back on Data: where it was left');
  await screenshot(lab.page, 'module-scroll-data-kept-1280x720');
  await click(lab.page, 'Train', { window: 'nav' });
  assert.equal(await yOf('algorithm'), trainScrolled, 'back on Train: where it was left');

  await click(lab.page, 'Data', { window: 'nav' });
  await scrollIntoView(lab.page, 'seed', { window: 'panel' });
  await typeInto(lab.page, 'seed', '7', { window: 'panel' });
  await click(lab.page, 'Generate', { window: 'panel' });
  const hash2 = (await cmd(lab.page, { cmd: 'data.schema' })).hash;
  assert.notEqual(hash2, hash1, 'the click aimed at Generate generated a new dataset (seed 7)');
  assert.deepEqual(lab.errors, []);
});
