// The tab syncs to the room's MLflow (a real MLflow 2.12.2 from ../shared/tools/mlflow-server)
// through scripts/serve.mjs --tracking-server, driven by clicks and typing in the Room module:
// runs trained in the tab land with their params and metrics, runs sent by `lab sync` show
// beside them in the Room's leaderboard, a reload (also in the middle of a sync) sends nothing
// twice, and a tab pointed straight at MLflow's own port is told about CORS and the two fixes.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer } from '../../scripts/serve.mjs';
import { cmd, freshProfileDir, launch, openLab, waitFor } from './browser.mjs';
import { click, screenshot, typeInto, waitFrames } from './ui.mjs';
import { openModule } from './journey_helpers.mjs';
import { makeRuns } from './tracking_helpers.mjs';
import { allRuns, api, haveMlflow, makeStore, runLabAsync, startMlflow, tagOf } from '../cli/mlflow_helpers.mjs';

const skip = haveMlflow ? false : 'MLflow is not installed (run scripts/setup.sh)';

const must = (r) => { assert.equal(r.ok, true, JSON.stringify(r)); return r; };
const syncSettled = (page, timeout = 120000) =>
  waitFor(page, { cmd: 'sync.status' }, (r) => ['done', 'stopped'].includes(r.state), { timeout, what: 'the sync to finish' });

// The Room's form, filled in the way a participant does it.
async function fillSyncForm(page, { url, experiment, user }) {
  await openModule(page, 'Room');
  if (url !== undefined) await typeInto(page, 'Server URL', url, { window: 'panel' });
  await typeInto(page, 'Experiment', experiment, { window: 'panel', exact: true });
  if (user !== undefined) await typeInto(page, 'User', user, { window: 'panel', exact: true });
}

// Each local run's params and full metric histories equal the remote run's (found by lab.run_id).
async function assertSameOnServer(page, mlflowUrl, remoteRuns, localIds) {
  for (const id of localIds) {
    const remote = remoteRuns.filter((r) => tagOf(r, 'lab.run_id') === id);
    assert.equal(remote.length, 1, `run ${id} is on the server exactly once`);
    const local = must(await cmd(page, { cmd: 'runs.get', run_id: id }));
    const params = Object.fromEntries((remote[0].data.params ?? []).map((p) => [p.key, p.value]));
    assert.deepEqual(params, local.params);
    for (const [key, points] of Object.entries(local.history)) {
      const h = await api(mlflowUrl, `metrics/get-history?run_id=${remote[0].info.run_id}&metric_key=${encodeURIComponent(key)}&max_results=25000`);
      assert.equal(h.metrics.length, points.length, `${key} of ${id}: every step went up once`);
      const byStep = (a, b) => a.step - b.step || a.timestamp - b.timestamp;
      assert.deepEqual(h.metrics.sort(byStep).map((m) => m.value), [...points].sort(byStep).map((p) => p.value));
    }
  }
}

describe('the tab syncs with the room through the --tracking-server proxy', { skip }, () => {
  let mlflow, site, url, context, profile;
  before(async () => {
    mlflow = await startMlflow('file');
    site = await startServer({ port: 0, root: process.env.LAB_SITE, trackingServer: mlflow.url });
    url = `http://127.0.0.1:${site.address().port}`;
    profile = freshProfileDir('sync-room');
    context = await launch(profile, { width: 1280, height: 720 });
  });
  after(async () => {
    await context?.close();
    site?.close();
    mlflow?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('two runs trained in the tab land with params and metrics; CLI runs show beside them; a reload sends nothing twice', async () => {
    let { page, errors } = await openLab(context, url + '/');
    must(await cmd(page, { cmd: 'data.generate', dataset: 'iris', seed: 3 }));
    const ids = [];
    for (const [algo, name] of [['knn', 'tab-knn'], ['logistic_regression', 'tab-logreg']])
      ids.push(must(await cmd(page, { cmd: 'train.run', algo, seed: 7, run_name: name })).run_id);

    // The URL field starts at the page's own origin (the proxy); type the experiment and user.
    await fillSyncForm(page, { experiment: 'tab room', user: 'ana' });
    await click(page, 'Sync now', { window: 'panel' });
    let status = await syncSettled(page);
    assert.equal(status.state, 'done', JSON.stringify(status));
    assert.equal(status.settings.url, url);
    assert.equal(status.counts.synced, 2);
    await screenshot(page, 'room-synced-1280');

    let remote = await allRuns(mlflow.url, 'tab room');
    assert.equal(remote.length, 2);
    await assertSameOnServer(page, mlflow.url, remote, ids);
    for (const r of remote) assert.equal(tagOf(r, 'mlflow.user'), 'ana');

    // The runs table's sync column reads each run's state (looked at in the screenshot).
    assert.deepEqual(status.runs.map((r) => r.state), ['synced', 'synced']);
    await openModule(page, 'Runs');
    await waitFrames(page, 3);
    await screenshot(page, 'runs-sync-column-1280');

    // Runs sent by the CLI (through the same proxy) show beside them in the Room.
    const store = makeStore('cli-room', 2, { algo: 'knn', seed: 5 });
    const cli = await runLabAsync(['sync', '--store', store, '--server', url, '--experiment', 'tab room', '--user', 'ben']);
    assert.equal(cli.status, 0, cli.stdout + cli.stderr);
    await openModule(page, 'Room');
    await click(page, 'Refresh', { window: 'panel' });
    const board = await waitFor(page, { cmd: 'room.leaderboard', metric: 'accuracy' }, (r) => r.state === 'ready' && r.total === 4,
      { what: 'the room to list four runs' });
    assert.deepEqual(board.rows.map((r) => r.user).sort(), ['ana', 'ana', 'ben', 'ben']);
    assert.deepEqual(board.rows.map((r) => r.rank).filter((k) => k > 0).length, 4, 'every run has accuracy');
    for (let i = 1; i < board.rows.length; ++i) assert.ok(board.rows[i - 1].value >= board.rows[i].value, 'ranked, best first');
    await click(page, 'Compare with mine', { window: 'panel' });
    const compared = must(await cmd(page, { cmd: 'room.leaderboard', metric: 'accuracy' }));
    assert.ok(compared.room_best && compared.my_best, JSON.stringify(compared));
    assert.ok(ids.includes(compared.my_best.run_id));
    await waitFrames(page, 3);
    await screenshot(page, 'room-leaderboard-1280');
    await page.setViewportSize({ width: 800, height: 600 });
    await waitFrames(page, 4);
    await screenshot(page, 'room-leaderboard-800');
    await page.setViewportSize({ width: 1280, height: 720 });

    // Reload and sync again: nothing goes up twice.
    await page.reload();
    await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
    status = must(await cmd(page, { cmd: 'sync.status' }));
    assert.equal(status.settings.experiment, 'tab room', 'the settings survive a reload');
    assert.equal(status.counts.synced, 2, 'so does each run\'s sync state');
    await openModule(page, 'Room');
    await click(page, 'Sync now', { window: 'panel' });
    status = await syncSettled(page);
    assert.equal(status.state, 'done');
    assert.equal(status.requests, 0, 'nothing changed, nothing sent');
    remote = await allRuns(mlflow.url, 'tab room');
    assert.equal(remote.length, 4);
    assert.deepEqual(errors, []);
  });

  test('a reload in the middle of a sync resumes where it stopped: every run once, complete histories', async () => {
    const { page } = await openLab(context, url + '/');
    const ids = await makeRuns(page, { count: 10, steps: 3000, prefix: 'reload' });
    await fillSyncForm(page, { experiment: 'tab reload' });
    await click(page, 'Sync now', { window: 'panel' });
    // Some runs are up, some are not: reload now.
    await waitFor(page, { cmd: 'sync.status' }, (r) => r.sent_now >= 3 || r.state === 'done', { timeout: 120000, what: 'three runs to go up' });
    const before = must(await cmd(page, { cmd: 'sync.status' }));
    assert.notEqual(before.state, 'done', 'the reload came in the middle of the sync');
    await page.reload();
    await page.waitForFunction(() => window.labReady === true, null, { timeout: 60000 });
    // The sync goes on by itself after the reload.
    const status = await syncSettled(page, 240000);
    assert.equal(status.state, 'done', JSON.stringify(status));
    // The experiment's other runs (the two trained above) went along to the new remote experiment.
    const total = status.runs.length;
    assert.ok(total >= 10);
    assert.ok(status.runs.every((r) => r.state === 'synced'), JSON.stringify(status.counts));
    const remote = await allRuns(mlflow.url, 'tab reload');
    assert.equal(remote.length, total, 'no run twice');
    assert.equal(new Set(remote.map((r) => tagOf(r, 'lab.run_id'))).size, total);
    await assertSameOnServer(page, mlflow.url, remote, ids);
  });

  test('a tab pointed at MLflow\'s own port (another origin) is told about CORS and the two fixes', async () => {
    const { page } = await openLab(context, url + '/');
    if ((await cmd(page, { cmd: 'runs.list' })).runs.length === 0) must(await cmd(page, { cmd: 'runs.create', run_name: 'lone' }));
    await fillSyncForm(page, { url: mlflow.url, experiment: 'tab room' });
    await click(page, 'Test connection', { window: 'panel' });
    const tested = await waitFor(page, { cmd: 'sync.status' }, (r) => ['ok', 'failed'].includes(r.connection.state),
      { what: 'the connection test' });
    assert.equal(tested.connection.kind, 'cors', JSON.stringify(tested.connection));
    assert.match(tested.connection.message, /CORS/);
    assert.match(tested.connection.message, /--cors-allowed-origins/);
    assert.match(tested.connection.message, /--tracking-server/);
    // A new server is a new outbox: every run is to send, and the first request meets the block.
    await click(page, 'Sync now', { window: 'panel' });
    const status = await syncSettled(page);
    assert.equal(status.state, 'stopped');
    assert.equal(status.error_kind, 'cors');
    assert.match(status.error, /--cors-allowed-origins/);
    assert.ok(status.runs.every((r) => r.state === 'pending'), 'nothing local changed; every run waits');
    await waitFrames(page, 3);
    await screenshot(page, 'room-cors-1280');
    await page.setViewportSize({ width: 800, height: 600 });
    await waitFrames(page, 4);
    await screenshot(page, 'room-cors-800');
  });
});
