// A short run of the HTTP fuzzer (fuzz/http_fuzz.mjs; fuzz/run_http.sh runs it for 10 minutes):
// hostile bodies and headers and a slow client, then the server must still be up and answering,
// with every reply a proper HTTP status.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeStore, startServer } from './serve_helpers.mjs';
import { fuzzHttp } from '../../fuzz/http_fuzz.mjs';

let server;
before(async () => { server = await startServer(makeStore(), 'churn@champion', ['--read-timeout', '2']); });
after(async () => { if (server) await server.stop(); });

test('fuzzed HTTP bodies and headers: no crash, the server still answers', { timeout: 120000 }, async () => {
  const stats = await fuzzHttp({ url: server.url, pid: server.proc.pid, seconds: 8, seed: 20261203 });
  assert.equal(stats.crashed, false, server.output());
  assert.equal(stats.healthyAfter, true);
  assert.ok(stats.requests > 30, `sent ${stats.requests} requests`);
  const statuses = Object.keys(stats.byStatus).map(Number);
  // Only statuses that name the client's mistake (or success); a 500 or 503 would be a bug here.
  for (const s of statuses) assert.ok([100, 200, 400, 404, 405, 411, 413, 414, 415, 422, 431].includes(s), `status ${s}: ${JSON.stringify(stats)}`);
  assert.ok(stats.byStatus[422] > 0 && stats.byStatus[400] > 0, `validation and parse errors were reached: ${JSON.stringify(stats)}`);
  const res = await fetch(`${server.url}/predict`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify((await (await fetch(`${server.url}/contract`)).json()).example) });
  assert.equal(res.status, 200, 'a valid request is still scored');
  assert.ok(server.output().includes('listening'), 'no crash output');
});
