// scripts/serve.mjs and scripts/precompress.mjs: the site is sent brotli- or gzip-compressed
// (precompressed at build time) by the request's Accept-Encoding, like a real static host, with
// the headers the lab needs kept (application/wasm, COOP/COEP) and Vary: Accept-Encoding.
// Bytes are counted on the wire: node's http client does not decompress.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer, chooseEncoding } from '../../scripts/serve.mjs';
import { precompress } from '../../scripts/precompress.mjs';

function get(port, path, acceptEncoding, method = 'GET') {
  return new Promise((ok, fail) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', fail);
    req.end();
  });
}

// A small site shaped like the real one: a page, JavaScript, a wasm module and a data file.
function makeSite() {
  const root = mkdtempSync(join(tmpdir(), 'lab-site-'));
  const js = Array.from({ length: 4000 }, (_, i) => `function f${i}(a){return a*${i}+Module.x${i % 50};}`).join('\n');
  const wasm = Buffer.alloc(300000);
  for (let i = 0; i < wasm.length; ++i) wasm[i] = (i * 7) % 61 < 30 ? 0 : (i * 13) % 251;
  wasm.set([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>lab</title>' + '<p>hello</p>'.repeat(300));
  writeFileSync(join(root, 'lab.js'), js);
  writeFileSync(join(root, 'lab.wasm'), wasm);
  writeFileSync(join(root, 'lab.data'), Buffer.from(js.repeat(2)));
  return root;
}

test('chooseEncoding follows Accept-Encoding q-values and what was precompressed', () => {
  assert.equal(chooseEncoding('gzip, deflate, br'), 'br');
  assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
  assert.equal(chooseEncoding('gzip'), 'gzip');
  assert.equal(chooseEncoding('br;q=0, gzip'), 'gzip');
  assert.equal(chooseEncoding('gzip;q=1, br;q=0.5'), 'gzip');
  assert.equal(chooseEncoding('*'), 'br');
  assert.equal(chooseEncoding('identity'), null);
  assert.equal(chooseEncoding(''), null);
  assert.equal(chooseEncoding(undefined), null);
  assert.equal(chooseEncoding('br, gzip', ['gzip']), 'gzip');
});

test('each encoding sends the precompressed bytes, decoding to the file, with the lab headers', async () => {
  const root = makeSite();
  const rows = await precompress(root);
  assert.deepEqual(rows.map((r) => r.file).sort(), ['index.html', 'lab.data', 'lab.js', 'lab.wasm']);
  const server = await startServer({ port: 0, root });
  const { port } = server.address();
  try {
    for (const name of ['index.html', 'lab.js', 'lab.wasm', 'lab.data']) {
      const original = readFileSync(join(root, name));
      const cases = [
        { accept: 'gzip, deflate, br', coding: 'br', file: name + '.br', decode: brotliDecompressSync },
        { accept: 'gzip', coding: 'gzip', file: name + '.gz', decode: gunzipSync },
        { accept: 'identity', coding: undefined, file: name, decode: (b) => b },
        { accept: undefined, coding: undefined, file: name, decode: (b) => b },
      ];
      for (const c of cases) {
        const r = await get(port, '/' + name, c.accept);
        assert.equal(r.status, 200);
        assert.equal(r.headers['content-encoding'], c.coding, `${name} with Accept-Encoding ${c.accept}`);
        assert.equal(r.headers.vary, 'Accept-Encoding');
        assert.equal(r.body.length, statSync(join(root, c.file)).size, `${name} ${c.accept}: bytes on the wire`);
        assert.equal(Number(r.headers['content-length']), r.body.length);
        assert.ok(c.decode(r.body).equals(original), `${name} ${c.accept} decodes to the file`);
        assert.equal(r.headers['cross-origin-opener-policy'], 'same-origin');
        assert.equal(r.headers['cross-origin-embedder-policy'], 'require-corp');
        if (name === 'lab.wasm') assert.equal(r.headers['content-type'], 'application/wasm');
        if (c.coding) assert.ok(r.body.length < original.length / 2, `${name} ${c.coding} is compressed`);
      }
    }
    // HEAD tells the compressed length without a body; the page itself is served for "/".
    const head = await get(port, '/lab.wasm', 'br', 'HEAD');
    assert.equal(Number(head.headers['content-length']), statSync(join(root, 'lab.wasm.br')).size);
    assert.equal(head.body.length, 0);
    const page = await get(port, '/', 'gzip');
    assert.ok(gunzipSync(page.body).equals(readFileSync(join(root, 'index.html'))));
    assert.equal((await get(port, '/nothing.js', 'br')).status, 404);
  } finally {
    server.close();
  }
});

test('without isolation (--no-isolation) the same files come without COOP/COEP, as from a plain static host', async () => {
  const root = makeSite();
  await precompress(root);
  const server = await startServer({ port: 0, root, isolation: false });
  try {
    for (const name of ['index.html', 'lab.wasm']) {
      const r = await get(server.address().port, '/' + name, 'br');
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-encoding'], 'br');
      for (const h of ['cross-origin-opener-policy', 'cross-origin-embedder-policy', 'cross-origin-resource-policy'])
        assert.equal(r.headers[h], undefined, `${name}: no ${h}`);
    }
  } finally {
    server.close();
  }
});

test('a file rebuilt after its compressed copies is sent uncompressed until precompressed again', async () => {
  const root = makeSite();
  await precompress(root);
  const js = join(root, 'lab.js');
  const earlier = new Date(Date.now() - 60000);  // the copies predate the rebuild
  for (const ext of ['.br', '.gz']) utimesSync(js + ext, earlier, earlier);
  writeFileSync(js, 'console.log("rebuilt");');
  const server = await startServer({ port: 0, root });
  const { port } = server.address();
  try {
    let r = await get(port, '/lab.js', 'br, gzip');
    assert.equal(r.headers['content-encoding'], undefined);
    assert.equal(r.body.toString(), 'console.log("rebuilt");');
    await precompress(root);
    r = await get(port, '/lab.js', 'br, gzip');
    assert.equal(r.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(r.body).toString(), 'console.log("rebuilt");');
  } finally {
    server.close();
  }
});

// The real build, when there is one: what 30 participants download on shared Wi-Fi.
test('the built site is served at about a third of its size', { skip: !existsSync('site/lab.wasm.br') && 'site/ not built' }, async (t) => {
  const server = await startServer({ port: 0, root: 'site' });
  const { port } = server.address();
  try {
    const sizes = {};
    for (const accept of ['identity', 'gzip', 'gzip, deflate, br']) {
      let total = 0;
      for (const name of ['index.html', 'lab.js', 'lab.wasm', 'lab.data']) total += (await get(port, '/' + name, accept)).body.length;
      sizes[accept] = total;
    }
    t.diagnostic(`bytes on the wire: identity ${sizes.identity}, gzip ${sizes.gzip}, br ${sizes['gzip, deflate, br']}`);
    assert.ok(sizes.gzip < sizes.identity * 0.5);
    assert.ok(sizes['gzip, deflate, br'] < sizes.gzip);
  } finally {
    server.close();
  }
});
