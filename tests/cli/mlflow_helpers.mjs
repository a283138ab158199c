// A real MLflow 2.12.2 tracking server for the sync tests (../shared/tools/mlflow-server, which
// scripts/setup.sh installs): started on a free port with a file store or SQLite, stopped by its
// PID, restartable on the same port and store. Plus small REST helpers to read back what it holds.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

export const lab = process.env.LAB_CLI ?? join(process.cwd(), 'build/native/src/lab');
export const toolDir = resolve(process.env.MLFLOW_TOOL_DIR ?? join(process.cwd(), '../shared/tools/mlflow-server'));
export const mlflowSrc = process.env.MLFLOW_SRC_DIR ?? '/opt/mlflow-2.12.2';
export const haveMlflow = existsSync(join(toolDir, 'start.sh')) && existsSync(join(mlflowSrc, 'mlflow/__init__.py'));
export const temp = (name) => mkdtempSync(join(tmpdir(), `lab-sync-${name}-`));

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
    s.on('error', rej);
  });
}

// MLflow with an app that needs credentials for every call (start.sh's readiness check has
// none): started directly in its own process group, ready when /health answers, stopped by PID.
export async function startMlflowApp(appName, src, env) {
  const dir = temp(`mlflow-${appName}`);
  const port = await freePort();
  const proc = spawn('/usr/bin/python3', ['-m', 'mlflow', 'server', '--backend-store-uri', `sqlite:///${join(dir, 'mlflow.db')}`,
    '--host', '127.0.0.1', '--port', String(port), '--workers', '1', '--app-name', appName,
    '--artifacts-destination', join(dir, 'mlartifacts')], {
    detached: true, stdio: 'ignore', cwd: dir, env: { ...process.env, PYTHONPATH: src, PYTHONNOUSERSITE: '1', ...env },
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; ++i) {
    try { if ((await fetch(`${url}/health`)).ok) break; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, port, stop: () => { try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* gone */ } } };
}

// backend: 'file' or 'sqlite'. extra: more `mlflow server` options. env: e.g. the auth config.
export async function startMlflow(backend, { extra = [], env = {}, workers = 2 } = {}) {
  const dir = temp(`mlflow-${backend}`);
  const store = backend === 'sqlite' ? `sqlite:///${join(dir, 'mlflow.db')}` : join(dir, 'mlruns');
  const port = await freePort();
  const server = { dir, store, port, url: `http://127.0.0.1:${port}`, pid: null };
  server.start = () => {
    const r = spawnSync('bash', [join(toolDir, 'start.sh'), store, String(port), ...extra], {
      encoding: 'utf8', env: { ...process.env, MLFLOW_STATE_DIR: join(dir, 'state'), MLFLOW_WORKERS: String(workers), ...env },
    });
    if (r.status !== 0) {
      const left = r.stderr.match(/PID (\d+) still running/);
      if (left) spawnSync('bash', [join(toolDir, 'stop.sh'), left[1]]);
      throw new Error(`start.sh failed: ${r.stdout}${r.stderr}`);
    }
    server.pid = r.stdout.trim();
  };
  server.stop = () => {
    if (!server.pid) return;
    spawnSync('bash', [join(toolDir, 'stop.sh'), server.pid], { encoding: 'utf8' });
    server.pid = null;
  };
  server.start();
  return server;
}

export async function api(url, path, body, headers = {}) {
  const init = body === undefined ? { headers } : {
    method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json', ...headers },
  };
  const r = await fetch(`${url}/api/2.0/mlflow/${path}`, init);
  const text = await r.text();
  if (!r.ok) throw new Error(`${path}: ${r.status} ${text}`);
  return JSON.parse(text);
}

// The experiment a name means to the lab (src/core/sync/experiment_lookup.hpp): the oldest
// active one of that name, since MLflow's file store can hold two after a create race.
export async function experimentIdByName(url, experimentName) {
  const found = await api(url, 'experiments/search', {
    filter: `name = '${experimentName}'`, order_by: ['creation_time ASC', 'experiment_id ASC'], view_type: 'ACTIVE_ONLY', max_results: 100,
  });
  if (!found.experiments?.length) throw new Error(`no active experiment named '${experimentName}'`);
  return found.experiments[0].experiment_id;
}

// Every run of an experiment (all pages).
export async function allRuns(url, experimentName, view = 'ACTIVE_ONLY') {
  const experimentId = await experimentIdByName(url, experimentName);
  const runs = [];
  let token = '';
  do {
    const page = await api(url, 'runs/search', {
      experiment_ids: [experimentId], max_results: 1000, run_view_type: view, ...(token ? { page_token: token } : {}),
    });
    runs.push(...(page.runs ?? []));
    token = page.next_page_token ?? '';
  } while (token);
  return runs;
}

export const tagOf = (run, key) => (run.data.tags ?? []).find((t) => t.key === key)?.value;

export function runLab(args, opts = {}) {
  return spawnSync(lab, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
}

// Starts `lab ARGS` in the background: {proc, done} (done resolves with status and output).
export function startLab(args, opts = {}) {
  const proc = spawn(lab, args, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
  let out = '', err = '';
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { err += d; });
  const done = new Promise((res) => proc.on('exit', (status, signal) => res({ status, signal, stdout: out, stderr: err })));
  return { proc, done };
}
export const runLabAsync = (args, opts) => startLab(args, opts).done;

// A local store with `n` trained runs (one process: generate once, train n times).
export function makeStore(name, n, { dataset = 'iris', algo = 'knn', seed = 1, rows } = {}) {
  const store = join(temp(name), 'mlruns');
  const steps = [{ cmd: 'data.generate', dataset, seed, ...(rows ? { rows } : {}) }];
  for (let i = 0; i < n; ++i) steps.push({ cmd: 'train.run', algo, seed: seed * 1000 + i, run_name: `${name}-${i}` });
  const file = join(temp(`${name}-pipe`), 'pipeline.json');
  writeFileSync(file, JSON.stringify(steps));
  const r = runLab(['run', file, '--store', store]);
  if (r.status !== 0) throw new Error(`lab run failed: ${r.stdout}${r.stderr}`);
  return store;
}

// The local runs of a store: id -> {dir, params, tags, metrics: key -> [[ts, value, step]], artifacts: path -> Buffer}.
export function localRuns(store) {
  const out = {};
  for (const exp of readdirSync(store)) {
    const expDir = join(store, exp);
    if (!statSync(expDir).isDirectory() || exp === '.trash' || exp === 'models') continue;
    for (const id of readdirSync(expDir)) {
      const dir = join(expDir, id);
      if (!/^[0-9a-f]{32}$/.test(id) || !existsSync(join(dir, 'meta.yaml'))) continue;
      const files = (sub) => {
        const res = {};
        const walk = (d) => {
          if (!existsSync(d)) return;
          for (const f of readdirSync(d)) {
            const p = join(d, f);
            if (statSync(p).isDirectory()) walk(p); else res[relative(join(dir, sub), p)] = readFileSync(p);
          }
        };
        walk(join(dir, sub));
        return res;
      };
      const metrics = {};
      for (const [k, buf] of Object.entries(files('metrics')))
        metrics[k] = buf.toString().trim().split('\n').map((l) => l.split(' ').map(Number));
      const text = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.toString()]));
      out[id] = { dir, meta: readFileSync(join(dir, 'meta.yaml'), 'utf8'), params: text(files('params')), tags: text(files('tags')), metrics, artifacts: files('artifacts') };
    }
  }
  return out;
}

// A forwarding HTTP proxy in front of MLflow for fault tests. before(req, body) may answer
// instead ({status, body, headers}); after(req, upstreamStatus, upstreamBody) runs once MLflow
// answered and may hold the answer back (return false: the client never gets it).
import { createServer as createHttpServer } from 'node:http';
export function startProxy(target, { before = () => null, after = () => true } = {}) {
  const server = createHttpServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try { await handle(req, res, Buffer.concat(chunks)); } catch (e) {
        res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`test proxy: ${e.message}`);
      }
    });
  });
  async function handle(req, res, body) {
    {
      const own = await before(req, body);
      if (own) { res.writeHead(own.status, own.headers ?? { 'Content-Type': 'application/json' }); res.end(own.body ?? ''); return; }
      const headers = { ...req.headers };
      for (const h of ['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']) delete headers[h];
      const up = await fetch(`${target}${req.url}`, { method: req.method, headers, body: ['GET', 'HEAD'].includes(req.method) ? undefined : body });
      const upBody = Buffer.from(await up.arrayBuffer());
      if (!(await after(req, up.status, upBody))) { res.socket?.destroy(); return; }
      res.writeHead(up.status, { 'Content-Type': up.headers.get('content-type') ?? 'application/json' });
      res.end(upBody);
    }
  }
  return new Promise((res) => server.listen(0, '127.0.0.1', () => res({
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  })));
}
