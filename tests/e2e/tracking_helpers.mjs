// Helpers for the tracking browser tests and the runs explorer benchmark: make runs through the
// command hook, snapshot the store's files, move archives in and out of the page.
import { cmd } from './browser.mjs';

// Creates `count` runs with `steps` metric points each (in batches of 1000, MLflow's limit).
// Runs inside the page so 1,000 runs do not cost 1,000 round trips.
export async function makeRuns(page, { count, steps, prefix = 'run', experiment = null }) {
  return page.evaluate(({ count, steps, prefix, experiment }) => {
    const ids = [];
    const must = (r) => { if (!r.ok) throw new Error(JSON.stringify(r)); return r; };
    for (let i = 0; i < count; i++) {
      const create = { cmd: 'runs.create', run_name: `${prefix}-${i}`, start_time: 1700000000000 + i * 1000 };
      if (experiment) create.experiment_id = experiment;
      const id = must(Module.labCommand(create)).run_id;
      must(Module.labCommand({
        cmd: 'runs.log_batch', run_id: id,
        params: { C: String([0.01, 0.1, 1, 10][i % 4]), algo: i % 3 ? 'logistic_regression' : 'gbdt', seed: String(i % 5) },
      }));
      let batch = [];
      for (let s = 0; s < steps; s++) {
        const v = 0.7 * Math.exp(-s / (steps / 4 + 1)) + 0.05 * Math.sin(s * 0.37 + i) + 0.02 * (i % 7);
        batch.push({ key: 'train_loss', value: v, step: s, timestamp: 1700000000000 + i * 1000 + s });
        if (batch.length === 1000) { must(Module.labCommand({ cmd: 'runs.log_batch', run_id: id, metrics: batch })); batch = []; }
      }
      batch.push({ key: 'roc_auc', value: 0.8 + 0.15 * ((i * 37) % 100) / 100, step: steps });
      batch.push({ key: 'accuracy', value: 0.7 + 0.2 * ((i * 53) % 100) / 100, step: steps });
      must(Module.labCommand({ cmd: 'runs.log_batch', run_id: id, metrics: batch }));
      must(Module.labCommand({ cmd: 'runs.end', run_id: id, end_time: 1700000000000 + i * 1000 + 500 + steps }));
      ids.push(id);
    }
    return ids;
  }, { count, steps, prefix, experiment });
}

// Every file under /lab/mlruns as path -> base64 content (directories as path/ -> '').
export async function snapshotStore(page) {
  return page.evaluate(() => {
    const out = {};
    const walk = (dir) => {
      for (const name of FS.readdir(dir)) {
        if (name === '.' || name === '..') continue;
        const p = `${dir}/${name}`;
        if (FS.isDir(FS.stat(p).mode)) { out[`${p}/`] = ''; walk(p); }
        else {
          const bytes = FS.readFile(p);
          let s = '';
          for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
          out[p] = btoa(s);
        }
      }
    };
    walk('/lab/mlruns');
    return out;
  });
}

export async function exportArchive(page) {
  const r = await cmd(page, { cmd: 'store.export', path: '/tmp/e2e-export.tar' });
  if (!r.ok) throw new Error(JSON.stringify(r));
  const b64 = await page.evaluate(() => {
    const bytes = FS.readFile('/tmp/e2e-export.tar');
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s);
  });
  return Buffer.from(b64, 'base64');
}

export async function importArchive(page, buffer) {
  await page.evaluate((b64) => {
    const s = atob(b64);
    const bytes = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    FS.writeFile('/tmp/e2e-import.tar', bytes);
  }, buffer.toString('base64'));
  return cmd(page, { cmd: 'store.import', path: '/tmp/e2e-import.tar' });
}

export async function allHistories(page) {
  const list = await cmd(page, { cmd: 'runs.list', view: 'all' });
  const out = {};
  for (const r of list.runs) out[r.run_id] = await cmd(page, { cmd: 'runs.get', run_id: r.run_id });
  return out;
}
