// A fatal stop (wasm abort, an error that escapes a frame, memory exhausted) is shown over the
// canvas with what happened and "Reload the page; your runs are kept.", and the runs are kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, freshProfileDir, openLab, cmd, waitFor, siteForThisFile } from './browser.mjs';
import { screenshot } from './ui.mjs';

const site = siteForThisFile();

const cases = [
  { kind: 'abort', what: /WebAssembly code stopped \(abort\)/ },
  { kind: 'exception', what: /simulated failure outside a module/ },
  { kind: 'out_of_memory', what: /ran out of memory/ },
];

test('a fatal stop says what happened and that the runs are kept', async () => {
  const profile = freshProfileDir('fatal');
  let context = await launch(profile, { width: 1280, height: 720 });
  let { page } = await openLab(context, site.url);
  await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows: 300, seed: 1 });
  const run = await cmd(page, { cmd: 'train.run', algo: 'logistic_regression', run_name: 'before the crash' });
  assert.equal(run.ok, true, JSON.stringify(run));
  await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { what: 'saved' });

  for (const c of cases) {
    await page.reload();
    await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
    assert.equal(await page.locator('#fatal').count(), 0);
    await cmd(page, { cmd: 'ui.simulate_fatal', kind: c.kind });
    const box = page.locator('#fatal');
    await box.waitFor({ state: 'visible', timeout: 20000 });
    const text = await box.innerText();
    assert.match(text, /The lab stopped/);
    assert.match(text, c.what, text);
    assert.match(text, /Reload the page; your runs are kept\./);
    assert.ok(await page.getByRole('button', { name: 'Reload the page' }).isVisible());
    await screenshot(page, `fatal-${c.kind}`);
  }

  // The button reloads, and the run made before the crashes is still there.
  await page.getByRole('button', { name: 'Reload the page' }).click();
  await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
  const runs = await cmd(page, { cmd: 'runs.list' });
  assert.ok(runs.runs.some((r) => r.run_name === 'before the crash' || r.name === 'before the crash'), JSON.stringify(runs).slice(0, 400));
  await context.close();
});
