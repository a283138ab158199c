// Serves the built site/ folder on http://127.0.0.1:PORT with the headers the lab needs:
// application/wasm (streaming compile) and COOP/COEP (cross-origin isolation, so threads can
// be turned on later). Usage: node scripts/serve.mjs [--port 8080] [--root site]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm', '.data': 'application/octet-stream', '.json': 'application/json',
  '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.csv': 'text/csv',
};

export function startServer({ port = 8080, host = '127.0.0.1', root } = {}) {
  const base = resolve(root ?? join(fileURLToPath(import.meta.url), '../../site'));
  const server = createServer(async (req, res) => {
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
    };
    try {
      const url = new URL(req.url, 'http://x');
      let path = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '');
      if (path === '' || path.endsWith('/')) path += 'index.html';
      const file = join(base, path);
      if (!file.startsWith(base)) throw Object.assign(new Error('outside root'), { code: 'ENOENT' });
      const info = await stat(file);
      if (!info.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
      const body = await readFile(file);
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
  startServer({ port, root: arg('--root', undefined) })
    .then(() => console.log(`mlops-lab is served at http://127.0.0.1:${port}/  (Ctrl+C to stop)`))
    .catch((e) => {
      console.error(e.code === 'EADDRINUSE' ? `port ${port} is already in use; pass --port N` : String(e));
      process.exit(1);
    });
}
