// `lab serve`'s /metrics read by the real thing: promtool accepts the exposition, and a real
// Prometheus (config written here, scraping 127.0.0.1 only, its own free port, stopped by PID)
// scrapes the server for a few intervals; its HTTP API returns the request counter we caused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeStore, startServer, sleep } from './serve_helpers.mjs';

let store, server;
before(async () => {
  store = makeStore();
  server = await startServer(store, 'churn@champion');
});
after(async () => { if (server) await server.stop(); });

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

async function sendPredictions(server, valid, invalid) {
  const contract = await (await fetch(`${server.url}/contract`)).json();
  const post = (features) => fetch(`${server.url}/predict`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ features }) });
  for (let i = 0; i < valid; i++) assert.equal((await post({ ...contract.example.features, tenure: i % 60 })).status, 200);
  for (let i = 0; i < invalid; i++) assert.equal((await post({ ...contract.example.features, tenure: 'soon' })).status, 422);
}

test('promtool check metrics accepts /metrics, which carries counters, histogram and circuit state', async () => {
  await sendPredictions(server, 3, 1);
  const res = await fetch(`${server.url}/metrics`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
  const text = await res.text();
  const check = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  assert.match(text, /^lab_predict_requests_total\{model="churn",version="1",variant="primary",status="200"\} 3$/m);
  assert.match(text, /^lab_predict_requests_total\{model="",version="",variant="",status="422"\} 1$/m);
  assert.match(text, /^lab_predict_latency_seconds_count 4$/m);
  assert.match(text, /^lab_predicted_class_total\{model="churn",version="1",class="(Yes|No)"\} \d+$/m);
  assert.match(text, /^lab_circuit_state\{state="closed"\} 1$/m);
  assert.match(text, /^lab_http_requests_total\{route="\/predict",method="POST",status="200"\} 3$/m);
});

test('a real Prometheus scrapes the server and its API returns our request counter', { timeout: 90000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-prom-'));
  const port = await freePort();
  const own = await startServer(store, 'churn@champion', ['--endpoint', 'churn-prom']);  // counters from zero
  const target = new URL(own.url).host;  // 127.0.0.1:<port>
  writeFileSync(join(dir, 'prometheus.yml'), [
    'global:', '  scrape_interval: 1s', '  evaluation_interval: 1s',
    'scrape_configs:', '  - job_name: lab-serve', '    static_configs:', `      - targets: ['${target}']`, ''].join('\n'));
  const prom = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  prom.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((r) => prom.on('exit', (code, signal) => r({ code, signal })));
  try {
    await sendPredictions(own, 7, 2);
    const api = `http://127.0.0.1:${port}/api/v1`;
    const query = async (q) => {
      const r = await fetch(`${api}/query?query=${encodeURIComponent(q)}`);
      return (await r.json()).data.result;
    };
    // Wait for a few scrape intervals after our requests.
    let scraped = [], ok = [];
    const t0 = Date.now();
    while (Date.now() - t0 < 45000) {
      await sleep(1000);
      try {
        scraped = await query('count_over_time(up{job="lab-serve"}[1m])');
        ok = await query('sum(lab_predict_requests_total{job="lab-serve",status="200"})');
        if (scraped.length && Number(scraped[0].value[1]) >= 4 && ok.length) break;
      } catch { /* not up yet */ }
    }
    assert.ok(scraped.length && Number(scraped[0].value[1]) >= 4, `Prometheus scraped at least 4 times: ${JSON.stringify(scraped)} ${log}`);
    assert.equal((await query('up{job="lab-serve"}'))[0].value[1], '1');
    assert.equal(Number(ok[0].value[1]), 7, 'the 7 valid predictions');
    const invalid = await query('sum(lab_predict_requests_total{job="lab-serve",status="422"})');
    assert.equal(Number(invalid[0].value[1]), 2);
    const version = await query('lab_model_info{job="lab-serve"}');
    assert.equal(version[0].metric.version, '1');
  } finally {
    process.kill(prom.pid, 'SIGTERM');
    const { signal, code } = await exited;
    assert.ok(code === 0 || signal === 'SIGTERM', `Prometheus stopped: ${code} ${signal}`);
    await own.stop();
  }
});
