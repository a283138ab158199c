// Open-loop load at a fixed rate for bench/http_serving.sh (what wrk2's -R does; Debian has only
// wrk): request i is due at start + i/rate and is sent then whether or not earlier ones were
// answered, so a slow server faces a queue instead of a lower rate. Two latencies per request:
// from the moment it was sent (what wrk reports) and from the moment it was due (also charges the
// queue and this generator's own timer lateness, up to about 1 ms: Node's timers tick per ms).
// Usage: node bench/http_rate.mjs URL BODY_FILE RATE SECONDS   -> one JSON line like http_wrk.lua's
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [url, bodyFile, rateArg, secondsArg] = process.argv.slice(2);
const rate = Number(rateArg), seconds = Number(secondsArg);
const body = readFileSync(bodyFile);
const target = new URL('/predict', url);
// A fixed set of keep-alive connections, as wrk2 -c; requests wait on them first in, first out.
const connections = Number(process.env.RATE_CONNECTIONS ?? 8);
const agent = new http.Agent({ keepAlive: true, maxSockets: connections, scheduling: 'fifo' });

const total = Math.round(rate * seconds);
const latencies = new Float64Array(total), fromDue = new Float64Array(total);
let sent = 0, done = 0, errors = 0, non2xx = 0;

function send(i, due) {
  const sentAt = performance.now();
  const req = http.request(target, {
    method: 'POST', agent,
    headers: { 'Content-Type': 'application/json', 'Content-Length': body.length },
  }, (res) => {
    if (res.statusCode < 200 || res.statusCode > 299) non2xx++;
    res.resume();
    res.on('end', () => { const t = performance.now(); latencies[i] = t - sentAt; fromDue[i] = t - due; finish(); });
  });
  req.on('error', () => { errors++; latencies[i] = fromDue[i] = NaN; finish(); });
  req.end(body);
}

const start = performance.now() + 50;
let finished;
const allDone = new Promise((resolve) => { finished = resolve; });
function finish() { if (++done === total) finished(); }

// Fires every request that is due; re-arms itself as soon as the event loop allows.
function tick() {
  const now = performance.now();
  while (sent < total && start + (sent * 1000) / rate <= now) {
    send(sent, start + (sent * 1000) / rate);
    sent++;
  }
  if (sent < total) setTimeout(tick, 0);  // not setImmediate: a spinning loop would take a core from the server
}
setTimeout(tick, 50);
await allDone;
const elapsed = (performance.now() - start) / 1000;
agent.destroy();

const sorted = (xs) => Array.from(xs).filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
const ok = sorted(latencies), due = sorted(fromDue);
const at = (xs, p) => (xs.length ? xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] : NaN);
const pct = (p) => at(ok, p);
console.log(JSON.stringify({
  requests: total, seconds: Number(elapsed.toFixed(3)), rps: Number((total / elapsed).toFixed(1)),
  p50_ms: Number(pct(50).toFixed(3)), p90_ms: Number(pct(90).toFixed(3)), p99_ms: Number(pct(99).toFixed(3)),
  max_ms: Number((ok.at(-1) ?? NaN).toFixed(3)),
  due_p50_ms: Number(at(due, 50).toFixed(3)), due_p99_ms: Number(at(due, 99).toFixed(3)), socket_errors: errors, non_2xx: non2xx,
}));
