// The lab's service worker: after the first visit the whole app comes from this cache, so the
// lab opens with no network (a presenter's offline demo, a room with bad Wi-Fi).
// scripts/site_assets.mjs writes site/sw.js from this file, filling in the version (a content
// hash of the app's files) and the file list. A new build changes this file's bytes, so the
// browser installs the new worker beside the old one; it waits until the page asks it to take
// over (the lab offers "Reload to update", never in the middle of a training run).
const VERSION = '__LAB_VERSION__';
const FILES = __LAB_FILES__;
// The app comes in two builds (lab: one thread; lab-mt: WebAssembly threads, for pages that are
// cross-origin isolated). A browser runs one of them, so the worker keeps that one's files only:
// the page names its build when it asks for the version, and an update keeps the builds the
// previous version held. Every other file is common to both.
const BUILDS = __LAB_BUILDS__;
const COMMON = FILES.filter((f) => !Object.values(BUILDS).some((files) => files.includes(f)));
const CACHE = 'mlops-lab-' + VERSION;
const scoped = (name) => new URL(name, self.registration.scope).href;
// cache: 'no-cache' revalidates with the server (ETag: a 304 costs no body) so an old HTTP
// cache entry never ends up in the new version.
const store = (cache, files) => cache.addAll(files.map((f) => new Request(scoped(f), { cache: 'no-cache' })));

// The builds an older version of the lab kept in this browser (its cache holds the build's wasm).
async function heldBuilds() {
  const held = new Set();
  for (const key of await caches.keys()) {
    if (!key.startsWith('mlops-lab-') || key === CACHE) continue;
    const old = await caches.open(key);
    for (const [build, files] of Object.entries(BUILDS))
      if (await old.match(scoped(files.find((f) => f.endsWith('.wasm'))))) held.add(build);
  }
  return [...held];
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await store(cache, [...COMMON, ...(await heldBuilds()).flatMap((b) => BUILDS[b])]);
  })());
});

// A build's files, cached once (the page asks again until it is answered).
const ensuring = {};
function ensureBuild(build) {
  if (!BUILDS[build]) return Promise.resolve();
  ensuring[build] ??= caches.open(CACHE).then(async (cache) => {
    const missing = [];
    for (const f of BUILDS[build]) if (!(await cache.match(scoped(f)))) missing.push(f);
    await store(cache, missing);
  }).catch((e) => { delete ensuring[build]; throw e; });
  return ensuring[build];
}

self.addEventListener('activate', (event) => {
  // Only now is the old version unused: drop its cache, then control the open pages.
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('mlops-lab-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  const msg = event.data || {};
  // The answer means "this version works offline for your build": only once its files are kept.
  if (msg.type === 'version' && event.ports[0]) {
    const port = event.ports[0];
    event.waitUntil(ensureBuild(msg.build || 'lab').then(() => port.postMessage({ version: VERSION }),
      (e) => port.postMessage({ version: VERSION, problem: 'the offline copy could not be stored: ' + e })));
  }
  if (msg.type === 'take-over') self.skipWaiting();
});

// Cache first for the app's own files (the page itself for any navigation inside the scope,
// whatever its #/route or ?query); everything else (the room's MLflow) goes to the network.
self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || !req.url.startsWith(self.registration.scope)) return;
  const path = req.url.slice(self.registration.scope.length).split(/[?#]/)[0];
  const name = req.mode === 'navigate' && (path === '' || path === 'index.html') ? 'index.html' : path;
  if (!FILES.includes(name)) return;
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(scoped(name)))
    .then((hit) => hit || fetch(req)));
});
