// Deep links (src/app/route.*, src/app/navigator.*): the address bar follows the participant
// (module clicks, a run chosen, a guide step), back and forward walk through those places, and a
// link pasted into a fresh tab opens the same place once storage is loaded. A link the lab cannot
// open says why above the module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd, waitFor } from './browser.mjs';
import { click, currentModule, findItem, waitFrames } from './ui.mjs';
import { labForThisFile, openModule, stageShots } from './journey_helpers.mjs';
import { makeRuns } from './tracking_helpers.mjs';

const lab = labForThisFile('deep-links');
const hash = (page) => page.evaluate(() => location.hash);
const hashBecomes = (page, h) => page.waitForFunction((want) => location.hash === want, h, { timeout: 10000 });

// A second tab of the same browser (same storage), opened straight at a link.
async function openTab(link) {
  const page = await lab.context.newPage();
  await page.goto(lab.site.url + link);
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  await waitFrames(page, 3);
  return page;
}

test('clicks move the address bar; back and forward walk through the modules', async () => {
  const { page } = lab;
  await hashBecomes(page, '#/data');  // where the lab opened, in place of the bare address
  await openModule(page, 'Train');
  await hashBecomes(page, '#/train');
  await openModule(page, 'Explore');
  await hashBecomes(page, '#/explore');
  await page.goBack();
  await hashBecomes(page, '#/train');
  await waitFrames(page, 2);
  assert.equal(await currentModule(page), 'Train');
  await page.goBack();
  await waitFrames(page, 2);
  assert.equal(await currentModule(page), 'Data');
  await page.goForward();
  await page.goForward();
  await hashBecomes(page, '#/explore');
  await waitFrames(page, 2);
  assert.equal(await currentModule(page), 'Explore');
});

test('a run link pasted into a fresh tab opens that run; a guide link opens the step', async (t) => {
  const ids = await makeRuns(lab.page, { count: 3, steps: 40, prefix: 'linked' });
  await cmd(lab.page, { cmd: 'storage.flush' });
  await waitFor(lab.page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'runs saved' });

  // Choosing a run in Runs puts it in the address bar.
  await openModule(lab.page, 'Runs');
  await cmd(lab.page, { cmd: 'ui.runs', select: [ids[1]] });
  await hashBecomes(lab.page, `#/runs/${ids[1]}`);

  const tab = await openTab(`#/runs/${ids[1]}`);
  t.after(() => tab.close());
  assert.equal(await currentModule(tab), 'Runs');
  const view = await cmd(tab, { cmd: 'ui.runs' });
  assert.equal(view.selected, 1);
  assert.equal((await cmd(tab, { cmd: 'nav.where' })).route, `#/runs/${ids[1]}`);
  assert.equal(await hash(tab), `#/runs/${ids[1]}`);
  await findItem(tab, 'linked-1', { window: 'panel', index: 0 });
  await stageShots(tab, 'deep-link-run');

  const guide = await openTab('#/guide/loan/3');
  t.after(() => guide.close());
  const st = await cmd(guide, { cmd: 'guide.status' });
  assert.equal(st.active, 'loan');
  assert.equal(st.step.n, 3);
  assert.equal((await currentModule(guide)).toLowerCase(), st.step.module);
  assert.equal(await hash(guide), '#/guide/loan/3');
});

test('a link to a run this browser does not hold says so; Dismiss clears it', async (t) => {
  const tab = await openTab('#/runs/0123456789abcdef');
  t.after(() => tab.close());
  const where = await cmd(tab, { cmd: 'nav.where' });
  assert.match(where.problem, /0123456789abcdef/);
  assert.match(where.problem, /does not hold/);
  await stageShots(tab, 'deep-link-unknown-run');
  await click(tab, 'Dismiss', { window: 'panel' });
  assert.equal((await cmd(tab, { cmd: 'nav.where' })).problem, '');
  // Typing another link into the address bar of the same tab goes there.
  await tab.evaluate(() => { location.hash = '#/registry'; });
  await waitFor(tab, { cmd: 'nav.where' }, (r) => r.module === 'registry', { what: 'the registry link' });
});
