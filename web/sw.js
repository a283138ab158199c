// The lab's service worker: after the first visit the whole app comes from this cache, so the
// lab opens with no network (a presenter's offline demo, a room with bad Wi-Fi).
// scripts/site_assets.mjs writes site/sw.js from this file, filling in the version (a content
// hash of the app's files) and the file list. A new build changes this file's bytes, so the
// browser installs the new worker beside the old one; it waits until the page asks it to take
// over (the lab offers "Reload to update", never in the middle of a training run).
const VERSION = '__LAB_VERSION__';
const FILES = __LAB_FILES__;
const CACHE = 'mlops-lab-' + VERSION;
const scoped = (name) => new URL(name, self.registration.scope).href;

self.addEventListener('install', (event) => {
  // cache: 'no-cache' revalidates with the server (ETag: a 304 costs no body) so an old HTTP
  // cache entry never ends up in the new version.
  event.waitUntil(caches.open(CACHE).then((cache) =>
    cache.addAll(FILES.map((f) => new Request(scoped(f), { cache: 'no-cache' })))));
});

self.addEventListener('activate', (event) => {
  // Only now is the old version unused: drop its cache, then control the open pages.
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k.startsWith('mlops-lab-') && k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('message', (event) => {
  const msg = event.data || {};
  if (msg.type === 'version' && event.ports[0]) event.ports[0].postMessage({ version: VERSION });
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
