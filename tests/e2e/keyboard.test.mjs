// Keyboard use (issue 9, problem 10): Tab reaches every widget (not only text fields), Enter and
// Space activate the focused widget, Escape closes an open dropdown, and the click that closes a
// dropdown also reaches the widget it was aimed at. Keys and clicks go at widgets found by label;
// ui.focus (which widget has the keyboard focus) and data.schema only read results.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd } from './browser.mjs';
import { click, findItem, items, pressKey, screenshot, scrollIntoView, waitFrames } from './ui.mjs';
import { labForThisFile } from './journey_helpers.mjs';

const lab = labForThisFile('keyboard');

// The label of the widget that has the keyboard focus ('' when none).
async function focused() {
  const f = await cmd(lab.page, { cmd: 'ui.focus' });
  if (!f.nav_id) return '';
  const it = (await items(lab.page)).find((i) => i.id === f.nav_id);
  return it ? it.text || it.label : `#${f.nav_id}`;
}

const hasData = async () => (await cmd(lab.page, { cmd: 'data.schema' })).ok === true;

test('Tab moves through buttons, dropdowns and the module list, not only text fields; Shift+Tab goes back', async () => {
  const seen = [];
  for (let i = 0; i < 40; i++) {
    await pressKey(lab.page, 'Tab');
    seen.push(await focused());
    if (seen.includes('Generate') && seen.filter((s) => s === seen[0]).length > 1) break;  // wrapped around
  }
  for (const want of ['1. Data', '3. Train', 'dataset', 'rows', 'seed', 'Generate', 'Import CSV file...'])
    assert.ok(seen.includes(want), `Tab reached ${want}; it visited: ${seen.join(' | ')}`);
  assert.ok(seen.indexOf('1. Data') < seen.indexOf('Generate'), 'the module list comes before the module, as drawn');
  assert.ok((await cmd(lab.page, { cmd: 'ui.focus' })).nav_visible, 'the focused widget is highlighted');
  await screenshot(lab.page, 'keyboard-tab-focus-1280x720');

  // Shift+Tab walks back: from the item after Generate back onto Generate.
  while ((await focused()) !== 'Generate') await pressKey(lab.page, 'Tab');
  await pressKey(lab.page, 'Tab');
  const next = await focused();
  assert.notEqual(next, 'Generate');
  await pressKey(lab.page, 'Shift+Tab');
  assert.equal(await focused(), 'Generate');
});

test('Enter on the focused Generate button generates; Space on a module in the list opens it', async () => {
  assert.equal(await focused(), 'Generate');
  assert.equal(await hasData(), false, 'no dataset before Enter');
  await pressKey(lab.page, 'Enter');
  await waitFrames(lab.page, 2);
  assert.equal(await hasData(), true, 'Enter pressed the focused Generate button');

  // Its number moves as modules are added; a bounded walk fails with what it saw instead of hanging.
  const walked = [];
  for (let i = 0; i < 60 && !(walked.at(-1) ?? '').endsWith('. Runs'); i++) {
    await pressKey(lab.page, 'Tab');
    walked.push(await focused());
  }
  assert.ok(walked.at(-1).endsWith('. Runs'), `Tab reached the Runs module; it visited: ${walked.join(' | ')}`);
  await pressKey(lab.page, 'Space');
  await waitFrames(lab.page, 2);
  assert.ok((await items(lab.page, { text: 'Show deleted' })).length > 0, 'Space opened the Runs module');
});

test('Escape closes an open dropdown', async () => {
  await click(lab.page, '1. Data', { window: 'nav' });
  await scrollIntoView(lab.page, 'dataset', { window: 'panel' });  // Data kept its scroll from the Tab walk
  await click(lab.page, 'dataset', { window: 'panel' });
  assert.equal((await cmd(lab.page, { cmd: 'ui.focus' })).popups_open, 1, 'the dataset list is open');
  await screenshot(lab.page, 'keyboard-dropdown-open-1280x720');
  await pressKey(lab.page, 'Escape');
  assert.equal((await cmd(lab.page, { cmd: 'ui.focus' })).popups_open, 0, 'Escape closed it');
});

test('the click that closes a dropdown reaches the widget it was aimed at', async () => {
  await click(lab.page, 'dataset', { window: 'panel' });
  assert.equal((await cmd(lab.page, { cmd: 'ui.focus' })).popups_open, 1);
  await click(lab.page, '3. Train', { window: 'nav' });  // one click: closes the list and opens Train
  assert.equal((await cmd(lab.page, { cmd: 'ui.focus' })).popups_open, 0);
  assert.ok((await items(lab.page, { text: 'algorithm' })).length > 0, 'the same click opened the Train module');

  // Clicking the dropdown's own box while it is open only closes it (it does not reopen).
  await click(lab.page, 'algorithm', { window: 'panel' });
  assert.equal((await cmd(lab.page, { cmd: 'ui.focus' })).popups_open, 1);
  await click(lab.page, 'algorithm', { window: 'panel' });
  await waitFrames(lab.page, 2);
  assert.equal((await cmd(lab.page, { cmd: 'ui.focus' })).popups_open, 0, 'a second click on the box closes the list');

  // A click inside the list still picks an entry.
  await click(lab.page, 'algorithm', { window: 'panel' });
  const entries = (await items(lab.page, { window: 'Combo' })).filter((i) => i.visible && i.text);
  assert.ok(entries.length >= 3, JSON.stringify(entries.map((e) => e.text)));
  const pick = entries[entries.length - 1].text;
  await click(lab.page, pick, { window: 'Combo' });
  assert.equal((await cmd(lab.page, { cmd: 'ui.focus' })).popups_open, 0);
  assert.equal((await findItem(lab.page, 'algorithm', { window: 'panel' })).preview ?? pick, pick);
  assert.deepEqual(lab.errors, []);
});
