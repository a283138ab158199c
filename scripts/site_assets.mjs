// Makes a built site/ installable and usable offline: writes the icons (drawn here, no third-party
// artwork), the web app manifest, and sw.js (web/sw.js with the version and file list filled in).
// The version is a content hash of the app's files, so any rebuild that changes one of them gives
// a new sw.js and the browser installs the new version. Run after the app and page are copied and
// before scripts/precompress.mjs (CMake's lab_site target does). Files are rewritten only when
// their bytes change, so precompress keeps its copies.
// Usage: node scripts/site_assets.mjs [site]
import { createHash } from 'node:crypto';
import { readFile, writeFile, rename, stat } from 'node:fs/promises';
import { deflateSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);
// The app's files, hashed into the version and cached by the worker.
export const appFiles = ['index.html', 'lab.js', 'lab.wasm', 'lab.data'];
// The threaded build's files (pthreads; the page loads them where it is cross-origin isolated),
// part of the site when the build made them. A browser downloads and keeps one of the two builds.
export const threadedFiles = ['lab-mt.js', 'lab-mt.wasm', 'lab-mt.data', 'lab-mt.worker.js'];
export const installFiles = ['manifest.webmanifest', 'icon.svg', 'icon-192.png', 'icon-512.png'];
const brand = { background: '#1c1f24', accent: '#3a7bd5' };

// ---- icons: a blue rounded square with three rising bars and a trend line --------------------
export function iconSvg() {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<rect width="64" height="64" rx="12" fill="${brand.accent}"/>
<rect x="13" y="36" width="9" height="16" rx="2" fill="#fff"/>
<rect x="27.5" y="27" width="9" height="25" rx="2" fill="#fff"/>
<rect x="42" y="17" width="9" height="35" rx="2" fill="#fff"/>
<path d="M12 30 L30 18 L52 10" stroke="#ffd166" stroke-width="4" fill="none" stroke-linecap="round"/>
</svg>
`;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
// The same picture as iconSvg, rasterised at size x size (RGBA PNG) with supersampled edges
// (4x4 per pixel for small icons, 2x2 for large ones, where edges are finer already).
export function iconPng(size) {
  const s = size / 64;
  const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const blue = rgb(brand.accent), white = [255, 255, 255], gold = [255, 209, 102];
  const inRound = (x, y, x0, y0, w, h, r) => {
    if (x < x0 || y < y0 || x > x0 + w || y > y0 + h) return false;
    const cx = Math.min(Math.max(x, x0 + r), x0 + w - r), cy = Math.min(Math.max(y, y0 + r), y0 + h - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const nearSegment = (x, y, [ax, ay], [bx, by], half) => {
    const t = Math.max(0, Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
    return (x - ax - t * (bx - ax)) ** 2 + (y - ay - t * (by - ay)) ** 2 <= half * half;
  };
  const line = [[12, 30], [30, 18], [52, 10]];
  const sample = (x, y) => {  // in the 64-unit picture: [r, g, b, a]
    if (!inRound(x, y, 0, 0, 64, 64, 12)) return [0, 0, 0, 0];
    if (nearSegment(x, y, line[0], line[1], 2) || nearSegment(x, y, line[1], line[2], 2)) return [...gold, 255];
    if (inRound(x, y, 13, 36, 9, 16, 2) || inRound(x, y, 27.5, 27, 9, 25, 2) || inRound(x, y, 42, 17, 9, 35, 2)) return [...white, 255];
    return [...blue, 255];
  };
  const n = size > 256 ? 2 : 4;  // samples per pixel along each axis
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;  // filter: none
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++)
        for (let sx = 0; sx < n; sx++) {
          const c = sample((px + (sx + 0.5) / n) / s, (py + (sy + 0.5) / n) / s);
          for (let i = 0; i < 3; i++) acc[i] += c[i] * c[3];
          acc[3] += c[3];
        }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      for (let i = 0; i < 3; i++) raw[o + i] = acc[3] ? Math.round(acc[i] / acc[3]) : 0;
      raw[o + 3] = Math.round(acc[3] / (n * n));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);  // 8-bit RGBA
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Relative URLs throughout, so the site works under any sub-path (/lab/ on GitHub Pages).
export function manifest() {
  return JSON.stringify({
    name: 'mlops-lab: a machine-learning workshop in your browser',
    short_name: 'mlops-lab',
    description: 'Train, track, register and serve models in a browser tab, online or offline.',
    start_url: './',
    scope: './',
    display: 'standalone',
    background_color: brand.background,
    theme_color: brand.background,
    icons: [
      { src: 'icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  }, null, 2) + '\n';
}

async function writeIfChanged(path, body) {
  const old = await readFile(path).catch(() => null);
  if (old && Buffer.compare(old, Buffer.from(body)) === 0) return false;
  await writeFile(path + '.tmp', body);
  await rename(path + '.tmp', path);
  return true;
}

const exists = (path) => stat(path).then(() => true, () => false);

// Which builds the site holds, each with its own files: {lab: [...], 'lab-mt': [...]}. The
// threaded build counts when its script is there; then all of its files must be.
export async function siteBuilds(root) {
  const builds = { lab: appFiles.slice(1) };
  if (await exists(join(root, threadedFiles[0]))) builds['lab-mt'] = threadedFiles;
  return builds;
}

// Every file the worker may keep: the page, each build's files, the install files.
const siteFiles = (builds) => ['index.html', ...Object.values(builds).flat(), ...installFiles];

// The version: sha256 over each cached file's name and bytes (first 16 hex digits).
export async function siteVersion(root, files) {
  files ??= siteFiles(await siteBuilds(root));
  const h = createHash('sha256');
  for (const f of files) {
    let body;
    try { body = await readFile(join(root, f)); } catch {
      throw new Error(`${join(root, f)} is missing: build the web app first (scripts/build.sh app)`);
    }
    h.update(f + '\0' + body.length + '\0').update(body);
  }
  return h.digest('hex').slice(0, 16);
}

export async function writeSiteAssets(root) {
  await writeIfChanged(join(root, 'icon.svg'), iconSvg());
  for (const n of [192, 512]) {
    const path = join(root, `icon-${n}.png`);
    // Drawing 512x512 with supersampling takes a moment: only when missing.
    if (!(await readFile(path).catch(() => null))) await writeIfChanged(path, iconPng(n));
  }
  await writeIfChanged(join(root, 'manifest.webmanifest'), manifest());
  const builds = await siteBuilds(root);
  const files = siteFiles(builds);
  const version = await siteVersion(root, files);
  const template = await readFile(join(here, '../../web/sw.js'), 'utf8');
  const sw = template.replace("'__LAB_VERSION__'", JSON.stringify(version)).replace('__LAB_FILES__', JSON.stringify(files))
    .replace('__LAB_BUILDS__', JSON.stringify(builds));
  await writeIfChanged(join(root, 'sw.js'), sw);
  return { version, files, builds: Object.keys(builds) };
}

if (process.argv[1] && resolve(process.argv[1]) === here) {
  const root = resolve(process.argv[2] ?? join(here, '../../site'));
  try {
    const { version, files, builds } = await writeSiteAssets(root);
    console.log(`site assets in ${root}: version ${version}, ${files.length} files, builds ${builds.join(' and ')}`);
  } catch (e) {
    console.error(String(e.message ?? e));
    process.exit(1);
  }
}
