// CSV import in the tab: drop a file on the page; a broken file gives a located error and
// leaves the current dataset alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, freshProfileDir, openLab, cmd, waitFor, siteForThisFile, screenshotDir } from './browser.mjs';

const shots = screenshotDir();
const site = siteForThisFile();

const drop = (page, name, text) =>
  page.evaluate(([n, t]) => {
    const dt = new DataTransfer();
    dt.items.add(new File([t], n, { type: 'text/csv' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, text]);

test('drop a CSV on the page to import it; a broken one is reported with its line', async () => {
  const context = await launch(freshProfileDir('import'));
  const { page, errors } = await openLab(context, site.url);
  const rows = ['customer,plan,monthly,"note, with comma",churned'];
  for (let i = 0; i < 200; i++) rows.push(`c${i},${i % 3 ? 'basic' : 'premium'},${(20 + (i % 50)).toFixed(2)},"say ""hi""",${i % 4 === 0 ? 'yes' : 'no'}`);
  await drop(page, 'my-customers.csv', rows.join('\n') + '\n');
  const status = await waitFor(page, { cmd: 'ui.import_status' }, (r) => r.message !== '', { what: 'import message' });
  assert.equal(status.failed, false, status.message);
  assert.match(status.message, /Imported my-customers.csv: 200 rows x 5 columns/);
  const schema = await cmd(page, { cmd: 'data.schema' });
  const plan = schema.columns.find((c) => c.name === 'plan');
  assert.equal(plan.type, 'categorical');
  assert.equal(schema.columns.find((c) => c.name === 'note, with comma').type, 'categorical');
  await cmd(page, { cmd: 'data.set_target', column: 'churned' });
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'data-imported.png') });
  const hashBefore = schema.hash;

  await drop(page, 'broken.csv', 'a,b\n1,2\n3,"unterminated\n');
  const bad = await waitFor(page, { cmd: 'ui.import_status' }, (r) => r.failed, { what: 'import error' });
  assert.match(bad.message, /Could not import broken.csv: .*line 3/);
  const still = await cmd(page, { cmd: 'data.schema' });
  assert.equal(still.columns.length, 5, 'the previous dataset is still loaded');
  assert.notEqual(still.hash, undefined);
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(shots, 'data-import-error.png') });
  assert.ok(hashBefore);
  assert.deepEqual(errors, []);
  await context.close();
});
