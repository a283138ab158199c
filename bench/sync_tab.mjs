// Runs per second synced from the tab (wasm, fetch through scripts/serve.mjs --tracking-server)
// beside `lab sync` (native) and MLflow's own Python client sending the same content to the same
// MLflow 2.12.2 through the same proxy, in the same go.
// Content: bench/sync_content.py local (RUNS runs x 100 params x 10 metrics x 100 steps), imported
// into the tab as an archive (not timed). Each side syncs into its own experiment; the script
// then checks all three hold every run with 100 params and 1,000 metric points.
// Usage: node bench/sync_tab.mjs   (env RUNS=100, BACKEND=file|sqlite; needs the web and native builds)
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from '../scripts/serve.mjs';
import { cmd, freshProfileDir, launch, openLab, waitFor } from '../tests/e2e/browser.mjs';
import { importArchive } from '../tests/e2e/tracking_helpers.mjs';
import { allRuns, api, mlflowSrc, runLabAsync, startMlflow, temp } from '../tests/cli/mlflow_helpers.mjs';

const RUNS = Number(process.env.RUNS ?? 100);
const backend = process.env.BACKEND ?? 'file';
const must = (r) => { if (!r.ok) throw new Error(JSON.stringify(r)); return r; };

const work = temp('tab-bench');
const py = spawnSync('/usr/bin/python3', ['bench/sync_content.py', 'local', join(work, 'mlruns')], {
  encoding: 'utf8', env: { ...process.env, PYTHONPATH: mlflowSrc, PYTHONNOUSERSITE: '1', RUNS: String(RUNS) },
});
if (py.status !== 0) throw new Error(py.stderr);
const tar = spawnSync('tar', ['cf', join(work, 'store.tar'), '-C', work, 'mlruns']);
if (tar.status !== 0) throw new Error(String(tar.stderr));

const mlflow = await startMlflow(backend);
const site = await startServer({ port: 0, root: process.env.LAB_SITE, trackingServer: mlflow.url });
const url = `http://127.0.0.1:${site.address().port}`;
const profile = freshProfileDir('sync-bench');
const context = await launch(profile);
try {
  const { page } = await openLab(context, url + '/');
  must(await importArchive(page, readFileSync(join(work, 'store.tar'))));
  const exp = must(await cmd(page, { cmd: 'experiments.list' })).experiments.find((e) => e.name === 'bench');
  must(await cmd(page, { cmd: 'experiments.select', experiment_id: exp.experiment_id }));
  await waitFor(page, { cmd: 'storage.status' }, (r) => r.state === 'saved', { timeout: 120000, what: 'the import to be saved' });
  const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(`content: ${RUNS} runs x 100 params x 10 metrics x 100 steps; MLflow ${backend} store; load average ${load()}`);

  must(await cmd(page, { cmd: 'sync.configure', url, experiment: 'tab' }));
  await page.evaluate(installProbe);
  const t0 = Date.now();
  must(await cmd(page, { cmd: 'sync.run' }));
  // Polled four times a second: each poll makes the tab draw a frame, which a participant's tab
  // syncing in the background would not (src/app/redraw_policy.hpp); the end is known to 0.25 s.
  const done = await waitFor(page, { cmd: 'sync.status' }, (r) => ['done', 'stopped'].includes(r.state),
    { timeout: 1800000, what: 'the tab sync to finish', interval: 250 });
  const tab = (Date.now() - t0) / 1000;
  const probe = await page.evaluate(() => window.labSyncProbe);
  if (done.state !== 'done') throw new Error(JSON.stringify(done.error));

  const t1 = Date.now();
  const cli = await runLabAsync(['sync', '--store', join(work, 'mlruns'), '--server', url, '--experiment', 'cli']);
  const native = (Date.now() - t1) / 1000;
  if (cli.status !== 0) throw new Error(cli.stdout + cli.stderr);

  // MLflow's own Python client logging the same content through the same proxy (its seconds).
  // Not spawnSync: the proxy runs in this process and must keep answering.
  const client = await new Promise((resolve) => {
    const p = spawn('/usr/bin/python3', ['bench/sync_content.py', 'remote', url, 'client'], {
      env: { ...process.env, PYTHONPATH: mlflowSrc, PYTHONNOUSERSITE: '1', RUNS: String(RUNS) },
    });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
  if (client.status !== 0) throw new Error(client.stderr);
  const python = Number(client.stdout.trim().split('\n').at(-1));

  for (const name of ['tab', 'cli', 'client']) {
    const runs = await allRuns(mlflow.url, name);
    if (runs.length !== RUNS) throw new Error(`${name}: ${runs.length} runs`);
    const r = runs[0];
    if (r.data.params.length !== 100) throw new Error(`${name}: ${r.data.params.length} params`);
    let points = 0;
    for (let k = 0; k < 10; ++k)
      points += (await api(mlflow.url, `metrics/get-history?run_id=${r.info.run_id}&metric_key=m${k}`)).metrics.length;
    if (points !== 1000) throw new Error(`${name}: ${points} metric points`);
  }
  console.log(`tab (wasm, fetch via the proxy): ${tab.toFixed(1)} s = ${(RUNS / tab).toFixed(2)} runs/s, ${done.requests} requests`);
  console.log(`  where the tab's time went: ${probe.fetches} fetches ${(probe.fetchMs / 1000).toFixed(1)} s in the network; ` +
    `answers handled in wasm ${(probe.deliverMs / 1000).toFixed(1)} s; from an answer to the next request ${(probe.gapMs / 1000).toFixed(1)} s; ` +
    `${probe.persists} few-file and ${probe.flushes} whole-store saves, ${probe.idbWrites} IndexedDB writes open ${(probe.idbWriteMs / 1000).toFixed(1)} s; ` +
    `${probe.frames} frames, longest ${probe.longestFrameMs.toFixed(0)} ms, ${probe.framesOver100} over 100 ms (${(probe.slowFrameMs / 1000).toFixed(1)} s in them)`);
  console.log(`lab sync (native, via the proxy): ${native.toFixed(1)} s = ${(RUNS / native).toFixed(2)} runs/s`);
  console.log(`MLflow's Python client (via the proxy): ${python.toFixed(1)} s = ${(RUNS / python).toFixed(2)} runs/s`);
  console.log(`checked: the three experiments hold ${RUNS} runs with 100 params and 1000 metric points; load average ${load()}`);
} finally {
  await context.close();
  site.close();
  mlflow.stop();
  rmSync(profile, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
}

// Runs in the page: wraps fetch, the wasm callbacks, IndexedDB and the frame clock to say where the
// tab's time goes between one answer and the next request.
function installProbe() {
  const p = { fetches: 0, fetchMs: 0, gapMs: 0, persists: 0, flushes: 0, idbWrites: 0, idbWriteMs: 0, deliverMs: 0,
    frames: 0, longestFrameMs: 0, framesOver100: 0, slowFrameMs: 0 };
  window.labSyncProbe = p;
  let answeredAt = null;
  const realFetch = window.fetch;
  window.fetch = (...a) => {
    const t = performance.now();
    if (answeredAt !== null) p.gapMs += t - answeredAt;
    return realFetch(...a).then((r) => { p.fetches++; p.fetchMs += performance.now() - t; return r; });
  };
  const realTx = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (...a) {
    const tx = realTx.apply(this, a), t = performance.now();
    if (a[1] === 'readwrite') tx.addEventListener('complete', () => { p.idbWrites++; p.idbWriteMs += performance.now() - t; });
    return tx;
  };
  const realCcall = Module.ccall;
  Module.ccall = function (name, ...rest) {
    if (name === 'lab_file_persisted') p.persists++;
    if (name === 'lab_storage_flushed') p.flushes++;
    if (name !== 'lab_fetch_done') return realCcall.call(this, name, ...rest);
    const t = performance.now();
    try { return realCcall.call(this, name, ...rest); } finally { answeredAt = performance.now(); p.deliverMs += answeredAt - t; }
  };
  let last = performance.now();
  const frame = (now) => {
    const d = now - last; last = now; p.frames++;
    if (d > p.longestFrameMs) p.longestFrameMs = d;
    if (d > 100) { p.framesOver100++; p.slowFrameMs += d; }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}
