// scripts/serve.mjs --tracking-server URL: the site and MLflow's REST paths on one origin, so a
// tab syncs without CORS. Checked against a real MLflow 2.12.2: `lab sync` through the proxy,
// the ajax-api and artifact paths, the Authorization header passed on, and a dead MLflow
// answered in MLflow's own error format.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { startServer, parseTrackingServer } from '../../scripts/serve.mjs';
import { allRuns, freePort, haveMlflow, localRuns, makeStore, runLabAsync, startMlflow, tagOf, temp } from './mlflow_helpers.mjs';

const skip = haveMlflow ? false : 'MLflow is not installed (run scripts/setup.sh)';

async function serve(trackingServer) {
  const root = temp('site');
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>lab</title>');
  const server = await startServer({ port: 0, root, trackingServer });
  return { server, url: `http://127.0.0.1:${server.address().port}` };
}

describe('serve.mjs --tracking-server', { skip }, () => {
  let mlflow, site;
  before(async () => {
    mlflow = await startMlflow('file');
    site = await serve(mlflow.url);
  });
  after(() => { site?.server.close(); mlflow?.stop(); });

  test('the site and MLflow answer on one origin; lab sync through it lands every run', async () => {
    assert.match(await (await fetch(`${site.url}/`)).text(), /<title>lab<\/title>/);
    assert.equal(await (await fetch(`${site.url}/version`)).text(), '2.12.2');
    const store = makeStore('proxy', 2);
    const r = await runLabAsync(['sync', '--store', store, '--server', site.url, '--experiment', 'proxied room']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const runs = await allRuns(mlflow.url, 'proxied room');
    assert.equal(runs.length, 2);
    // The UI's ajax-api path and the artifact proxy, through the lab's server.
    const exp = await (await fetch(`${site.url}/ajax-api/2.0/mlflow/experiments/get-by-name?experiment_name=proxied%20room`)).json();
    assert.equal(exp.experiment.experiment_id, runs[0].info.experiment_id);
    const local = localRuns(store)[tagOf(runs[0], 'lab.run_id')];
    const base = runs[0].info.artifact_uri.replace(/^mlflow-artifacts:\/*/, '');
    const bytes = Buffer.from(await (await fetch(`${site.url}/api/2.0/mlflow-artifacts/artifacts/${base}/model/model.json`)).arrayBuffer());
    assert.ok(bytes.equals(local.artifacts['model/model.json']));
    // MLflow's own errors come through as they are.
    const missing = await fetch(`${site.url}/api/2.0/mlflow/experiments/get-by-name?experiment_name=nope`);
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error_code, 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('serve.mjs --tracking-server without MLflow', () => {
  test('headers pass on; a dead server answers 502 in MLflow\'s error format; a bad URL is refused', async () => {
    let seen;
    const upstream = createServer((req, res) => { seen = req; res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{}'); });
    await new Promise((r) => upstream.listen(0, '127.0.0.1', r));
    const site = await serve(`http://127.0.0.1:${upstream.address().port}/prefix/`);
    try {
      const r = await fetch(`${site.url}/api/2.0/mlflow/runs/search`, {
        method: 'POST', body: '{"experiment_ids":["1"]}', headers: { 'Content-Type': 'application/json', Authorization: 'Basic YTpi' },
      });
      assert.equal(r.status, 200);
      assert.equal(seen.url, '/prefix/api/2.0/mlflow/runs/search');
      assert.equal(seen.headers.authorization, 'Basic YTpi');
      assert.equal((await fetch(`${site.url}/not-mlflow/api/2.0/mlflow/x`)).status, 404);  // only the MLflow paths
    } finally {
      site.server.close();
      upstream.close();
    }
    const dead = await serve(`http://127.0.0.1:${await freePort()}`);
    try {
      const r = await fetch(`${dead.url}/api/2.0/mlflow/experiments/search`);
      assert.equal(r.status, 502);
      const body = await r.json();
      assert.equal(body.error_code, 'TEMPORARILY_UNAVAILABLE');
      assert.match(body.message, /cannot reach the tracking server at http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      dead.server.close();
    }
    assert.throws(() => parseTrackingServer('mlflow:5000'), /write it like http:\/\/127\.0\.0\.1:5000/);
  });
});
