// "Graduate to a notebook" in the tab: a run trained in the browser, "Download as notebook" clicked
// in the Runs module's run details, and the downloaded tar holds the notebook (nbformat 4), the
// same code as a .py and the data file with the lab's split. Screenshots at three sizes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cmd } from './browser.mjs';
import { labForThisFile, openModule, shotsAtThreeSizes } from './journey_helpers.mjs';
import { click, scrollIntoView, waitFrames } from './ui.mjs';

const lab = labForThisFile('notebook-download');

test('Runs: Download as notebook saves the run as .ipynb, .py and its data', async () => {
  const page = lab.page;
  assert.equal((await cmd(page, { cmd: 'data.generate', dataset: 'loan', rows: 800, seed: 3 })).ok, true);
  const run = await cmd(page, { cmd: 'train.run', algo: 'logistic_regression', run_name: 'loan lr' });
  assert.equal(run.ok, true, JSON.stringify(run));
  await openModule(page, 'Runs');
  await scrollIntoView(page, 'Download as notebook', { window: 'panel' });
  await shotsAtThreeSizes(page, 'runs-notebook-button', 'Download as notebook');
  await scrollIntoView(page, 'Download as notebook', { window: 'panel' });
  const [download] = await Promise.all([page.waitForEvent('download'), click(page, 'Download as notebook')]);
  const base = `loan-lr-${run.run_id.slice(0, 8)}`;
  assert.equal(download.suggestedFilename(), `${base}.tar`);
  const dir = mkdtempSync(join(tmpdir(), 'lab-e2e-notebook-'));
  await download.saveAs(join(dir, `${base}.tar`));
  const untar = spawnSync('tar', ['xf', `${base}.tar`], { cwd: dir, encoding: 'utf8' });
  assert.equal(untar.status, 0, untar.stderr);
  assert.deepEqual(readdirSync(join(dir, base)).sort(), [`${base}.csv`, `${base}.ipynb`, `${base}.py`]);
  const nb = JSON.parse(readFileSync(join(dir, base, `${base}.ipynb`), 'utf8'));
  assert.equal(nb.nbformat, 4);
  assert.match(readFileSync(join(dir, base, `${base}.py`), 'utf8'), /LogisticRegression\(/);
  assert.match(readFileSync(join(dir, base, `${base}.csv`), 'utf8').split('\n')[0], /,lab_split$/);
  const view = await cmd(page, { cmd: 'ui.runs' });
  assert.match(view.panel_message, new RegExp(`${base}\\.ipynb`));
  await waitFrames(page, 3);
  await shotsAtThreeSizes(page, 'runs-notebook-downloaded', 'Download as notebook');
  assert.deepEqual(lab.errors, []);
});
