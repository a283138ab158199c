// Column roles in the tab: the schema table shows why a column is left out (the id heuristic's
// reason) and the role can be changed; training then uses the new feature set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, freshProfileDir, openLab, cmd, siteForThisFile, screenshotDir } from './browser.mjs';

const shots = screenshotDir();
const site = siteForThisFile();

test('the Data panel shows each column role with its reason, and data.set_role changes it', async () => {
  const context = await launch(freshProfileDir('roles'));
  const { page, errors } = await openLab(context, site.url);
  const rows = ['order,tenure,plan,bought'];
  for (let i = 0; i < 60; i++) rows.push(`${i + 1},${(i * 7) % 13},${i % 3 ? 'basic' : 'pro'},${(i * 7) % 13 > 6 ? 'yes' : 'no'}`);
  const imported = await cmd(page, { cmd: 'data.import_csv', name: 'orders.csv', text: rows.join('\n') + '\n', target: 'bought' });
  assert.equal(imported.ok, true, JSON.stringify(imported));
  let order = (await cmd(page, { cmd: 'data.schema' })).columns.find((c) => c.name === 'order');
  assert.equal(order.role, 'id');
  assert.match(order.role_reason, /unique whole numbers 1\.\.n/);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'data-roles-id.png') });

  const changed = await cmd(page, { cmd: 'data.set_role', column: 'order', role: 'feature' });
  assert.equal(changed.ok, true, JSON.stringify(changed));
  assert.deepEqual(changed.features, ['order', 'tenure', 'plan']);
  const ignored = await cmd(page, { cmd: 'data.set_role', column: 'plan', role: 'ignore' });
  assert.deepEqual(ignored.features, ['order', 'tenure']);
  const bad = await cmd(page, { cmd: 'data.set_role', column: 'plan', role: 'label' });
  assert.equal(bad.ok, false);
  assert.match(bad.error, /one of: feature, target, id, time, ignore/);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(shots, 'data-roles-changed.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
