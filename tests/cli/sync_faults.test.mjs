// `lab sync` when things go wrong, against a real MLflow 2.12.2: an unreachable server, a URL
// that is no MLflow, 401/403 from MLflow's basic-auth app, a server that fails with 500, and a
// value longer than MLflow accepts. Each says what is wrong in words, changes nothing local,
// and a later sync sends everything exactly once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative } from 'node:path';
import { allRuns, api, freePort, haveMlflow, localRuns, makeStore, mlflowSrc, startMlflowApp, runLab, runLabAsync, startMlflow, startProxy, tagOf, temp } from './mlflow_helpers.mjs';

const skip = haveMlflow ? false : 'MLflow is not installed (run scripts/setup.sh)';

// Every file of the store: path -> bytes (the outbox lives beside it, in <store>-sync/).
function snapshot(root) {
  const out = {};
  const walk = (d) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p); else out[relative(root, p)] = readFileSync(p).toString('base64');
    }
  };
  walk(root);
  return out;
}

async function syncFails(store, url, experiment, env = {}) {
  const before = snapshot(store);
  const r = await runLabAsync(['sync', '--store', store, '--server', url, '--experiment', experiment, '--retry-for', '1'],
    { env: { ...process.env, ...env } });
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.deepEqual(snapshot(store), before, 'the local store is untouched');
  const rep = JSON.parse(r.stdout);
  assert.equal(rep.ok, false);
  return { rep, stderr: r.stderr };
}

describe('lab sync faults against MLflow 2.12.2', { skip }, () => {
  let server;
  before(async () => { server = await startMlflow('sqlite'); });
  after(() => server?.stop());

  test('unreachable server: says so, keeps every run pending, and sends them once it is up', async () => {
    const store = makeStore('down', 3);
    const port = await freePort();
    const { rep } = await syncFails(store, `http://127.0.0.1:${port}`, 'down room');
    assert.match(rep.error, /cannot reach the tracking server at http:\/\/127\.0\.0\.1:\d+/);
    assert.equal(rep.experiments[0].pending, 3);
    assert.equal(rep.experiments[0].problems.length, 3);
    assert.ok(rep.experiments[0].problems.every((p) => p.state === 'pending' && /cannot reach/.test(p.reason)));
    // Once it is up, everything goes, once.
    const up = await startMlflow('file');
    try {
      const r = await runLabAsync(['sync', '--store', store, '--server', up.url, '--experiment', 'down room']);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal((await allRuns(up.url, 'down room')).length, 3);
    } finally {
      up.stop();
    }
  });

  test('a URL that is no MLflow: says to check the URL', async () => {
    const store = makeStore('wrongurl', 2);
    const web = createServer((req, res) => { res.writeHead(404, { 'Content-Type': 'text/html' }); res.end('<h1>Not Found</h1>'); });
    await new Promise((r) => web.listen(0, '127.0.0.1', r));
    try {
      const { rep } = await syncFails(store, `http://127.0.0.1:${web.address().port}`, 'x');
      assert.match(rep.error, /has no MLflow API at this address/);
      assert.match(rep.error, /check the URL/);
    } finally {
      web.close();
    }
    const bad = runLab(['sync', '--store', store, '--server', 'mlflow.example:5000']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /not a server URL; write it like http:\/\/127\.0\.0\.1:5000/);
  });

  test('the server fails with 500 on log-batch: the runs wait with the reason; nothing is sent twice later', async () => {
    const store = makeStore('five-hundred', 3);
    let failing = true;
    const proxy = await startProxy(server.url, {
      before: (req) => (failing && req.url.endsWith('/runs/log-batch')
        ? { status: 500, body: JSON.stringify({ error_code: 'INTERNAL_ERROR', message: 'database is locked' }) } : null),
    });
    try {
      const { rep } = await syncFails(store, proxy.url, 'flaky room');
      assert.match(rep.error, /the server failed \(500 INTERNAL_ERROR\)/);
      assert.match(rep.error, /database is locked/);
      assert.equal(rep.experiments[0].pending, 3);
      assert.ok(rep.experiments[0].problems.every((p) => p.state === 'pending'));
      failing = false;  // the server recovers
      const r = await runLabAsync(['sync', '--store', store, '--server', proxy.url, '--experiment', 'flaky room']);
      assert.equal(r.status, 0, r.stdout + r.stderr);
    } finally {
      await proxy.close();
    }
    const runs = await allRuns(server.url, 'flaky room');
    assert.equal(runs.length, 3);
    assert.deepEqual(runs.map((r) => tagOf(r, 'lab.run_id')).sort(), Object.keys(localRuns(store)).sort());
    assert.ok(runs.every((r) => (r.data.metrics ?? []).length > 0 && r.info.status === 'FINISHED'));
  });

  test('a param longer than MLflow accepts: that run fails with the limit, the others go up', async () => {
    const store = makeStore('oversized', 3);
    const local = localRuns(store);
    const [big] = Object.keys(local);
    writeFileSync(join(local[big].dir, 'params', 'notes'), 'x'.repeat(7000));
    const before = snapshot(store);
    const r = await runLabAsync(['sync', '--store', store, '--server', server.url, '--experiment', 'big room']);
    assert.equal(r.status, 1);
    assert.deepEqual(snapshot(store), before);
    const rep = JSON.parse(r.stdout);
    assert.equal(rep.experiments[0].synced, 2);
    assert.equal(rep.experiments[0].failed, 1);
    const [problem] = rep.experiments[0].problems;
    assert.equal(problem.run_id, big);
    assert.equal(problem.state, 'failed');
    assert.match(problem.reason, /param 'notes' is 7000 characters long; MLflow accepts at most 6000/);
    const runs = await allRuns(server.url, 'big room');
    assert.equal(runs.length, 2);
    assert.ok(!runs.some((x) => tagOf(x, 'lab.run_id') === big));
  });
});

describe('lab sync with MLflow\'s basic-auth app (401, 403)', { skip }, () => {
  let server;
  before(async () => {
    const dir = temp('auth');
    const ini = join(dir, 'basic_auth.ini');
    writeFileSync(ini, `[mlflow]\ndefault_permission = READ\ndatabase_uri = sqlite:///${join(dir, 'auth.db')}\n` +
      'admin_username = admin\nadmin_password = password1234\nauthorization_function = mlflow.server.auth:authenticate_request_basic_auth\n');
    // MLflow finds its basic-auth app through a package entry point; the vendored source has no
    // package metadata, so give it a source folder that has (the same code, linked).
    const src = join(dir, 'src');
    mkdirSync(join(src, 'mlflow_basic_auth-0.dist-info'), { recursive: true });
    for (const m of ['mlflow', 'querystring_parser']) symlinkSync(join(mlflowSrc, m), join(src, m));
    writeFileSync(join(src, 'mlflow_basic_auth-0.dist-info', 'METADATA'), 'Metadata-Version: 2.1\nName: mlflow-basic-auth\nVersion: 0\n');
    writeFileSync(join(src, 'mlflow_basic_auth-0.dist-info', 'entry_points.txt'), '[mlflow.app]\nbasic-auth = mlflow.server.auth:create_app\n');
    server = await startMlflowApp('basic-auth', src, { MLFLOW_AUTH_CONFIG_PATH: ini });
    const admin = { Authorization: `Basic ${Buffer.from('admin:password1234').toString('base64')}` };
    await api(server.url, 'users/create', { username: 'reader', password: 'readerpass123' }, admin);
    // The facilitator's experiment: the reader may read it (default permission READ), not write.
    await api(server.url, 'experiments/create', { name: 'auth room' }, admin);
  });
  after(() => server?.stop());

  test('no credentials: 401 in words; read-only user: 403 in words; the admin syncs', async () => {
    const store = makeStore('auth', 2);
    const none = await syncFails(store, server.url, 'auth room', { MLFLOW_TRACKING_USERNAME: '', MLFLOW_TRACKING_PASSWORD: '' });
    assert.match(none.rep.error, /asks for a user name and password \(401\)/);
    const reader = await syncFails(store, server.url, 'auth room', { MLFLOW_TRACKING_USERNAME: 'reader', MLFLOW_TRACKING_PASSWORD: 'readerpass123' });
    assert.match(reader.rep.error, /refused the credentials' permission \(403\)/);
    const r = await runLabAsync(['sync', '--store', store, '--server', server.url, '--experiment', 'auth room'],
      { env: { ...process.env, MLFLOW_TRACKING_USERNAME: 'admin', MLFLOW_TRACKING_PASSWORD: 'password1234' } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const admin = { Authorization: `Basic ${Buffer.from('admin:password1234').toString('base64')}` };
    const exp = await api(server.url, 'experiments/get-by-name?experiment_name=auth%20room', undefined, admin);
    const found = await api(server.url, 'runs/search', { experiment_ids: [exp.experiment.experiment_id] }, admin);
    assert.equal(found.runs.length, 2);
  });
});
