// The Guide's facilitator view in a real browser, by clicks: the agenda with planned and spent
// minutes per part, the pace, the knowledge-check answers of this browser, and "prepare the room"
// pre-running a ticked part (its steps then show done, on the lab's real state).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cmd, waitFor } from './browser.mjs';
import { click, findItem, scrollIntoView } from './ui.mjs';
import { labForThisFile, stageShots } from './journey_helpers.mjs';

const lab = labForThisFile('guide-facilitator');
const G = { window: 'guide' };

test('facilitator view: agenda, pace, answers, and a part prepared for the room', async () => {
  const { page } = lab;
  await click(page, 'Start: MLOps in 45 minutes with iris', G);
  await scrollIntoView(page, 'Facilitator view', G);
  await click(page, 'Facilitator view', G);
  await scrollIntoView(page, 'Prepare the ticked parts', G);
  assert.equal((await findItem(page, 'Prepare the ticked parts', G)).enabled, false, 'nothing ticked yet');

  // Tick parts 1 and 3 (data, then tracking and registry) and prepare them.
  await scrollIntoView(page, '1. A workspace with nothing to install', G);
  await click(page, '1. A workspace with nothing to install', G);
  await scrollIntoView(page, '3. Track experiments and register a model', G);
  await click(page, '3. Track experiments and register a model', G);
  await scrollIntoView(page, 'Prepare the ticked parts', G);
  await click(page, 'Prepare the ticked parts', G);
  const agenda = await waitFor(page, { cmd: 'guide.agenda' }, (r) => r.parts?.[2]?.steps_done === 3,
    { timeout: 120000, what: 'part 3 prepared' });
  assert.equal(agenda.parts[0].steps_done, 1);
  assert.equal(agenda.parts[1].steps_done, 0, 'an unticked part is left for the room');
  assert.ok((await cmd(page, { cmd: 'runs.list' })).runs.length >= 1, 'the prepared steps trained real runs');

  // An answer given in this browser shows in the view.
  const q = agenda.parts[2].quiz[0];
  await cmd(page, { cmd: 'guide.answer', question: q.question, choice: 1 });
  await waitFor(page, { cmd: 'guide.agenda' }, (r) => r.parts[2].quiz[0].answered === true, { what: 'the answer' });
  await scrollIntoView(page, 'Facilitator view', G);  // the agenda and pace just below it
  await stageShots(page, 'guide-facilitator');
  assert.deepEqual(lab.errors, []);
});
