// The resident pages' service worker, served at /s/sw.js with scope /s/. It lets a survey page
// that was opened once open again without a network: assets come from the cache (their names
// carry a content hash, so a cached one is never stale), pages from the network when it answers
// within a few seconds, else from the cache. Submissions are never touched here: the page keeps
// them on the phone and sends them itself (survey.js).
'use strict';
const ASSETS = 'skm-assets-v1', PAGES = 'skm-pages-v1', KEEP_PAGES = 12, PATIENCE = 8000;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(
  caches.keys()
    .then((names) => Promise.all(names.filter((n) => n !== ASSETS && n !== PAGES).map((n) => caches.delete(n))))
    .then(() => self.clients.claim()),
));

const trim = (cache) => cache.keys().then((keys) => Promise.all(keys.slice(0, Math.max(0, keys.length - KEEP_PAGES)).map((k) => cache.delete(k))));

const asset = (req) => caches.open(ASSETS).then((cache) => cache.match(req).then((hit) => hit || fetch(req).then((res) => {
  if (res.ok) cache.put(req, res.clone());
  return res;
})));

const page = (req) => caches.open(PAGES).then((cache) => {
  const network = fetch(req).then((res) => {
    if (res.ok) cache.put(req, res.clone()).then(() => trim(cache));
    return res;
  });
  const late = new Promise((resolve) => setTimeout(resolve, PATIENCE));
  const cached = (wait) => wait.then(() => cache.match(req)).then((hit) => hit || network);
  // The network's answer wins; the cached copy stands in when the network fails or is slow.
  return Promise.race([network.catch(() => cached(Promise.resolve())), cached(late)]);
});

self.addEventListener('fetch', (e) => {
  const req = e.request, url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== location.origin) return;
  if (url.pathname.startsWith('/static/')) e.respondWith(asset(req));
  else if (req.mode === 'navigate' && url.pathname.startsWith('/s/')) e.respondWith(page(req));
});
