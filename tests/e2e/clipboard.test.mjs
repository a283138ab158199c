// Clipboard (issue 9, problem 4): Ctrl+V pastes the churn lab's example request into the Serve
// request editor, Ctrl+C / Ctrl+X copy from a text field, and the "Copy" buttons put a run id and
// a response on the browser's clipboard. Clicks and keys go at widgets found by label; commands
// only set up the model that is not under test and read results back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd } from './browser.mjs';
import { click, pressKey, screenshot, scrollIntoView, waitFrames } from './ui.mjs';
import { labForThisFile } from './journey_helpers.mjs';

// Set-up, not under test: a churn model behind an endpoint named like the lab's default.
async function churnModelDeployed(page) {
  assert.equal((await cmd(page, { cmd: 'data.generate', dataset: 'churn', rows: 1500, seed: 4 })).ok, true);
  const run = await cmd(page, { cmd: 'train.run', algo: 'svm', run_name: 'churn-svm' });
  assert.equal(run.state, 'done', JSON.stringify(run));
  assert.equal((await cmd(page, { cmd: 'registry.register', model: 'churn', run_id: run.run_id })).ok, true);
  assert.equal((await cmd(page, { cmd: 'registry.set_alias', model: 'churn', alias: 'champion', version: 1 })).ok, true);
  const dep = await cmd(page, { cmd: 'serve.deploy', endpoint: 'loan-api', model: 'churn', alias: 'champion' });
  assert.equal(dep.ok, true, JSON.stringify(dep));
}

const lab = labForThisFile('clipboard', { permissions: ['clipboard-read', 'clipboard-write'], setUp: churnModelDeployed });

// The churn lab's example request, as printed in the workshop's student guide (lab 6).
const CHURN_EXAMPLE = `{
  "StreamingTV": "No",
  "MonthlyCharges": 70.35,
  "PhoneService": "No",
  "PaperlessBilling": "No",
  "Partner": "No",
  "OnlineBackup": "No",
  "gender": "Female",
  "Contract": "Month-to-month",
  "TotalCharges": 1397.475,
  "StreamingMovies": "No",
  "DeviceProtection": "No",
  "PaymentMethod": "Bank transfer (automatic)",
  "tenure": 29,
  "Dependents": "No",
  "OnlineSecurity": "No",
  "MultipleLines": "No",
  "InternetService": "DSL",
  "SeniorCitizen": "No",
  "TechSupport": "No"
}`;

const readClipboard = () => lab.page.evaluate(() => navigator.clipboard.readText());
const writeClipboard = (text) => lab.page.evaluate((t) => navigator.clipboard.writeText(t), text);


test('Ctrl+V pastes the churn lab example into the request editor and Send gets a prediction', async () => {
  await click(lab.page, 'Serve', { window: 'nav' });
  await writeClipboard(CHURN_EXAMPLE);  // the participant copied it from the workshop guide
  await click(lab.page, '##req', { window: 'request' });
  await pressKey(lab.page, 'Control+A');
  await pressKey(lab.page, 'Delete');
  assert.equal((await cmd(lab.page, { cmd: 'ui.serve' })).request_text, '', 'the editor was emptied by Ctrl+A, Delete');
  await pressKey(lab.page, 'Control+V');
  const typed = (await cmd(lab.page, { cmd: 'ui.serve' })).request_text;
  assert.equal(typed, CHURN_EXAMPLE, 'the editor holds exactly the pasted text');
  await scrollIntoView(lab.page, 'Send to /predict', { window: 'panel' });
  await click(lab.page, 'Send to /predict');
  const response = (await cmd(lab.page, { cmd: 'ui.serve' })).response;
  assert.ok(['Yes', 'No'].includes(String(response.prediction)), JSON.stringify(response));
  assert.equal(response.model, 'churn');
  await screenshot(lab.page, 'clipboard-serve-pasted-1280x720');

  // The response's Copy button puts the JSON the panel shows on the clipboard.
  await scrollIntoView(lab.page, 'Copy response JSON', { window: 'panel' });
  await click(lab.page, 'Copy response JSON');
  await waitFrames(lab.page, 2);
  assert.deepEqual(JSON.parse(await readClipboard()), response);
});

test('Ctrl+C in the run id field and the Copy id button put the run id on the clipboard', async () => {
  await click(lab.page, 'Runs', { window: 'nav' });
  const runId = (await cmd(lab.page, { cmd: 'runs.list' })).runs[0].run_id;
  assert.match(runId ?? '', /^[0-9a-f]{32}$/, 'the set-up run is listed');
  await writeClipboard('something else');
  await click(lab.page, '##run id');  // a read-only field: the click selects the whole id
  await pressKey(lab.page, 'Control+C');
  await waitFrames(lab.page, 2);
  assert.equal(await readClipboard(), runId);

  await writeClipboard('something else');
  await click(lab.page, 'Copy id');
  await waitFrames(lab.page, 2);
  assert.equal(await readClipboard(), runId);
  await screenshot(lab.page, 'clipboard-runs-copy-id-1280x720');
});

test('Ctrl+X cuts the run filter to the clipboard and Ctrl+V puts it back', async () => {
  const filter = "params.kernel = 'no such kernel'";
  await click(lab.page, '##filter');
  await lab.page.keyboard.type(filter, { delay: 10 });
  await waitFrames(lab.page, 2);
  assert.equal((await cmd(lab.page, { cmd: 'ui.runs' })).shown, 0, 'the typed filter matches no run');
  await pressKey(lab.page, 'Control+A');
  await pressKey(lab.page, 'Control+X');
  await waitFrames(lab.page, 2);
  assert.equal(await readClipboard(), filter);
  assert.equal((await cmd(lab.page, { cmd: 'ui.runs' })).shown, 1, 'the filter field is empty after the cut');
  await pressKey(lab.page, 'Control+V');
  assert.equal((await cmd(lab.page, { cmd: 'ui.runs' })).shown, 0, 'the pasted filter applies again');
  assert.deepEqual(lab.errors, []);
});
