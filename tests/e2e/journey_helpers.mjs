// Shared steps of the click-driven browser tests: one lab in a fresh browser for a test file, a
// stage screenshot at the two window sizes participants use most, choosing a dropdown entry, and
// waiting for a training run.
import { before, after } from 'node:test';
import { rmSync } from 'node:fs';
import { cmd, freshProfileDir, launch, openLab, serveSite, waitFor } from './browser.mjs';
import { click, findItem, items, screenshot, scrollIntoView, typeInto, waitFrames } from './ui.mjs';

export const SIZES = [{ width: 1280, height: 720 }, { width: 800, height: 600 }];

// The lab for the tests of one file: serves the site, opens it in Chromium with a fresh profile
// (at 1280x720, with `permissions` such as 'clipboard-read' granted) before the tests, and closes
// the browser and removes the profile after them, so a failing test cannot leave it running.
// lab.page and lab.errors (the page's uncaught errors) are set once the tests start. A file's
// own set-up goes in `setUp(page)`, not in a before() of its own: Node 20 starts top-level
// before() hooks together, so another hook would not find the page yet.
export function labForThisFile(name, { viewport = SIZES[0], permissions = [], setUp } = {}) {
  const site = { server: null, url: '' };
  const lab = { site, context: null, page: null, errors: null, profile: null };
  before(async () => {
    Object.assign(site, await serveSite());  // here, not in a hook of its own (see above)
    lab.profile = freshProfileDir(name);
    lab.context = await launch(lab.profile, viewport);
    if (permissions.length) await lab.context.grantPermissions(permissions, { origin: new URL(site.url).origin });
    ({ page: lab.page, errors: lab.errors } = await openLab(lab.context, site.url));
    if (setUp) await setUp(lab.page);
  });
  after(async () => {
    await lab.context?.close();
    site.server?.close();
    if (lab.profile) rmSync(lab.profile, { recursive: true, force: true });
  });
  return lab;
}

// Screenshots the current stage at 1280x720 and 800x600 (the lab relayouts on resize), then
// returns to 1280x720 where the journey clicks. Returns the paths.
export async function stageShots(page, name) {
  const paths = [];
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await waitFrames(page, 3);
    paths.push(await screenshot(page, `${name}-${size.width}x${size.height}`));
  }
  await page.setViewportSize(SIZES[0]);
  await waitFrames(page, 3);
  return paths;
}

// Screenshots at 800x600, 1280x720 and 1920x1080 as `<name>-<size>`, each with `focus` (a label)
// scrolled into view (a resize moves the layout) and no drawing error; then back to 1280x720.
export async function shotsAtThreeSizes(page, name, focus) {
  for (const [width, height] of [[800, 600], [1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await waitFrames(page, 3);
    if (focus) await scrollIntoView(page, focus, { window: 'panel' });
    const drawError = (await cmd(page, { cmd: 'ui.draw_error' })).message ?? '';
    if (drawError) throw new Error(`${name} at ${width}x${height}: ${drawError}`);
    await screenshot(page, `${name}-${width}x${height}`);
  }
  await page.setViewportSize({ width: 1280, height: 720 });
  await waitFrames(page, 3);
}

// Opens a module by clicking its entry in the navigation list.
export async function openModule(page, title) {
  await click(page, title, { window: 'nav' });
  await waitFrames(page, 2);
}

// Opens the dropdown labelled `combo` and clicks the entry whose text contains `entry`.
export async function choose(page, combo, entry, opts = {}) {
  await click(page, combo, { window: 'panel', exact: true, ...opts });
  const list = (await items(page, { window: 'Combo' })).filter((i) => i.visible && i.text.includes(entry));
  if (!list.length) {
    const all = (await items(page, { window: 'Combo' })).map((i) => i.text);
    throw new Error(`dropdown "${combo}" has no entry containing "${entry}"; it shows: ${all.join(' | ')}`);
  }
  await click(page, list[0].text, { window: 'Combo', exact: true });
}

// Waits until the training run the Train button started has finished, and returns its status.
export async function trainingFinished(page, timeout = 240000) {
  return waitFor(page, { cmd: 'train.status' }, (r) => r.state !== 'running', { timeout, what: 'the training run to finish' });
}

export { cmd, findItem };

// The workshop's first half by clicks, for tests of what comes after deployment: generate the
// loan data, train the default learner, register its model as `model`, give it @champion and
// deploy it behind the default endpoint (loan-api). `algorithm`: the learner's entry in the Train
// module's dropdown, when not the default. Returns the finished run's status.
export async function trainRegisterDeployByClicks(page, model = 'loan-approval', { algorithm } = {}) {
  await openModule(page, 'Data');
  await click(page, 'Generate', { window: 'panel' });
  await openModule(page, 'Train');
  if (algorithm) await choose(page, 'algorithm', algorithm);
  await click(page, 'Train', { window: 'panel', exact: true });
  const run = await trainingFinished(page);
  if (run.state !== 'done') throw new Error(`training did not finish: ${JSON.stringify(run)}`);
  await openModule(page, 'Registry');
  await choose(page, 'run', run.run_name);
  await typeInto(page, 'model name', model, { window: 'panel' });
  await click(page, 'Register', { window: 'panel', exact: true });
  await scrollIntoView(page, 'Set alias', { window: 'panel' });
  await typeInto(page, 'alias', 'champion', { window: 'panel', exact: true });
  await click(page, 'Set alias', { window: 'panel' });
  await openModule(page, 'Serve');
  await choose(page, 'model', model);
  await click(page, 'Deploy', { window: 'panel', exact: true });
  const health = await cmd(page, { cmd: 'serve.health', endpoint: 'loan-api' });
  if (!health.ok) throw new Error(`the endpoint is not up: ${JSON.stringify(health)}`);
  return run;
}
