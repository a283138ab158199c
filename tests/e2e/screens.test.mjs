// Every module at the window sizes participants use (a laptop at 800x600, the lab beside a guide
// at 960x1000, 1280x720, a full HD screen), with trained runs, a registered model and a deployed
// endpoint, into build/screenshots/screens/. Look at them: cramped, clipped or confusing is a bug.
// Checked here: below the compact width the navigation is a strip above the module and every
// entry is fully visible and reachable by a click.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd } from './browser.mjs';
import { click, items, screenshot, waitFrames, currentModule } from './ui.mjs';
import { labForThisFile } from './journey_helpers.mjs';

const lab = labForThisFile('screens');
const sizes = [[800, 600], [960, 1000], [1280, 720], [1920, 1080]];

test('every module at 800x600, 960x1000, 1280x720 and 1920x1080', async () => {
  const { page, errors } = lab;
  // The state a workshop reaches: data, two trained runs, a registered champion, a live endpoint.
  const ok = async (c) => { const r = await cmd(page, c); assert.equal(r.ok, true, `${JSON.stringify(c)} -> ${JSON.stringify(r)}`); return r; };
  await ok({ cmd: 'data.generate', dataset: 'loan', rows: 5000, seed: 1 });
  const a = await ok({ cmd: 'train.run', algo: 'logistic_regression', run_name: 'logistic' });
  const b = await ok({ cmd: 'train.run', algo: 'decision_tree', run_name: 'tree' });
  await ok({ cmd: 'registry.register', model: 'loan-approval', run_id: a.run_id });
  await ok({ cmd: 'registry.register', model: 'loan-approval', run_id: b.run_id });
  await ok({ cmd: 'registry.set_alias', model: 'loan-approval', alias: 'champion', version: 1 });
  await ok({ cmd: 'serve.deploy', endpoint: 'loan-api', model: 'loan-approval' });

  for (const [w, h] of sizes) {
    await page.setViewportSize({ width: w, height: h });
    await waitFrames(page, 3);
    const nav = await items(page, { window: 'nav' });
    assert.equal(nav.length, 13, `${w}x${h}: navigation entries ${nav.map((n) => n.text)}`);
    for (const n of nav) {
      const inside = n.css.x >= n.clip_css.x - 0.5 && n.css.x + n.css.w <= n.clip_css.x + n.clip_css.w + 0.5 &&
        n.css.y >= n.clip_css.y - 0.5 && n.css.y + n.css.h <= n.clip_css.y + n.clip_css.h + 0.5;
      assert.ok(n.visible && inside, `${w}x${h}: "${n.text}" is clipped: ${JSON.stringify(n.css)} in ${JSON.stringify(n.clip_css)}`);
    }
    const strip = nav.every((n) => Math.abs(n.css.y - nav[0].css.y) < 1 || n.css.y > nav[0].css.y);
    const column = nav.every((n, i) => i === 0 || n.css.y > nav[i - 1].css.y);
    if (w < 1000) assert.ok(strip && !column, `${w}x${h}: the navigation should be a strip above the module`);
    else assert.ok(column, `${w}x${h}: the navigation should be a column`);
    for (const n of nav) {
      await click(page, n.text, { window: 'nav', exact: true });
      await page.mouse.move(w - 5, h - 5);  // off the navigation: no tooltip over the picture
      await waitFrames(page, 3);
      const title = n.text.replace(/^\d+\. /, '');
      assert.equal(await currentModule(page), title);
      assert.equal((await cmd(page, { cmd: 'ui.draw_error' })).message, '', `${title} at ${w}x${h}`);
      await screenshot(page, `screens/${w}x${h}-${n.text.replace('. ', '-').toLowerCase()}`);
    }
  }
  // The SVM's settings at 800x600: gamma 0 reads as scikit-learn's "scale" rule, not as 0.000.
  await page.setViewportSize({ width: 800, height: 600 });
  await click(page, '3. Train', { window: 'nav', exact: true });
  await click(page, 'algorithm', { window: 'panel', exact: true });
  await click(page, 'Support vector machine', { exact: true });
  await page.mouse.move(795, 595);
  await waitFrames(page, 3);
  assert.ok((await items(page, { text: 'gamma', window: 'panel' })).length > 0, 'the SVM settings are shown');
  await screenshot(page, 'screens/800x600-3-train-svm');
  assert.deepEqual(errors, []);
});
