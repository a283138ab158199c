// Serve panel in a real browser: the workshop's example requests as presets, and batch scoring
// of a CSV picked through the file input, with the per-row errors and the downloaded result.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, freshProfileDir, openLab, cmd, waitFor, serveSite } from './browser.mjs';

const shots = process.env.LAB_SCREENSHOTS ?? join(process.cwd(), 'build', 'screenshots');
mkdirSync(shots, { recursive: true });
let server, url, profile;
before(async () => {
  ({ server, url } = await serveSite());
  profile = freshProfileDir('serving-batch');
});
after(() => {
  server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

const frames = (page, n = 3) =>
  page.evaluate((k) => new Promise((done) => { const tick = (i) => (i ? requestAnimationFrame(() => tick(i - 1)) : done()); tick(k); }), n);

// Sets a file on the batch input (created by the first pick) and waits for the panel's verdict.
async function scoreFile(page, name, text, mimeType = 'text/csv') {
  const before = JSON.stringify((await cmd(page, { cmd: 'ui.serve' })).batch);
  await page.setInputFiles('#lab-batch-file', { name, mimeType, buffer: Buffer.from(text) });
  return (await waitFor(page, { cmd: 'ui.serve' }, (r) => JSON.stringify(r.batch) !== before, { what: `batch result for ${name}` })).batch;
}

test('Serve: seed presets fit only the matching contract; a CSV is batch-scored with per-row errors and downloaded', async () => {
  const context = await launch(profile);
  const { page, errors } = await openLab(context, url);
  await cmd(page, { cmd: 'ui.select', module: 'serve' });
  await frames(page);
  // No deployed model yet: the picker is refused with a reason, and so is the command.
  const early = await cmd(page, { cmd: 'ui.serve', endpoint: 'churn-api', pick_batch: true });
  assert.equal(early.ok, false);
  assert.match(early.error, /deploy a model first/);
  assert.match((await cmd(page, { cmd: 'serve.batch', endpoint: 'churn-api', text: 'a\n1\n' })).error, /no endpoint named 'churn-api'; deploy one/);

  assert.equal((await cmd(page, { cmd: 'data.generate', dataset: 'churn', rows: 3000, seed: 4 })).ok, true);
  const run = await cmd(page, { cmd: 'train.run', params: { C: 1.0 } });
  assert.equal(run.state, 'done', JSON.stringify(run));
  assert.equal((await cmd(page, { cmd: 'registry.register', model: 'churn', run_id: run.run_id })).ok, true);
  await cmd(page, { cmd: 'registry.set_alias', model: 'churn', alias: 'champion', version: 1 });
  assert.equal((await cmd(page, { cmd: 'serve.deploy', endpoint: 'churn-api', model: 'churn' })).ok, true);

  // Presets: the churn ones fit, the iris ones are disabled with a reason.
  const presets = (await cmd(page, { cmd: 'serve.presets', endpoint: 'churn-api' })).presets;
  const byName = Object.fromEntries(presets.map((p) => [p.name, p]));
  assert.equal(byName['Churn example'].fits, true);
  assert.equal(byName['Iris example'].fits, false);
  assert.match(byName['Iris example'].reason, /needs .* which this example does not have/);
  const shown = await cmd(page, { cmd: 'ui.serve', endpoint: 'churn-api', preset: 'Churn example', send: true });
  assert.equal(shown.ok, true, JSON.stringify(shown));
  assert.match(shown.request_text, /"MonthlyCharges": 70.35/);
  assert.ok(['Yes', 'No'].includes(shown.response.prediction), JSON.stringify(shown.response));
  assert.match((await cmd(page, { cmd: 'ui.serve', preset: 'Iris example' })).error, /no fitting preset/);
  const wrongType = await cmd(page, { cmd: 'ui.serve', preset: 'Churn: wrong type', send: true });
  assert.equal(wrongType.response.status, 422);
  assert.deepEqual(wrongType.response.errors.map((e) => [e.field, e.kind]), [['tenure', 'wrong_type']]);
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'serve-preset-422.png') });

  // Batch: the first file through the picker (a click gives the page the user activation it needs).
  const contract = await cmd(page, { cmd: 'serve.contract', endpoint: 'churn-api' });
  const fields = contract.fields.map((f) => f.name);
  const example = contract.example.features;
  const line = (over = {}) => ['id-' + Math.random().toString(36).slice(2, 7), ...fields.map((f) => (f in over ? over[f] : example[f]))].join(',');
  const rows = ['customerID,' + fields.join(',')];
  for (let i = 0; i < 40; i++) rows.push(line({ tenure: i }));
  rows[6] = line({ tenure: -4 });                          // file line 6: negative
  rows[11] = line({ Contract: 'Forever', MonthlyCharges: 'lots' }); // file line 11: two problems
  const csv = rows.join('\n') + '\n';
  await page.mouse.click(5, 5);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), cmd(page, { cmd: 'ui.serve', pick_batch: true })]);
  await chooser.setFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const batch = (await waitFor(page, { cmd: 'ui.serve' }, (r) => r.batch.summary || r.batch.error, { what: 'batch summary' })).batch;
  assert.equal(batch.error, '');
  assert.equal(batch.file, 'customers.csv');
  assert.equal(batch.summary.rows, 40);
  assert.equal(batch.summary.scored, 38);
  assert.equal(batch.summary.rejected, 2);
  assert.deepEqual(batch.summary.errors.map((e) => [e.row, e.field, e.kind]),
    [[7, 'tenure', 'negative'], [12, 'Contract', 'unknown_category'], [12, 'MonthlyCharges', 'wrong_type']]);
  assert.match(batch.summary.errors[1].message, /'Forever', which the model never saw/);
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'serve-batch.png') });

  // The download button hands the result CSV to the browser.
  const [download] = await Promise.all([page.waitForEvent('download'), cmd(page, { cmd: 'ui.serve', download_batch: true })]);
  assert.equal(download.suggestedFilename(), 'customers-scored.csv');
  const saved = join(tmpdir(), `lab-e2e-batch-${process.pid}.csv`);
  await download.saveAs(saved);
  const result = readFileSync(saved, 'utf8').trim().split('\n');
  rmSync(saved, { force: true });
  assert.equal(result[0], 'customerID,' + fields.join(',') + ',prediction,confidence,error');
  assert.equal(result.length, 41);
  assert.match(result[1], /,(Yes|No),0\.\d+,$/);
  assert.match(result[6], /,,,Field 'tenure' cannot be negative \(got -4\)/);

  // Files that cannot be scored say why, and the last result stays until a new one arrives.
  const xlsx = await scoreFile(page, 'customers.xlsx', 'PK\u0003\u0004', 'application/vnd.ms-excel');
  assert.match(xlsx.error, /'customers.xlsx' is not a .csv file/);
  assert.match((await scoreFile(page, 'empty.csv', '')).error, /'empty.csv' is empty/);
  const big = await scoreFile(page, 'huge.csv', 'x'.repeat(21 * 1024 * 1024));
  assert.match(big.error, /is 21.0 MB; batch scoring in the tab takes files up to 20.0 MB/);
  const partial = await scoreFile(page, 'partial.csv', 'tenure,Contract\n3,One year\n');
  assert.match(partial.error, /lacks column\(s\) the model needs: gender, SeniorCitizen, Partner/);
  assert.doesNotMatch(partial.error, /TotalCharges/, 'TotalCharges had gaps in training: optional');
  await frames(page, 4);
  await page.screenshot({ path: join(shots, 'serve-batch-error.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
