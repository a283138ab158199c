// Writes NAME.gz and NAME.br (brotli, quality 11) beside each compressible file of a built site,
// as static hosts expect: the server then sends them without compressing per request
// (scripts/serve.mjs picks one by the request's Accept-Encoding). The .gz comes from Debian's
// zopfli when the machine has it (about 5% smaller than gzip -9, still plain gzip for every
// browser; what a host limited to gzip, like GitHub Pages, sends), else from zlib at level 9.
// Skips files whose compressed copies are already newer than they are.
// Usage: node scripts/precompress.mjs [site]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, readdir, stat, writeFile, rename } from 'node:fs/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const compressible = new Set(['.html', '.js', '.mjs', '.wasm', '.data', '.css', '.json', '.svg', '.csv', '.ttf', '.webmanifest']);

const zopfli = '/usr/bin/zopfli';

// One zopfli iteration: more take longer for a few hundred bytes (4 MB lab.wasm: --i1 5.8 s,
// --i5 7.8 s and 3 KB smaller).
function gzip(body) {
  if (!existsSync(zopfli)) return gzipSync(body, { level: 9 });
  // zopfli reads a file, not a pipe (it wants the size first).
  const dir = mkdtempSync(join(tmpdir(), 'lab-zopfli-'));
  try {
    const input = join(dir, 'in');
    writeFileSync(input, body);
    const z = spawnSync(zopfli, ['--i1', '-c', input], { maxBuffer: 1 << 30 });
    if (z.status !== 0) throw new Error(`zopfli failed: ${z.stderr}`);
    return z.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const encoders = {
  '.gz': gzip,
  '.br': (b) => brotliCompressSync(b, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: b.length },
  }),
};

async function mtime(path) {
  try { return (await stat(path)).mtimeMs; } catch { return -1; }
}

// Returns [{file, bytes, gz, br}] for every file compressed (or already up to date).
export async function precompress(root) {
  const out = [];
  for (const name of await readdir(root)) {
    if (!compressible.has(extname(name))) continue;
    const file = join(root, name);
    const info = await stat(file);
    if (!info.isFile()) continue;
    const row = { file: name, bytes: info.size };
    let body = null;
    for (const [ext, encode] of Object.entries(encoders)) {
      const target = file + ext;
      if ((await mtime(target)) < info.mtimeMs) {
        body ??= await readFile(file);
        const tmp = target + '.tmp';  // a server never sees a half-written copy
        await writeFile(tmp, encode(body));
        await rename(tmp, target);
      }
      row[ext.slice(1)] = (await stat(target)).size;
    }
    out.push(row);
  }
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(process.argv[2] ?? join(fileURLToPath(import.meta.url), '../../site'));
  const rows = await precompress(root);
  const total = (k) => rows.reduce((s, r) => s + r[k], 0);
  const mb = (n) => (n / 1048576).toFixed(2) + ' MB';
  console.log(`precompressed ${rows.length} files in ${root}: ${mb(total('bytes'))} -> gzip ${mb(total('gz'))}, brotli ${mb(total('br'))}`);
}
