// Serves the built site/ folder on http://127.0.0.1:PORT the way a real static host would:
// application/wasm (streaming compile), COOP/COEP (cross-origin isolation: the page then runs the
// threaded build, trials on every core), and the precompressed .br/.gz copies the build writes beside each file
// (scripts/precompress.mjs), chosen by the request's Accept-Encoding with Vary: Accept-Encoding,
// and an ETag so a revalidation (Cache-Control: no-cache; the service worker's install) costs a 304.
// With --tracking-server URL it also passes MLflow's REST paths (/api/2.0/mlflow/,
// /api/2.0/mlflow-artifacts/, /ajax-api/ and /version) through to that server, so every tab
// syncs to the room's MLflow same-origin: no CORS headers needed (MLflow 2.x sends none).
// Usage: node scripts/serve.mjs [--port 8080] [--root site] [--tracking-server http://host:5000] [--no-isolation]
import { createServer, request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.data': 'application/octet-stream', '.json': 'application/json',
  '.css': 'text/css', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.csv': 'text/csv',
};

// Precompressed variants in order of preference when the client accepts both equally.
const variants = [{ coding: 'br', ext: '.br' }, { coding: 'gzip', ext: '.gz' }];

// Accept-Encoding -> Map(coding -> q). "*" stands for any coding not listed.
export function parseAcceptEncoding(header) {
  const accepted = new Map();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const m = /^\s*q=([0-9.]+)\s*$/.exec(p);
      if (m) q = Number(m[1]);
    }
    accepted.set(name, Number.isFinite(q) ? q : 0);
  }
  return accepted;
}

// The best of the available codings the client accepts (highest q; br before gzip on a tie),
// or null for the identity (uncompressed) body.
export function chooseEncoding(header, available = variants.map((v) => v.coding)) {
  const accepted = parseAcceptEncoding(header);
  let best = null, bestQ = 0;
  for (const { coding } of variants) {
    if (!available.includes(coding)) continue;
    const q = accepted.get(coding) ?? (coding === 'gzip' ? accepted.get('x-gzip') : undefined) ?? accepted.get('*') ?? 0;
    if (q > bestQ) best = coding, bestQ = q;
  }
  return best;
}

async function fileInfo(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? info : null;
  } catch {
    return null;
  }
}

// The paths a tab's sync and room view use; everything else is the site.
export const trackingPaths = ['/api/2.0/mlflow/', '/api/2.0/mlflow-artifacts/', '/ajax-api/', '/version'];
export const isTrackingPath = (url) => trackingPaths.some((p) => url === p || url.startsWith(p) || url.startsWith(`${p}?`));

// Checks --tracking-server and returns it as a URL (throws with an example otherwise).
export function parseTrackingServer(text) {
  let u;
  try { u = new URL(text); } catch { u = null; }
  if (!u || !['http:', 'https:'].includes(u.protocol))
    throw new Error(`--tracking-server '${text}' is not a server URL; write it like http://127.0.0.1:5000`);
  return u;
}

// Streams one request to the tracking server and its answer back (bodies untouched, the
// Authorization header included). An unreachable server answers 502 in MLflow's error format.
function proxyToTracking(target, req, res) {
  const prefix = target.pathname.replace(/\/+$/, '');
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = { ...req.headers, host: target.host };
  delete headers.connection;
  const up = send({
    protocol: target.protocol, hostname: target.hostname, port: target.port, method: req.method, path: prefix + req.url, headers,
  }, (answer) => {
    const out = { ...answer.headers };
    delete out.connection;
    res.writeHead(answer.statusCode, out);
    answer.pipe(res);
  });
  up.on('error', (e) => {
    if (res.headersSent) { res.destroy(); return; }
    res.writeHead(502, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({
      error_code: 'TEMPORARILY_UNAVAILABLE',
      message: `the lab's server cannot reach the tracking server at ${target.origin}${prefix} (${e.code ?? e.message}); is MLflow running?`,
    }));
  });
  req.pipe(up);
}

// isolation: false leaves out COOP/COEP, as many static hosts do: the page then loads the
// one-thread build (tests and docs/hosting.md use it to show what such a host gives).
export function startServer({ port = 8080, host = '127.0.0.1', root, trackingServer, isolation = true } = {}) {
  const base = resolve(root ?? join(fileURLToPath(import.meta.url), '../../site'));
  const tracking = trackingServer ? parseTrackingServer(trackingServer) : null;
  const server = createServer(async (req, res) => {
    if (tracking && isTrackingPath(req.url)) { proxyToTracking(tracking, req, res); return; }
    const headers = isolation ? {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
    } : { 'Cache-Control': 'no-cache' };
    try {
      const url = new URL(req.url, 'http://x');
      let path = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
      if (path === '' || path.endsWith('/')) path += 'index.html';
      const file = join(base, path);
      if (!file.startsWith(base)) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      const info = await fileInfo(file);
      if (!info) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      // A precompressed copy older than its file is stale (a rebuild without precompress): skip it.
      let send = file;
      const stored = {};
      for (const v of variants) {
        const vi = await fileInfo(file + v.ext);
        if (vi && vi.mtimeMs >= info.mtimeMs) stored[v.coding] = v.ext;
      }
      if (Object.keys(stored).length) {
        headers.Vary = 'Accept-Encoding';  // caches must key on it: the same URL has several bodies
        const pick = chooseEncoding(req.headers['accept-encoding'], Object.keys(stored));
        if (pick) {
          send = file + stored[pick];
          headers['Content-Encoding'] = pick;
        }
      }
      const sent = await stat(send);
      headers.ETag = `W/"${sent.size.toString(16)}-${Math.floor(sent.mtimeMs).toString(16)}-${headers['Content-Encoding'] ?? 'id'}"`;
      if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(headers.ETag)) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const body = await readFile(send);
      res.writeHead(200, { ...headers, 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      const missing = e.code === 'ENOENT';
      res.writeHead(missing ? 404 : 500, { ...headers, 'Content-Type': 'text/plain' });
      res.end(missing ? 'not found\n' : 'server error\n');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => ok(server));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const port = Number(arg('--port', 8080));
  const trackingServer = arg('--tracking-server', undefined);
  const host = arg('--host', '127.0.0.1');
  Promise.resolve()
    .then(() => startServer({ port, host, root: arg('--root', undefined), trackingServer, isolation: !process.argv.includes('--no-isolation') }))
    .then(() => {
      console.log(`mlops-lab is served at http://${host}:${port}/  (Ctrl+C to stop)`);
      if (process.argv.includes('--no-isolation'))
        console.log('without COOP/COEP headers (--no-isolation): the lab runs its one-thread build, as on a host that cannot send them');
      if (trackingServer)
        console.log(`MLflow at ${trackingServer} is reachable through it (same origin): participants sync to this address`);
    })
    .catch((e) => {
      console.error(e.code === 'EADDRINUSE' ? `port ${port} is already in use; pass --port N` : String(e.message ?? e));
      process.exit(1);
    });
}
