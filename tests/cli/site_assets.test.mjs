// scripts/site_assets.mjs and the static server's revalidation: the service worker's version is
// the content hash of the app's files (any changed byte gives a new one; an unchanged rebuild
// keeps sw.js untouched), the manifest and icons are valid, and serve.mjs answers a revalidation
// with 304 (an ETag per file and encoding), so the worker's install costs no second download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { startServer } from '../../scripts/serve.mjs';
import { iconPng, siteVersion, writeSiteAssets } from '../../scripts/site_assets.mjs';

function makeSite() {
  const root = mkdtempSync(join(tmpdir(), 'lab-assets-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>lab</title>');
  writeFileSync(join(root, 'lab.js'), 'var Module = {};');
  writeFileSync(join(root, 'lab.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
  writeFileSync(join(root, 'lab.data'), Buffer.from('font bytes'));
  return root;
}

function get(port, path, headers = {}) {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('the worker is versioned by the content of every cached file', async () => {
  const root = makeSite();
  const a = await writeSiteAssets(root);
  assert.match(a.version, /^[0-9a-f]{16}$/);
  const sw = readFileSync(join(root, 'sw.js'), 'utf8');
  assert.ok(sw.includes(`const VERSION = "${a.version}";`));
  assert.ok(!sw.includes('__LAB_'), 'every placeholder filled in');
  for (const f of ['index.html', 'lab.js', 'lab.wasm', 'lab.data', 'manifest.webmanifest', 'icon-192.png']) assert.ok(a.files.includes(f), f);

  // An unchanged rebuild: the same version and sw.js is not rewritten (precompress keeps its copies).
  const before = statSync(join(root, 'sw.js')).mtimeMs;
  assert.equal((await writeSiteAssets(root)).version, a.version);
  assert.equal(statSync(join(root, 'sw.js')).mtimeMs, before);

  // One changed byte of the wasm: a new version.
  writeFileSync(join(root, 'lab.wasm'), Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 1]));
  const b = await writeSiteAssets(root);
  assert.notEqual(b.version, a.version);
  assert.equal(await siteVersion(root), b.version);
});

test('the threaded build joins the site when it was built, and the worker knows each build\'s files', async () => {
  const root = makeSite();
  const one = await writeSiteAssets(root);
  assert.deepEqual(one.builds, ['lab']);
  for (const f of ['lab-mt.js', 'lab-mt.wasm', 'lab-mt.data']) writeFileSync(join(root, f), f);
  await assert.rejects(writeSiteAssets(root), /lab-mt\.worker\.js is missing/, 'all of its files or none');
  writeFileSync(join(root, 'lab-mt.worker.js'), 'importScripts()');
  const both = await writeSiteAssets(root);
  assert.deepEqual(both.builds, ['lab', 'lab-mt']);
  assert.notEqual(both.version, one.version);
  for (const f of ['lab-mt.js', 'lab-mt.wasm', 'lab-mt.data', 'lab-mt.worker.js']) assert.ok(both.files.includes(f), f);
  const sw = readFileSync(join(root, 'sw.js'), 'utf8');
  assert.ok(sw.includes('const BUILDS = {"lab":["lab.js","lab.wasm","lab.data"],"lab-mt":["lab-mt.js","lab-mt.wasm","lab-mt.data","lab-mt.worker.js"]};'));
  writeFileSync(join(root, 'lab-mt.wasm'), 'changed');
  assert.notEqual((await writeSiteAssets(root)).version, both.version, 'a changed threaded build is a new version');
});

test('a site without the app is refused with what to build', async () => {
  const root = mkdtempSync(join(tmpdir(), 'lab-assets-empty-'));
  await assert.rejects(writeSiteAssets(root), /index\.html is missing: build the web app first/);
});

test('the manifest and icons are what an install needs', async () => {
  const root = makeSite();
  await writeSiteAssets(root);
  const m = JSON.parse(readFileSync(join(root, 'manifest.webmanifest'), 'utf8'));
  assert.equal(m.start_url, './');
  assert.equal(m.display, 'standalone');
  for (const size of [192, 512]) {
    const icon = m.icons.find((i) => i.sizes === `${size}x${size}`);
    assert.ok(icon, `a ${size}px icon`);
    const png = readFileSync(join(root, icon.src));
    assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
    assert.equal(png.readUInt32BE(16), size);
    assert.equal(png.readUInt32BE(20), size);
  }
  // The picture: opaque blue in the middle of a bar-free area, transparent in the rounded corner.
  const png = iconPng(64);
  const idat = png.indexOf('IDAT');
  const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
  const px = (x, y) => [...raw.subarray(y * (64 * 4 + 1) + 1 + x * 4, y * (64 * 4 + 1) + 1 + x * 4 + 4)];
  assert.deepEqual(px(5, 60 - 50), [0x3a, 0x7b, 0xd5, 255]);
  assert.equal(px(0, 0)[3], 0);
});

test('serve.mjs answers a revalidation with 304 per file and encoding', async () => {
  const root = makeSite();
  await writeSiteAssets(root);
  const server = await startServer({ port: 0, root });
  const { port } = server.address();
  try {
    const first = await get(port, '/lab.js');
    assert.equal(first.status, 200);
    assert.ok(first.headers.etag);
    const again = await get(port, '/lab.js', { 'If-None-Match': first.headers.etag });
    assert.equal(again.status, 304);
    assert.equal(again.body.length, 0);
    const other = await get(port, '/lab.wasm', { 'If-None-Match': first.headers.etag });
    assert.equal(other.status, 200, 'another file\'s tag does not match');
    writeFileSync(join(root, 'lab.js'), 'var Module = {changed: true};');
    assert.equal((await get(port, '/lab.js', { 'If-None-Match': first.headers.etag })).status, 200, 'a changed file');
    const m = await get(port, '/manifest.webmanifest');
    assert.equal(m.headers['content-type'], 'application/manifest+json');
  } finally {
    server.close();
  }
});
