// Shared by the `lab serve` tests: a lab store with registered models (made by the real `lab`
// CLI), a server started on a free port, and the tab's answers for the same requests (the
// dispatcher's serve.* commands run by `lab run`) to compare the HTTP replies with.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const lab = process.env.LAB_CLI ?? join(process.cwd(), 'build/native/src/lab');

function runLab(...args) {
  const r = spawnSync(lab, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`lab ${args.join(' ')} failed (${r.status}): ${r.stdout}${r.stderr}`);
  return JSON.parse(r.stdout);
}

export function labCmd(store, cmd) {
  return runLab('cmd', JSON.stringify(cmd), '--store', store);
}

// Runs commands in one session (a deployed endpoint lives only as long as its process).
export function labRun(store, commands) {
  const file = join(mkdtempSync(join(tmpdir(), 'lab-pipe-')), 'pipeline.json');
  writeFileSync(file, JSON.stringify(commands));
  return runLab('run', file, '--store', store);
}

export function trainAndRegister(store, model, trainArgs) {
  const run = runLab('train', ...trainArgs, '--store', store);
  const reg = labCmd(store, { cmd: 'registry.register', model, run_id: run.run_id });
  return { run, version: reg.version };
}

// churn: version 1 logistic regression (champion), version 2 a GBDT; iris: version 1 (champion).
export function makeStore() {
  const store = join(mkdtempSync(join(tmpdir(), 'lab-serve-')), 'mlruns');
  const v1 = trainAndRegister(store, 'churn', ['--dataset', 'churn', '--rows', '1500', '--seed', '3']);
  const v2 = trainAndRegister(store, 'churn', ['--dataset', 'churn', '--rows', '1500', '--seed', '4', '--algo', 'hist_gbdt',
    '--params', '{"n_estimators": 20}']);
  labCmd(store, { cmd: 'registry.set_alias', model: 'churn', alias: 'champion', version: v1.version, comment: 'first' });
  const iris = trainAndRegister(store, 'iris', ['--dataset', 'iris', '--algo', 'logistic_regression', '--seed', '1']);
  labCmd(store, { cmd: 'registry.set_alias', model: 'iris', alias: 'champion', version: iris.version, comment: 'first' });
  return store;
}

// Starts `lab serve` on a free port; resolves when it prints where it listens.
export function startServer(store, model, extra = []) {
  const proc = spawn(lab, ['serve', '--store', store, '--model', model, '--port', '0', ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  proc.stderr.on('data', (d) => { err += d; });
  proc.stdout.on('data', (d) => { out += d; });
  const exited = new Promise((res) => proc.on('exit', (code, signal) => res({ code, signal, out, err })));
  return new Promise((resolve, reject) => {
    let started = false;
    const timer = setTimeout(() => reject(new Error(`lab serve did not start: ${out}${err}`)), 20000);
    exited.then(({ code }) => { if (!started) { clearTimeout(timer); reject(new Error(`lab serve exited ${code}: ${out}${err}`)); } });
    proc.stdout.on('data', () => {
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/);
      if (started || !m || !out.includes('request log')) return;
      started = true;
      clearTimeout(timer);
      resolve({
        url: m[1], proc,
        exited: exited.then((r) => ({ ...r, out, err })),
        output: () => out + err,
        stop: async () => { proc.kill('SIGTERM'); return exited; },
      });
    });
  });
}

// Drop what differs between any two answers (ids, timing) before comparing.
export function stable(reply) {
  const { request_id, latency_ms, ...rest } = reply;
  return rest;
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Sends raw bytes on one connection (for what fetch will not send: oversized or broken
// requests, bodies in pieces) and resolves with everything the server answered.
import net from 'node:net';
export function rawExchange(url, chunks, { gapMs = 0, timeoutMs = 10000 } = {}) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = net.connect(Number(port), hostname);
    let got = Buffer.alloc(0);
    const timer = setTimeout(() => { sock.destroy(); reject(new Error(`no complete answer: ${got}`)); }, timeoutMs);
    sock.on('data', (d) => {
      got = Buffer.concat([got, d]);
      // A complete reply ends the exchange, as a real client would (the server may keep the
      // connection open for the next request).
      const end = got.indexOf('\r\n\r\n');
      const length = /content-length: *(\d+)/i.exec(got.subarray(0, end).toString('latin1'));
      if (end >= 0 && length && got.length >= end + 4 + Number(length[1])) sock.destroy();
    });
    sock.on('error', () => {});  // a reset after the reply is fine: the reply is what counts
    sock.on('close', () => { clearTimeout(timer); resolve(got.toString('latin1')); });
    sock.on('connect', async () => {
      for (const c of chunks) {
        if (sock.destroyed) break;
        sock.write(c);
        if (gapMs) await sleep(gapMs);
      }
    });
  });
}

export function parseRaw(text) {
  const [head, ...rest] = text.split('\r\n\r\n');
  const status = Number(head.split(' ')[1]);
  const headers = Object.fromEntries(head.split('\r\n').slice(1).map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).toLowerCase(), l.slice(i + 1).trim()];
  }));
  return { status, headers, body: rest.join('\r\n\r\n') };
}
