// Fuzzes `lab serve`'s HTTP layer (the validator has its own libFuzzer target): random JSON,
// wrong types, huge numbers, deep nesting, invalid UTF-8, broken and oversized headers, bogus
// Content-Length, truncated bodies, random paths and methods, random CSV, and slow clients that
// trickle bytes. After it, the server must still answer /health, and its memory must be flat.
//   node fuzz/http_fuzz.mjs --url http://127.0.0.1:PORT --pid PID [--seconds 600] [--seed 1] [--concurrency 4]
// (fuzz/run_http.sh builds a store, starts the server and runs this; the suite runs a short
// version in tests/cli/serve_fuzz_smoke.test.mjs.)
import net from 'node:net';
import { readFileSync } from 'node:fs';

function rng(seed) {  // xorshift32: the same seed replays the same inputs
  let s = seed >>> 0 || 1;
  const next = () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
  return { next, int: (n) => Math.floor(next() * n), pick: (a) => a[Math.floor(next() * a.length)] };
}

export function rssKiB(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return m ? Number(m[1]) : NaN;
}

const EXAMPLE = {
  gender: 'Female', SeniorCitizen: 'No', Partner: 'No', Dependents: 'No', tenure: 29, PhoneService: 'No', MultipleLines: 'No',
  InternetService: 'DSL', OnlineSecurity: 'No', OnlineBackup: 'No', DeviceProtection: 'No', TechSupport: 'No',
  StreamingTV: 'No', StreamingMovies: 'No', Contract: 'Month-to-month', PaperlessBilling: 'No',
  PaymentMethod: 'Bank transfer (automatic)', MonthlyCharges: 70.35, TotalCharges: 1397.475,
};

function randomJson(r, depth = 0) {
  const k = r.int(depth > 4 ? 5 : 7);
  switch (k) {
    case 0: return null;
    case 1: return r.next() < 0.5;
    case 2: return r.pick([0, -1, 1e308, -1e308, 5e-324, 2 ** 53 + 1, r.next() * 1e6 - 5e5, 123456789.123]);
    case 3: return r.pick(['', 'No', 'Yes', 'DSL', '\u0000', '\ud83d\ude00', 'x'.repeat(r.int(2000)), '"\\', 'NaN', 'Infinity']);
    case 4: return Array.from({ length: r.int(5) }, () => randomJson(r, depth + 1));
    default: {
      const o = {};
      for (let i = r.int(6); i > 0; i--) o[r.pick(Object.keys(EXAMPLE).concat(['features', '', 'x'.repeat(50)]))] = randomJson(r, depth + 1);
      return o;
    }
  }
}

// One body for /predict; a Buffer so invalid UTF-8 can be sent as is.
function predictBody(r) {
  const kind = r.int(9);
  if (kind === 0) return Buffer.from(JSON.stringify(randomJson(r)));
  if (kind === 1 || kind === 2) {  // the valid example with one field broken
    const f = { ...EXAMPLE };
    const key = r.pick(Object.keys(EXAMPLE));
    f[key] = randomJson(r, 3);
    return Buffer.from(JSON.stringify(r.next() < 0.5 ? { features: f } : f));
  }
  if (kind === 3) {  // numbers JSON can write but doubles cannot hold
    const big = r.pick(['1e400', '-1e400', '123456789012345678901234567890', '0.' + '0'.repeat(400) + '1', '1' + '0'.repeat(350), '-0', '1E+2']);
    return Buffer.from(`{"features": {"tenure": ${big}, "MonthlyCharges": ${big}}}`);
  }
  if (kind === 4) {  // deep nesting, up to the body limit
    const n = r.pick([33, 100, 5000, 200000, 500000]);
    return Buffer.from(r.pick(['[', '{"a":']).repeat(n));
  }
  if (kind === 5) {  // invalid UTF-8 inside and outside strings
    const bad = Buffer.from(r.pick([[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82]]));
    const json = Buffer.from(JSON.stringify({ features: { ...EXAMPLE, Contract: 'MARK' } }));
    const at = json.indexOf('MARK');
    return r.next() < 0.7 ? Buffer.concat([json.subarray(0, at), bad, json.subarray(at + 4)]) : Buffer.concat([bad, json]);
  }
  if (kind === 6) return Buffer.from(JSON.stringify({ features: { ...EXAMPLE } }).slice(0, r.int(300)));  // cut short
  if (kind === 7) return Buffer.from(`{"features": {"tenure": "\\ud800", "gender": "\\u0000", "Contract": "${'\\'.repeat(r.int(3))}"}}`);
  return Buffer.from(Array.from({ length: r.int(400) }, () => r.int(256)));  // noise
}

function csvBody(r) {
  const header = Object.keys(EXAMPLE);
  const rows = [r.next() < 0.8 ? header.join(',') : header.slice(0, r.int(header.length)).join(',')];
  for (let i = r.int(50); i > 0; i--)
    rows.push(header.map((k) => r.pick([String(EXAMPLE[k]), '', '"', '""', '-1', '1e999', 'Yes', '"a,b"', 'x\ny'])).join(','));
  return Buffer.from(rows.join(r.pick(['\n', '\r\n', '\r'])));
}

// A whole request (headers and body), sometimes with broken or hostile headers.
function request(r) {
  const route = r.next();
  let method = 'POST', path = '/predict', type = 'application/json', body;
  if (route < 0.6) body = predictBody(r);
  else if (route < 0.75) { path = '/predict/batch'; type = 'text/csv'; body = csvBody(r); }
  else if (route < 0.85) {
    method = r.pick(['GET', 'GET', 'HEAD', 'DELETE', 'PUT', 'OPTIONS', 'BREW', 'G\u00e9T']);
    path = r.pick(['/', '/health', '/contract', '/metrics', '/predict', '/nope', '/%00', '/../../etc/passwd', '/' + 'a'.repeat(r.int(9000)), '/health?x=' + '%'.repeat(20)]);
    body = Buffer.alloc(0);
  } else body = predictBody(r);
  const headers = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  const h = r.next();
  if (h < 0.1) headers.push(`Content-Type: ${r.pick(['text/plain', 'application/json; charset=latin1', 'APPLICATION/JSON', '', 'multipart/form-data; boundary=x', '\u00ff'])}`);
  else if (h < 0.15) { /* no Content-Type */ } else headers.push(`Content-Type: ${type}`);
  const c = r.next();
  if (c < 0.05) headers.push(`Content-Length: ${r.pick(['-1', '99999999999999999999', 'abc', '0x10', ''])}`);
  else if (c < 0.1) headers.push(`Content-Length: ${body.length + 1 + r.int(100)}`);  // promises more than it sends
  else if (c < 0.13) headers.push('Transfer-Encoding: chunked');  // then sends a plain body
  else if (c < 0.15) headers.push(`Content-Length: ${body.length}`, `Content-Length: ${body.length + 5}`);
  else if (c < 0.17) headers.push(`Content-Length: ${2 * 1024 * 1024}`);  // over the limit
  else headers.push(`Content-Length: ${body.length}`);
  if (r.next() < 0.05) headers.push(`X-Junk: ${'j'.repeat(r.pick([100, 10000, 70000]))}`);
  if (r.next() < 0.03) headers.push('Expect: 100-continue');
  if (r.next() < 0.02) headers.push('Bad Header Without Colon');
  return Buffer.concat([Buffer.from(headers.join('\r\n') + '\r\n\r\n', 'latin1'), body]);
}

// Sends `data` (in pieces `gapMs` apart when slow) and resolves with the status code, or 0
// when the server closed without a reply (allowed for garbage) or the exchange timed out.
function exchange(host, port, data, { slow = false, gapMs = 0, timeoutMs = 15000 } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect(port, host);
    let got = '';
    let done = false;
    const finish = (v) => { if (!done) { done = true; clearTimeout(timer); sock.destroy(); resolve(v); } };
    const timer = setTimeout(() => finish(-1), timeoutMs);
    // The final status: an interim 100 Continue may come first.
    const status = () => {
      const all = [...got.matchAll(/(?:^|\r\n)HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
      return all.find((c) => c !== 100) ?? all[0] ?? 0;
    };
    sock.on('data', (d) => {
      got += d.toString('latin1');
      // A complete reply ends the exchange (as real clients do); 100 Continue is not a reply.
      const end = got.indexOf('\r\n\r\n');
      const length = /content-length: *(\d+)/i.exec(got.slice(0, end));
      if (end >= 0 && length && status() !== 100 && got.length >= end + 4 + Number(length[1])) finish(status());
    });
    sock.on('error', () => {});
    sock.on('close', () => finish(status()));
    sock.on('connect', async () => {
      // No half-close after writing: the server takes a half-closed socket for a client gone.
      if (!slow) { sock.write(data); return; }
      for (let i = 0; i < data.length && !sock.destroyed; i += 3) {
        sock.write(data.subarray(i, i + 3));
        await new Promise((res) => setTimeout(res, gapMs));
      }
    });
  });
}

async function healthy(url) {
  try { return (await fetch(`${url}/health`, { signal: AbortSignal.timeout(10000) })).status === 200; } catch { return false; }
}

export async function fuzzHttp({ url, pid, seconds, seed = 1, concurrency = 4, replyTimeoutMs = 8000, onProgress }) {
  const { hostname: host, port } = new URL(url);
  const r = rng(seed);
  const stats = { requests: 0, byStatus: {}, slowClients: 0, noReply: 0, timeouts: 0, crashed: false };
  const end = Date.now() + seconds * 1000;
  // RSS at the start and at each quarter of the run: growth that stops once the bounded
  // structures (the last 1000 log entries kept in memory) are full is not a leak.
  const started = Date.now();
  stats.rssStartKiB = rssKiB(pid);
  stats.rssQuartersKiB = [];
  const sampler = setInterval(() => {
    if (stats.rssQuartersKiB.length < 3 && Date.now() - started >= (stats.rssQuartersKiB.length + 1) * seconds * 250)
      try { stats.rssQuartersKiB.push(rssKiB(pid)); } catch { /* gone: reported as a crash */ }
  }, 200);
  let lastReport = Date.now();
  const alive = () => { try { process.kill(pid, 0); return true; } catch { return false; } };
  const worker = async (id) => {
    while (Date.now() < end && !stats.crashed) {
      // One worker at a time plays a slow client: a pool thread sits in its read timeout meanwhile.
      const slow = id === 0 && r.next() < 0.02;
      const status = await exchange(host, Number(port), request(r), slow ? { slow: true, gapMs: 300, timeoutMs: 20000 } : { timeoutMs: replyTimeoutMs });
      if (slow) stats.slowClients++;
      stats.requests++;
      if (status === 0) stats.noReply++;
      else if (status === -1) stats.timeouts++;
      else stats.byStatus[status] = (stats.byStatus[status] ?? 0) + 1;
      if (!alive()) stats.crashed = true;
      if (onProgress && Date.now() - lastReport > 30000) { lastReport = Date.now(); onProgress({ ...stats, rssKiB: rssKiB(pid) }); }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  clearInterval(sampler);
  stats.crashed = stats.crashed || !alive();
  stats.healthyAfter = !stats.crashed && await healthy(url);
  stats.rssEndKiB = stats.crashed ? NaN : rssKiB(pid);
  return stats;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : fallback; };
  const url = arg('url'), pid = Number(arg('pid'));
  if (!url || !pid) { console.error('usage: node fuzz/http_fuzz.mjs --url http://127.0.0.1:PORT --pid PID [--seconds 600] [--seed 1]'); process.exit(2); }
  const stats = await fuzzHttp({ url, pid, seconds: Number(arg('seconds', 600)), seed: Number(arg('seed', 1)), concurrency: Number(arg('concurrency', 4)),
    onProgress: (s) => console.error(`fuzz: ${s.requests} requests, RSS ${s.rssKiB} KiB`) });
  console.log(JSON.stringify(stats));
  process.exit(stats.crashed || !stats.healthyAfter ? 1 : 0);
}
