// Service worker: keeps the site usable without a network after one visit.
//
// Lives at the site root so that its scope covers every page. The build
// (overrides/hooks/offline_cache.py) rewrites the BUILD line below with a
// version derived from the built files and with the lists of files to keep:
//   shell  - theme and site scripts, stylesheets, images, search index:
//            cached when this worker installs;
//   engine - Pyodide and the calculator archive: cached when a page reports
//            that the calculator engine has started (never on guidance pages).
// Pages are cached as they are visited.
//
// Strategy: files whose URL changes with their content (the engine, the
// theme's hashed assets) are served from the cache first; everything else is
// fetched from the network first and falls back to the cache when offline, so
// an online visitor always sees the latest deploy.
"use strict";

const BUILD = { version: "unbuilt", shell: [], engine: [] };

const SCOPE = self.registration.scope;
const CACHE_PREFIX = `tune-or-prompt:${SCOPE}:`;
const CACHE = CACHE_PREFIX + BUILD.version;
const HASHED_ASSET = /\.[0-9a-f]{8}\.min\.(js|css)$/;

const absolute = (path) => new URL(path, SCOPE).href;
const ENGINE = new Set(BUILD.engine.map(absolute));

// Pages are stored without their query (the calculator mirrors its inputs
// into the query string) so that any shared link works offline.
function cacheKey(url) {
  const key = new URL(url);
  key.hash = "";
  if (isPage(key)) key.search = "";
  return key.href;
}

function isPage(url) {
  return url.pathname.endsWith("/") || url.pathname.endsWith(".html");
}

function isVersioned(url) {
  return ENGINE.has(url.origin + url.pathname) || HASHED_ASSET.test(url.pathname);
}

function cacheable(response) {
  return response.ok && response.type === "basic";
}

// Revalidate against the server (cheap when the browser already has the file)
// so that a new version never stores an older copy from the HTTP cache.
async function store(cache, url) {
  const key = cacheKey(url);
  if (await cache.match(key)) return;
  const response = await fetch(url, { cache: "no-cache" });
  if (!cacheable(response)) {
    throw new Error(`offline cache: ${url} answered ${response.status}`);
  }
  await cache.put(key, response);
}

async function storeAll(urls) {
  const cache = await caches.open(CACHE);
  await Promise.all(urls.map((url) => store(cache, url)));
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(cacheKey(request.url));
  if (hit) return hit;
  const response = await fetch(request);
  if (cacheable(response)) await cache.put(cacheKey(request.url), response.clone());
  return response;
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (cacheable(response)) await cache.put(cacheKey(request.url), response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(cacheKey(request.url));
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(storeAll(BUILD.shell.map(absolute)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (!url.href.startsWith(SCOPE) || url.href === absolute("sw.js")) return;
  event.respondWith(isVersioned(url) ? cacheFirst(request) : networkFirst(request));
});

// A page asks to keep what it used: { type: "keep", urls: [...], engine: bool }.
// The answer goes back through the message port: { ok, error }.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  const port = event.ports[0];
  if (data.type !== "keep" || !port) return;
  const urls = (Array.isArray(data.urls) ? data.urls : [])
    .map((url) => new URL(url, SCOPE))
    .filter((url) => url.href.startsWith(SCOPE))
    .map((url) => url.href);
  if (data.engine) urls.push(...ENGINE);
  event.waitUntil(
    storeAll([...new Set(urls)]).then(
      () => port.postMessage({ ok: true }),
      (error) => port.postMessage({ ok: false, error: String(error) }),
    ),
  );
});
