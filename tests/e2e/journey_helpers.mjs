// Shared steps of the click-driven workshop journeys: a stage screenshot at the two window sizes
// participants use most, choosing a dropdown entry, and waiting for a training run.
import { cmd, waitFor } from './browser.mjs';
import { click, findItem, items, screenshot, waitFrames } from './ui.mjs';

export const SIZES = [{ width: 1280, height: 720 }, { width: 800, height: 600 }];

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
