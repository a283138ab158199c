// `lab export` / `lab import` with the native CLI: runs trained by `lab train` leave through an
// archive and come back byte for byte; conflicts are refused whole; --artifact-root points the
// artifact URIs at the folder the archive is unpacked to, where MLflow will look for them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const lab = process.env.LAB_CLI ?? join(process.cwd(), 'build/native/src/lab');
const run = (...args) => spawnSync(lab, args, { encoding: 'utf8' });
const temp = (name) => mkdtempSync(join(tmpdir(), `lab-cli-${name}-`));

function ok(r) {
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return JSON.parse(r.stdout);
}

// Every file under `root` as relative path -> bytes (folders as 'path/' -> null).
function snapshot(root) {
  const out = {};
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const rel = relative(root, p);
      if (statSync(p).isDirectory()) { out[`${rel}/`] = null; walk(p); }
      else out[rel] = readFileSync(p);
    }
  };
  walk(root);
  return out;
}

const runIds = (snap) => Object.keys(snap).filter((k) => /^[^/]+\/[0-9a-f]{32}\/meta\.yaml$/.test(k)).map((k) => k.split('/')[1]);

// One store with two trained runs and a registered model, shared by the tests below.
const source = temp('export-src');
const runA = ok(run('train', '--rows', '1500', '--seed', '3', '--run-name', 'logreg', '--store', source)).run_id;
const runB = ok(run('train', '--dataset', 'iris', '--algo', 'knn', '--run-name', 'knn', '--store', source)).run_id;
ok(run('cmd', JSON.stringify({ cmd: 'registry.register', model: 'loan', run_id: runA }), '--store', source));
const archive = join(temp('export-tar'), 'runs.tar');
const exported = ok(run('export', '--store', source, '--out', archive));

test('lab export writes the whole store; lab import into an empty store gives every file back', () => {
  assert.equal(exported.uris_rewritten, 0);
  assert.equal(statSync(archive).size, exported.bytes);
  const before = snapshot(source);
  assert.deepEqual(runIds(before).sort(), [runA, runB].sort());
  assert.ok(before['models/loan/version-1/meta.yaml']);

  // --artifact-root keep: exactly the archived bytes.
  const kept = temp('import-keep');
  const r = ok(run('import', archive, '--store', kept, '--artifact-root', 'keep'));
  assert.equal(r.runs, 2);
  assert.equal(r.uris_rewritten, 0);
  assert.deepEqual(snapshot(kept), before);

  // The default: identical except that artifact locations name the new store's folder, so
  // `mlflow ui --backend-store-uri <that folder>` finds the artifacts where they now are.
  const moved = temp('import-default');
  const m = ok(run('import', archive, '--store', moved));
  assert.equal(m.artifact_root, moved);
  assert.equal(m.uris_rewritten, 3);  // the Default experiment and both runs (the registry's source is runs:/)
  const after = snapshot(moved);
  assert.deepEqual(Object.keys(after), Object.keys(before));
  for (const [path, bytes] of Object.entries(before)) {
    if (bytes === null) continue;
    const expected = bytes.toString('latin1').split(`file://${source}/`).join(`file://${moved}/`);
    assert.equal(after[path].toString('latin1'), expected, path);
  }
  const meta = readFileSync(join(moved, '0', runA, 'meta.yaml'), 'utf8');
  assert.match(meta, new RegExp(`^artifact_uri: file://${moved}/0/${runA}/artifacts$`, 'm'));

  // Importing the same archive again writes nothing.
  assert.equal(ok(run('import', archive, '--store', moved)).files_written, 0);
});

test('an archive that conflicts with a stored run is refused whole, with a clear message', () => {
  const store = temp('import-conflict');
  ok(run('import', archive, '--store', store));
  // This store changed run A's param and lost run B: the import would restore B but clash on A.
  writeFileSync(join(store, '0', runA, 'params', 'C'), '99');
  rmSync(join(store, '0', runB), { recursive: true });
  const before = snapshot(store);
  const r = run('import', archive, '--store', store);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  const reply = JSON.parse(r.stdout);
  assert.equal(reply.ok, false);
  assert.match(reply.error, new RegExp(`'0/${runA}/params/C' already exists here with different content; nothing was imported`));
  assert.deepEqual(snapshot(store), before);  // run B was not written either
  assert.equal(existsSync(join(store, '0', runB)), false);
});

test('--artifact-root points the artifact URIs at the unpack folder, where the artifacts then are', () => {
  const unpack = temp('unpack');
  const tar = join(unpack, 'mlruns-export.tar');
  const r = ok(run('export', '--store', source, '--out', tar, '--artifact-root', `${unpack}/mlruns/`));
  assert.equal(r.artifact_root, `${unpack}/mlruns`);
  assert.equal(r.uris_rewritten, 3);  // the Default experiment and both runs (the registry's source is runs:/)
  const untar = spawnSync('tar', ['xf', tar, '-C', unpack], { encoding: 'utf8' });
  assert.equal(untar.status, 0, untar.stderr);

  const root = join(unpack, 'mlruns');
  for (const id of [runA, runB]) {
    const meta = readFileSync(join(root, '0', id, 'meta.yaml'), 'utf8');
    const uri = meta.match(/^artifact_uri: (.*)$/m)[1];
    assert.equal(uri, `file://${root}/0/${id}/artifacts`);
    // What MLflow's LocalArtifactRepository does with it: local_file_uri_to_path, then list.
    assert.ok(existsSync(join(fileURLToPath(uri), 'model', 'model.json')), uri);
  }
  assert.match(readFileSync(join(root, '0', 'meta.yaml'), 'utf8'), new RegExp(`^artifact_location: file://${root}/0$`, 'm'));
  // Everything but those lines is as stored.
  const src = snapshot(source), out = snapshot(root);
  assert.deepEqual(Object.keys(out), Object.keys(src));
  for (const [path, bytes] of Object.entries(src)) {
    if (bytes === null) continue;
    const expected = bytes.toString('latin1').split(`file://${source}/`).join(`file://${root}/`);
    assert.equal(out[path].toString('latin1'), expected, path);
  }
  assert.equal(out['models/loan/version-1/meta.yaml'].toString(), src['models/loan/version-1/meta.yaml'].toString());

  // A relative folder is refused with a message that says what to give instead.
  const bad = run('export', '--store', source, '--out', join(unpack, 'x.tar'), '--artifact-root', 'export/mlruns');
  assert.equal(bad.status, 1);
  assert.match(JSON.parse(bad.stdout).error, /'export\/mlruns' is not an absolute path.*e\.g\. \/home\/me\/lab-export\/mlruns/);
  assert.equal(existsSync(join(unpack, 'x.tar')), false);
});
