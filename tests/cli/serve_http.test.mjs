// `lab serve`: every route over real HTTP, compared with the tab's serve.* commands on the same
// store (same contract, same validator, same JSON, same 422 bodies).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { makeStore, startServer, labCmd, labRun, stable, sleep, rawExchange, parseRaw, lab } from './serve_helpers.mjs';

let store, churn, iris;
before(async () => {
  store = makeStore();
  churn = await startServer(store, 'churn@champion');
  iris = await startServer(store, 'iris@champion');
});
after(async () => {
  for (const s of [churn, iris]) if (s) await s.stop();
});

const post = (url, body, type = 'application/json') =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': type }, body });

// The tab's answers: deploy an endpoint on the same model and alias, send the same requests.
function tabReplies(model, requests) {
  const replies = labRun(store, [
    { cmd: 'serve.deploy', endpoint: `tab-${model}`, model, alias: 'champion', replace: true },  // called once per test on one store
    { cmd: 'serve.presets', endpoint: `tab-${model}` },
    { cmd: 'serve.contract', endpoint: `tab-${model}` },
    ...requests.map((request) => ({ cmd: 'serve.predict', endpoint: `tab-${model}`, request })),
  ]);
  return { presets: replies[1].presets, contract: replies[2], predictions: replies.slice(3).map((r) => r.response) };
}

for (const [model, server] of [['churn', () => churn], ['iris', () => iris]]) {
  test(`${model}: each workshop example request gets the tab's reply, 200 or 422 with every problem`, async () => {
    const fitting = tabReplies(model, []).presets.filter((p) => p.fits);
    assert.ok(fitting.length >= 4, `the ${model} model fits the workshop's ${model} examples`);
    const tab = tabReplies(model, fitting.map((p) => p.request)).predictions;
    for (const [i, preset] of fitting.entries()) {
      const res = await post(`${server().url}/predict`, JSON.stringify(preset.request));
      const body = await res.json();
      assert.equal(res.status, preset.valid ? 200 : 422, `${preset.name}: ${JSON.stringify(body)}`);
      assert.match(res.headers.get('content-type'), /^application\/json/);
      assert.deepEqual(stable(body), stable(tab[i]), preset.name);
      if (preset.valid) {
        assert.ok(body.prediction !== undefined && body.confidence > 0, preset.name);
        assert.equal(body.model, model);
      } else {
        const got = body.errors.map((e) => `${e.field}:${e.kind}`).sort();
        const want = preset.expected_errors.map((e) => `${e.field}:${e.kind}`).sort();
        assert.deepEqual(got, want, `${preset.name} lists every problem`);
      }
    }
  });
}

test('GET /health, /contract and / describe the served model', async () => {
  const health = await (await fetch(`${churn.url}/health`)).json();
  assert.equal(health.model, 'churn');
  assert.equal(health.version, 1);
  assert.equal(health.alias, 'champion');
  assert.equal(health.circuit, 'closed');
  assert.equal(health.model_loaded, true);
  assert.ok(health.uptime_ms >= 0 && health.requests.total >= 0);

  const contract = await (await fetch(`${churn.url}/contract`)).json();
  const { ok, cmd, ...tabContract } = tabReplies('churn', []).contract;
  assert.deepEqual(contract, tabContract, 'the same contract as the tab\'s serve.contract');
  assert.ok(contract.fields.find((f) => f.name === 'Contract').categories.includes('Month-to-month'));
  const example = await post(`${churn.url}/predict`, JSON.stringify(contract.example));
  assert.equal(example.status, 200, 'the contract\'s own example is valid');

  const index = await fetch(`${churn.url}/`);
  assert.match(index.headers.get('content-type'), /^text\/plain/);
  const page = await index.text();
  for (const route of ['GET  /health', 'GET  /contract', 'POST /predict ', 'POST /predict/batch', 'GET  /metrics'])
    assert.ok(page.includes(route), route);
});

test('bad requests: 400 unreadable JSON, 415 wrong content type, 404, 405 with Allow, 413 over the body limit', async () => {
  let res = await post(`${churn.url}/predict`, '{"features": {"tenure": 3,');
  assert.equal(res.status, 400);
  let body = await res.json();
  assert.equal(body.errors[0].kind, 'bad_json');
  assert.match(body.errors[0].message, /not valid JSON/);

  res = await post(`${churn.url}/predict`, '{"features": {}}', 'text/plain');
  assert.equal(res.status, 415);
  assert.match((await res.json()).error, /application\/json.*got 'text\/plain'/);
  res = await post(`${churn.url}/predict/batch`, 'a,b\n1,2\n', 'application/json');
  assert.equal(res.status, 415);

  res = await fetch(`${churn.url}/nowhere`);
  assert.equal(res.status, 404);
  assert.match((await res.json()).error, /no route GET \/nowhere; the routes are .*POST \/predict/);

  res = await fetch(`${churn.url}/predict`);
  assert.equal(res.status, 405);
  assert.equal(res.headers.get('allow'), 'POST');
  assert.match((await res.json()).error, /GET is not allowed on \/predict; use POST \/predict/);
  res = await fetch(`${churn.url}/health`, { method: 'DELETE' });
  assert.equal(res.status, 405);
  assert.equal(res.headers.get('allow'), 'GET');

  // Over the 1 MB default, with a Content-Length (the body is drained so the connection can be
  // reused), and chunked (cut off at the limit: the length is never trusted to be there).
  const big = JSON.stringify({ features: { note: 'x'.repeat(2 * 1024 * 1024) } });
  res = await post(`${churn.url}/predict`, big);
  assert.equal(res.status, 413);
  assert.match((await res.json()).error, /larger than the server's limit \(lab serve --max-body BYTES\)/);
  const chunk = 'x'.repeat(64 * 1024);
  const chunks = [`POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`];
  for (let i = 0; i < 20; i++) chunks.push(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
  let answer = parseRaw(await rawExchange(churn.url, chunks));
  assert.equal(answer.status, 413);
  // A POST without any length would be read until the client hangs up: refused before reading.
  answer = parseRaw(await rawExchange(churn.url, ['POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n{}']));
  assert.equal(answer.status, 411);
  assert.match(JSON.parse(answer.body).error, /Content-Length/);
  res = await post(`${churn.url}/nowhere`, '{}');
  assert.equal(res.status, 404);
  // Deep nesting is refused before the core's recursive JSON code sees it.
  res = await post(`${churn.url}/predict`, '['.repeat(100000) + ']'.repeat(100000));
  assert.equal(res.status, 400);
  assert.match((await res.json()).errors[0].message, /nests lists or objects more than 32 levels/);
  // Still serving.
  assert.equal((await fetch(`${churn.url}/health`)).status, 200);
});

test('POST /predict/batch: CSV in, CSV out with a per-row error column, same as the tab', async () => {
  const contract = await (await fetch(`${churn.url}/contract`)).json();
  const names = contract.fields.map((f) => f.name);
  const ex = contract.example.features;
  const row = (f) => names.map((n) => f[n]).join(',');
  const csv = [names.join(','), row(ex), row({ ...ex, MonthlyCharges: -5 }), row({ ...ex, Contract: 'Three year' }),
    row({ ...ex, tenure: 12 })].join('\n') + '\n';
  const res = await post(`${churn.url}/predict/batch`, csv, 'text/csv');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /^text\/csv/);
  assert.equal(res.headers.get('x-rows'), '4');
  assert.equal(res.headers.get('x-scored'), '2');
  assert.equal(res.headers.get('x-rejected'), '2');
  const out = await res.text();
  const lines = out.trim().split('\n');
  assert.equal(lines.length, 5);
  assert.match(lines[0], /prediction.*confidence.*error/);
  assert.match(lines[2], /MonthlyCharges/);
  assert.match(lines[3], /Contract/);
  const tab = labRun(store, [
    { cmd: 'serve.deploy', endpoint: 'tab-batch', model: 'churn', alias: 'champion', replace: true },
    { cmd: 'serve.batch', endpoint: 'tab-batch', text: csv },
  ])[1];
  assert.equal(out, tab.csv);

  const bad = await post(`${churn.url}/predict/batch`, 'tenure,colour\n1,red\n', 'text/csv');
  assert.equal(bad.status, 422);
  assert.match((await bad.json()).error, /missing|column/i);
});

test('a promotion in the store switches the served version on the next requests, without a restart', async () => {
  const request = JSON.stringify((await (await fetch(`${churn.url}/contract`)).json()).example);
  let body = await (await post(`${churn.url}/predict`, request)).json();
  assert.equal(body.version, 1);
  labCmd(store, { cmd: 'registry.set_alias', model: 'churn', alias: 'champion', version: 2, comment: 'promote the GBDT' });
  const t0 = Date.now();
  while (body.version !== 2 && Date.now() - t0 < 5000) {
    await sleep(50);
    body = await (await post(`${churn.url}/predict`, request)).json();
  }
  assert.equal(body.version, 2, 'served by the promoted version');
  assert.ok(Date.now() - t0 < 2000, `switched within ${Date.now() - t0} ms`);
  assert.equal((await (await fetch(`${churn.url}/health`)).json()).version, 2);
  labCmd(store, { cmd: 'registry.rollback', model: 'churn', alias: 'champion', comment: 'back' });
  const t1 = Date.now();
  while (body.version !== 1 && Date.now() - t1 < 5000) {
    await sleep(50);
    body = await (await post(`${churn.url}/predict`, request)).json();
  }
  assert.equal(body.version, 1, 'a rollback is followed too');
});

test('the request log is where the tab keeps it, so `lab cmd serve.log` reads what the server saw', async () => {
  const marker = { ...(await (await fetch(`${iris.url}/contract`)).json()).example };
  marker.features.sepal_length = 5.55;
  assert.equal((await post(`${iris.url}/predict`, JSON.stringify(marker))).status, 200);
  // A writer thread appends the line after the reply has gone out: it lands within moments.
  let log = [];
  for (const t0 = Date.now(); Date.now() - t0 < 3000; await sleep(20)) {
    log = labCmd(store, { cmd: 'serve.log', endpoint: 'iris-http', limit: 5 }).entries;
    if (log[0]?.inputs?.sepal_length === 5.55) break;
  }
  assert.equal(log[0].inputs.sepal_length, 5.55);
  assert.equal(log[0].status, 'ok');
  assert.equal(log[0].model, 'iris');
});

test('SIGTERM: a request in flight is finished and answered, then the server exits 0', async () => {
  const s = await startServer(store, 'iris@champion', ['--endpoint', 'iris-shutdown']);
  const body = JSON.stringify({ features: { sepal_length: 5.1, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 } });
  const half = body.length >> 1;
  const head = `POST /predict HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ${body.length}\r\n\r\n`;
  // The body arrives in two parts 400 ms apart; the signal comes in between.
  const pending = rawExchange(s.url, [head + body.slice(0, half), body.slice(half)], { gapMs: 400 });
  await sleep(150);
  s.proc.kill('SIGTERM');
  const answer = parseRaw(await pending);
  assert.equal(answer.status, 200);
  assert.equal(JSON.parse(answer.body).model, 'iris');
  const { code, out } = await s.exited;
  assert.equal(code, 0);
  assert.match(out, /stopped after 1 requests/);
  const log = labCmd(store, { cmd: 'serve.log', endpoint: 'iris-shutdown', limit: 5 }).entries;
  assert.equal(log.length, 1, 'the in-flight request is in the request log');
});

test('SIGTERM after a burst: every answered request is in the request log once, in order', async () => {
  const s = await startServer(store, 'iris@champion', ['--endpoint', 'iris-burst']);
  const n = 300;
  const replies = await Promise.all(Array.from({ length: n }, (_, i) => post(`${s.url}/predict`,
    JSON.stringify({ features: { sepal_length: 4 + i / 100, sepal_width: 3.5, petal_length: 1.4, petal_width: 0.2 } }))
    .then((r) => r.json())));
  s.proc.kill('SIGTERM');
  const { code } = await s.exited;
  assert.equal(code, 0);
  const log = labCmd(store, { cmd: 'serve.log', endpoint: 'iris-burst', limit: 1000 }).entries;
  assert.equal(log.length, n, 'the queued log lines were written before the server exited');
  const ids = new Set(log.map((e) => e.request_id));
  assert.equal(ids.size, n);
  for (const r of replies) assert.ok(ids.has(r.request_id), `${r.request_id} is logged`);
  const times = log.map((e) => e.time_ms).reverse();
  for (let i = 1; i < times.length; i++) assert.ok(times[i] >= times[i - 1], 'appended in the order they were answered');
});

test('--challenger splits traffic between two versions, --fallback is named in /health', async () => {
  labCmd(store, { cmd: 'registry.set_alias', model: 'churn', alias: 'challenger', version: 2, comment: 'try the GBDT' });
  const s = await startServer(store, 'churn@champion', ['--challenger', 'churn@challenger', '--share', '0.5',
    '--fallback', 'churn/2', '--endpoint', 'churn-ab']);
  try {
    const health = await (await fetch(`${s.url}/health`)).json();
    assert.deepEqual(health.challenger, { model: 'churn', version: 2, share: 0.5 });
    assert.deepEqual(health.fallback, { model: 'churn', version: 2 });
    const body = JSON.stringify((await (await fetch(`${s.url}/contract`)).json()).example);
    const seen = {};
    for (let i = 0; i < 40; i++) {
      const r = await (await post(`${s.url}/predict`, body)).json();
      seen[`${r.variant}/${r.version}`] = (seen[`${r.variant}/${r.version}`] ?? 0) + 1;
    }
    assert.deepEqual(Object.keys(seen).sort(), ['challenger/2', 'primary/1'], JSON.stringify(seen));
    const metrics = await (await fetch(`${s.url}/metrics`)).text();
    assert.match(metrics, new RegExp(`lab_predict_requests_total\\{model="churn",version="2",variant="challenger",status="200"\\} ${seen['challenger/2']}`));
  } finally {
    await s.stop();
  }
});

test('lab serve refuses bad options with a clear message and exit code 2', () => {
  const run = (...a) => spawnSync(lab, ['serve', ...a], { encoding: 'utf8' });
  let r = run('--store', store, '--model', 'churn');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--model expects NAME@ALIAS, e.g. churn@champion/);
  r = run('--store', store, '--model', 'loan@champion');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no registered model 'loan'; it has: churn, iris/);
  r = run('--store', store, '--model', 'churn@champion', '--port', '99999');
  assert.match(r.stderr, /--port expects a whole number from 0 to 65535/);
  r = run('--store', store, '--model', 'churn@champion', '--fallback', 'iris/1');
  assert.match(r.stderr, /--fallback expects a version of the served model as NAME\/VERSION, e.g. churn\/3/);
  r = run('--store', store, '--model', 'churn@nobody');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /nobody/);
});

test('a second lab serve on a port in use is told so instead of silently sharing the traffic', () => {
  // The first server (churn) listens; before the fix both bound the port (SO_REUSEPORT) and the
  // kernel split requests between them.
  const port = new URL(churn.url).port;
  const r = spawnSync(lab, ['serve', '--store', store, '--model', 'iris@champion', '--port', port],
    { encoding: 'utf8', timeout: 20000 });
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.match(r.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port} \\(in use`));
});
