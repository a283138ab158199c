// Explain by clicks (issue 13): generate the churn data, train gradient boosting, open Explain,
// pick a fiber customer among the held-out rows, see the waterfall, switch them to DSL in the
// what-if editor and see the churn probability fall, type a longer tenure, rank the features and
// open the partial dependence of tenure; then the PCA map in Explore. Clicks and keys at widgets
// found by label; commands only read results back. Shots of the new views at 800x600, 1280x720
// and 1920x1080.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd } from './browser.mjs';
import { click, items, screenshot, scrollIntoView, typeInto, waitFrames } from './ui.mjs';
import { choose, labForThisFile, openModule, stageShots, trainingFinished } from './journey_helpers.mjs';

const lab = labForThisFile('explain');

const panel = (page) => cmd(page, { cmd: 'ui.explain' });

// The three window sizes participants use, each after `settle(page)` (e.g. scrolling to the view).
const THREE = [{ width: 800, height: 600 }, { width: 1280, height: 720 }, { width: 1920, height: 1080 }];
async function shotsAtThreeSizes(page, name, settle = async () => {}) {  // settle(page) sees page.viewportSize()
  for (const size of THREE) {
    await page.setViewportSize(size);
    await waitFrames(page, 3);
    await settle(page);
    await page.mouse.move(2, 2);  // no hover tooltip over the chart in the shot
    await waitFrames(page, 2);
    await screenshot(page, `${name}-${size.width}x${size.height}`);
  }
  await page.setViewportSize(THREE[1]);
  await waitFrames(page, 3);
}

test('explain a churn prediction, then change it in what-if', { timeout: 600000 }, async () => {
  const { page } = lab;
  await choose(page, 'dataset', 'churn');
  await typeInto(page, 'rows', '2000', { window: 'panel' });
  await click(page, 'Generate', { window: 'panel' });
  await openModule(page, 'Train');
  await choose(page, 'algorithm', 'Gradient boosting');
  await click(page, 'Train', { window: 'panel', exact: true });
  const run = await trainingFinished(page);
  assert.equal(run.state, 'done', JSON.stringify(run));

  await openModule(page, 'Explain');
  await stageShots(page, 'explain-00-with-guide');
  await click(page, 'Hide guide');  // the module's own space at 800x600
  let state = await panel(page);
  assert.equal(state.run_id, run.run_id, 'Explain shows the run just trained');
  assert.equal(state.method, 'shap', JSON.stringify(state).slice(0, 300));

  // The held-out fiber customer whose fiber service raises their churn probability the most
  // (read back, not clicked): the seed-004 story's customer.
  let fiberRow = -1, best = 0;
  for (let row = 0; row < 80; row++) {
    const r = await cmd(page, { cmd: 'explain.row', run_id: run.run_id, row });
    assert.equal(r.ok, true, JSON.stringify(r));
    const fiber = r.effects.find((e) => e.feature === 'InternetService');
    if (r.record.InternetService === 'Fiber optic' && fiber && fiber.step > best) { best = fiber.step; fiberRow = row; }
  }
  assert.ok(fiberRow >= 0, 'a fiber customer among the first 80 held-out rows');
  await typeInto(page, 'held-out row', String(fiberRow), { window: 'panel', enter: true });
  state = await panel(page);
  assert.equal(state.row, fiberRow);
  assert.equal(state.record.InternetService, 'Fiber optic');
  const before = state.output;
  // The waterfall the participant sees adds up to the answer.
  const sum = state.effects.reduce((s, e) => s + e.step, state.base);
  assert.ok(Math.abs(sum - before) < 1e-9, `base + steps = ${sum}, answer ${before}`);
  const fiberEffect = state.effects.find((e) => e.feature === 'InternetService');
  assert.ok(fiberEffect && fiberEffect.step > 0, `fiber raises the churn probability: ${JSON.stringify(fiberEffect)}`);
  await stageShots(page, 'explain-01-fiber-customer');

  // What if they had DSL?
  await scrollIntoView(page, 'InternetService', { window: 'panel' });
  await choose(page, 'InternetService', 'DSL');
  state = await panel(page);
  assert.deepEqual(state.overrides, { InternetService: 'DSL' });
  assert.ok(state.output < before - 0.01, `DSL should lower the churn probability: ${before} -> ${state.output}`);
  await stageShots(page, 'explain-02-what-if-dsl');

  // And with six years as a customer (typed into the tenure field).
  const dsl = state.output;
  await scrollIntoView(page, 'tenure', { window: 'panel' });
  await typeInto(page, 'tenure', '72', { window: 'panel', exact: true, enter: true });
  state = await panel(page);
  assert.equal(state.overrides.tenure, 72, JSON.stringify(state.overrides));
  assert.notEqual(state.output, dsl, 'a longer tenure moves the answer');

  await scrollIntoView(page, 'Undo what-if changes', { window: 'panel' });
  await click(page, 'Undo what-if changes', { window: 'panel' });
  state = await panel(page);
  assert.deepEqual(state.overrides, {});
  assert.equal(state.output, before);

  // LIME beside the exact explanation, for the same row.
  await scrollIntoView(page, 'Compare with LIME', { window: 'panel' });
  await click(page, 'Compare with LIME', { window: 'panel', exact: true });
  state = await panel(page);
  assert.equal(state.lime?.method, 'lime', JSON.stringify(state).slice(0, 300));
  assert.equal(state.lime.features.length, 10);
  assert.ok(state.lime.score > 0 && state.lime.score <= 1, `fidelity ${state.lime.score}`);
  await page.mouse.wheel(0, 400);  // down to LIME's bars under the button
  await waitFrames(page, 3);
  await stageShots(page, 'explain-025-lime');

  await scrollIntoView(page, 'Which features matter', { window: 'panel' });
  await click(page, 'Which features matter', { window: 'panel' });
  await click(page, 'Rank features', { window: 'panel', exact: true });
  await waitFrames(page, 2);
  state = await panel(page);
  assert.ok(state.importance?.length >= 5, JSON.stringify(state).slice(0, 300));
  const means = state.importance.map((f) => f.mean);
  assert.deepEqual(means, [...means].sort((x, y) => y - x), 'sorted, largest first');
  assert.ok(state.importance[0].mean > 0, 'the top feature matters');
  await stageShots(page, 'explain-03-importance');

  // Partial dependence: how the average churn probability moves with tenure alone.
  await click(page, 'Partial dependence', { window: 'panel' });
  await waitFrames(page, 2);
  await choose(page, 'feature', 'tenure');
  await waitFrames(page, 2);
  state = await panel(page);
  assert.equal(state.pdp?.feature, 'tenure', JSON.stringify(state.pdp_error ?? state).slice(0, 300));
  assert.equal(state.pdp.kind, 'number');
  assert.equal(state.pdp.average.length, state.pdp.grid.length);
  assert.ok(state.pdp.average[0] > state.pdp.average.at(-1), 'new customers churn more than long-standing ones, on average');
  assert.ok(state.pdp.ice.length > 10 && state.pdp.rug.length === state.pdp.rows);
  await shotsAtThreeSizes(page, 'explain-04-pdp-tenure');
  await choose(page, 'feature', 'InternetService');
  await waitFrames(page, 2);
  state = await panel(page);
  assert.equal(state.pdp?.kind, 'category');
  await shotsAtThreeSizes(page, 'explain-05-pdp-internet');
  assert.deepEqual(lab.errors, []);
});

test('the PCA map in Explore, opened by its button', { timeout: 300000 }, async () => {
  const { page } = lab;
  await openModule(page, 'Explore');
  // Down to the button with the wheel, as a participant would (Explore's charts carry no
  // labelled widgets for scrollIntoView to steer by).
  const middle = await page.evaluate(() => { const r = Module.canvas.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
  await page.mouse.move(middle.x, middle.y);
  for (let i = 0; i < 40; i++) {
    const shown = (await items(page, { text: 'Show PCA map', window: 'panel' })).some((it) => it.visible && it.text === 'Show PCA map');
    if (shown) break;
    await page.mouse.wheel(0, 150);
    await waitFrames(page, 2);
  }
  await click(page, 'Show PCA map', { window: 'panel', exact: true });
  await waitFrames(page, 2);
  const state = await cmd(page, { cmd: 'ui.explore' });
  assert.equal(state.pca_shown, true);
  assert.equal(state.pca_error, '');
  assert.equal(state.points, 2000, 'every row of the churn data on the map');
  assert.equal(state.pca.components.length, 2);
  const [pc1, pc2] = state.pca.components;
  assert.ok(pc1.explained_variance_ratio >= pc2.explained_variance_ratio && pc1.explained_variance_ratio < 1);
  assert.ok(pc1.loadings.length === 4 && pc1.loadings[0].loading > 0, JSON.stringify(pc1.loadings));
  // Down to the map (it sits above the summary table at the end of the module).
  const toMap = async (p) => {
    const o = await p.evaluate(() => { const r = Module.canvas.getBoundingClientRect(); return { x: r.left + r.width / 2, y: r.top + r.height / 2 }; });
    await p.mouse.move(o.x, o.y);
    for (let i = 0; i < 30; i++) await p.mouse.wheel(0, 400);
    await waitFrames(p, 2);
    // Back up over the summary table (and, in one column, the loadings) to the map itself.
    const { width } = p.viewportSize();
    const up = width >= 1900 ? 0 : width >= 1200 ? 720 : 1150;
    for (let moved = 0; moved < up; moved += 50) await p.mouse.wheel(0, -50);
  };
  await shotsAtThreeSizes(page, 'explore-pca-map', toMap);
  assert.deepEqual(lab.errors, []);
});
