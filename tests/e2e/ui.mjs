// Click-driven browser tests: find a widget by its label in the last frame the lab drew (the
// ui.items test hook, src/app/ui_probe.cpp) and use it with the real mouse and keyboard, the way
// a participant does. Coordinates are CSS pixels relative to the canvas.
import { join } from 'node:path';
import { cmd, screenshotDir } from './browser.mjs';

// The frame counter the shell keeps (ui.frame); waits until `n` more frames were drawn.
export async function waitFrames(page, n = 1) {
  const start = (await cmd(page, { cmd: 'ui.frame' })).frame;
  await page.waitForFunction((target) => Module.labCommand({ cmd: 'ui.frame' }).frame >= target, start + n,
    { polling: 'raf', timeout: 30000 });
}

// Every labelled item of the last frame (optionally filtered: text contains, window contains).
export async function items(page, { text = '', window = '' } = {}) {
  const reply = await cmd(page, { cmd: 'ui.items', text, window });
  if (!reply.ok) throw new Error(`ui.items failed: ${reply.error}`);
  return reply.items;
}

// The title of the module the shell shows ("Data", "Explore", ...).
export async function currentModule(page) {
  return (await cmd(page, { cmd: 'ui.items', text: '\u0000' })).module;
}

const describe = (it) => `"${it.text}" in ${it.window}${it.visible ? '' : ' (not visible)'}${it.enabled ? '' : ' (disabled)'}`;

// Near matches for an error message: items whose text shares a word with what was asked for.
function nearMatches(all, text) {
  const words = text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1);
  const near = all.filter((it) => words.some((w) => it.text.toLowerCase().includes(w)));
  const pick = (near.length ? near : all.filter((it) => it.visible)).slice(0, 25);
  return pick.map(describe).join(', ') || '(no labelled items at all: is the lab drawing?)';
}

// The item whose text is `text` (exactly, or containing it when no item matches exactly).
// opts: window (substring of the window path, e.g. 'nav' or 'panel'), exact (no substring
// fallback), index (which of several matches; without it several matches are an error),
// visible (default true: only items the user can see; false allows scrolled-out items).
export async function findItem(page, text, { window = '', exact = false, index, visible = true } = {}) {
  const all = await items(page, { window });
  const pool = visible ? all.filter((it) => it.visible) : all;
  let matches = pool.filter((it) => it.text === text || it.label === text);
  if (!matches.length && !exact) matches = pool.filter((it) => it.text.toLowerCase().includes(text.toLowerCase()));
  const where = window ? ` in window "${window}"` : '';
  if (!matches.length) {
    const hidden = all.filter((it) => !it.visible && (it.text === text || it.text.toLowerCase().includes(text.toLowerCase())));
    const hint = visible && hidden.length ? ` It exists but is not visible: ${hidden.map(describe).join(', ')} (scrollIntoView first).` : '';
    throw new Error(`no ${visible ? 'visible ' : ''}item "${text}"${where}.${hint} Near matches: ${nearMatches(all, text)}`);
  }
  if (index === undefined) {
    if (matches.length > 1)
      throw new Error(`${matches.length} items match "${text}"${where}: ${matches.map(describe).join(', ')}; pass {index} or {exact: true} or {window}`);
    return matches[0];
  }
  if (index >= matches.length) throw new Error(`only ${matches.length} items match "${text}"${where}, asked for index ${index}`);
  return matches[index];
}

async function canvasOrigin(page) {
  return page.evaluate(() => {
    const r = Module.canvas.getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
}

// The centre of the visible part of an item, in page CSS pixels.
async function centre(page, it) {
  const o = await canvasOrigin(page);
  const x0 = Math.max(it.css.x, it.clip_css.x), x1 = Math.min(it.css.x + it.css.w, it.clip_css.x + it.clip_css.w);
  const y0 = Math.max(it.css.y, it.clip_css.y), y1 = Math.min(it.css.y + it.css.h, it.clip_css.y + it.clip_css.h);
  return { x: o.x + (x0 + x1) / 2, y: o.y + (y0 + y1) / 2 };
}

// The item once it is drawn at the same place in two frames in a row. A module's first frames
// can still move things (a scrollbar appears, a row wraps at the new width), and a click aimed at
// the earlier place would land beside the widget.
const samePlace = (a, b) => Math.abs(a.css.x - b.css.x) < 0.5 && Math.abs(a.css.y - b.css.y) < 0.5 &&
  Math.abs(a.clip_css.y - b.clip_css.y) < 0.5 && Math.abs(a.clip_css.h - b.clip_css.h) < 0.5;
async function stableItem(page, text, opts) {
  let it = await findItem(page, text, opts);
  for (let i = 0; i < 20; i++) {
    await waitFrames(page, 1);
    const again = await findItem(page, text, opts);
    if (samePlace(it, again)) return again;
    it = again;
  }
  throw new Error(`"${text}" kept moving for 20 frames; cannot click it reliably`);
}

// Moves the mouse there, presses and releases with a frame in between (as a hand does), then
// waits two frames so the click's effect is drawn. Refuses disabled items unless opts.force.
// opts.navigates: the click reloads the page, so there are no more frames of this page to wait for
// (a new page counts frames from 0 again).
export async function click(page, text, opts = {}) {
  const it = await stableItem(page, text, opts);
  if (!it.enabled && !opts.force) throw new Error(`"${it.text}" in ${it.window} is disabled (greyed out); cannot click it`);
  const p = await centre(page, it);
  await page.mouse.move(p.x, p.y);
  await waitFrames(page, 1);
  await page.mouse.down({ button: opts.button ?? 'left' });
  await waitFrames(page, 1);
  await page.mouse.up({ button: opts.button ?? 'left' });
  if (!opts.navigates) await waitFrames(page, 2);
  return it;
}

// Clicks a text field, selects everything in it and types `value` (Enter when opts.enter).
export async function typeInto(page, text, value, opts = {}) {
  await click(page, text, opts);
  await pressKey(page, 'Control+A');
  await page.keyboard.type(String(value), { delay: 10 });
  if (opts.enter) await pressKey(page, 'Enter');
  await waitFrames(page, 2);
}

// Presses a key or chord ('Control+A', 'Enter') and holds it for a frame before letting go: ImGui
// 1.86 reads key state once per frame, so a press and release between two frames (what
// page.keyboard.press does) can go unseen: Ctrl+A was lost and typing appended to the old text.
export async function pressKey(page, chord) {
  const keys = chord.split('+');
  for (const k of keys) await page.keyboard.down(k);
  await waitFrames(page, 1);
  for (const k of [...keys].reverse()) await page.keyboard.up(k);
  await waitFrames(page, 2);
}

// Scrolls the item's window with the real mouse wheel until the item is visible. The item may
// never have been drawn yet (then give opts.window, the window to scroll): it scrolls down to
// the end, then up to the top, looking for it.
const fullyInside = (it) => it.css.y >= it.clip_css.y - 0.5 && it.css.y + it.css.h <= it.clip_css.y + it.clip_css.h + 0.5;

// Scrolls the item's window with the real mouse wheel until the item is wholly visible. The item
// may never have been drawn yet (then give opts.window, the window to scroll): it scrolls down to
// the end, then up to the top, looking for it.
export async function scrollIntoView(page, text, opts = {}) {
  const visibleNow = async () => {
    try { return await findItem(page, text, { ...opts, visible: true }); } catch { return null; }
  };
  let found = await visibleNow();
  if (found && fullyInside(found)) return found;
  let target = found;
  if (!target) {
    try { target = await findItem(page, text, { ...opts, visible: false }); } catch { /* not drawn yet */ }
  }
  const window = target?.window ?? opts.window;
  if (!window) throw new Error(`cannot scroll to "${text}": it was never drawn; pass {window} (e.g. 'panel') to search by scrolling`);
  // Wheel over the middle of the window's visible area (its clip rectangle).
  const anyInWindow = target ?? (await items(page, { window }))[0];
  if (!anyInWindow) throw new Error(`no items in window "${window}" to scroll over`);
  const o = await canvasOrigin(page);
  const c = anyInWindow.clip_css;
  await page.mouse.move(o.x + c.x + c.w / 2, o.y + c.y + c.h / 2);
  const directions = target ? [target.css.y > c.y ? 1 : -1] : [1, -1];
  // A pane under the mouse (a table, a chart) takes the wheel until it reaches its own end and
  // then hands it on (src/app/wheel_chaining.*): the window has stopped when a notch scrolls
  // neither it nor any pane inside it (ui.scrolls).
  const scrolls = async () => JSON.stringify((await cmd(page, { cmd: 'ui.scrolls', window })).windows.map((w) => w.scroll_y));
  for (const dir of directions) {
    let last = await scrolls();
    let still = 0;
    for (let i = 0; i < 300; i++) {
      await page.mouse.wheel(0, dir * 100);
      await waitFrames(page, 2);
      found = await visibleNow();
      // Keep going until it is wholly inside (or nothing moves any more).
      const now = await scrolls();
      still = now === last ? still + 1 : 0;
      last = now;
      if (found && (fullyInside(found) || still >= 2)) return found;
      if (still >= 2) break;
    }
  }
  throw new Error(`scrolled window "${window}" from end to end and "${text}" never became visible. Near matches: ${nearMatches(await items(page), text)}`);
}

// A PNG of the page in build/screenshots (or $LAB_SCREENSHOTS); returns its path.
export async function screenshot(page, name) {
  const path = join(screenshotDir(), name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path });
  return path;
}
