// Service worker: keeps the site usable without a network after one visit,
// and across deploys.
//
// Lives at the site root so that its scope covers every page. The build
// (sitebuild/offline.py) rewrites the BUILD line below with a
// version derived from the built files and with the lists of files to keep:
//   pages     - every HTML page: cached when this worker installs;
//   offline   - the page shown for an address with no saved copy, offline;
//   shell     - theme and site scripts, stylesheets, images, search index:
//               cached when this worker installs;
//   versioned - the engine's folders, whose file URLs change with their
//               content (assets/pyodide/<version>/, assets/calculator/);
//   engine    - every file in those folders: cached when a page reports that
//               the calculator engine has started (never on guidance pages).
//
// A deploy: the new worker fills a new cache with every page and the shell,
// and, when an older cache held the engine, with the engine too, copying each
// versioned file whose URL did not change from the older cache instead of
// downloading it again. Only once all of that is stored (installation
// succeeded) does it take over and delete the older caches. If anything fails,
// the installation fails and the previous worker and its cache stay.
//
// Requests: versioned files (the engine, the theme's hashed assets) come from
// the cache first; everything else from the network first, falling back to
// the cache when offline, so an online visitor always sees the latest deploy.
// A page with no saved copy, offline, gets the offline page.
"use strict";

const BUILD = { version: "unbuilt", pages: [], offline: "", shell: [], versioned: [], engine: [], starts: {} };

const SCOPE = self.registration.scope;
const CACHE_PREFIX = `tune-or-prompt:${SCOPE}:`;
const CACHE = CACHE_PREFIX + BUILD.version;
const HASHED_ASSET = /\.[0-9a-f]{8}\.min\.(js|css)$/;

const absolute = (path) => new URL(path, SCOPE).href;
const PAGES = new Set(BUILD.pages.map(absolute));
const OFFLINE_PAGE = absolute(BUILD.offline);
const ENGINE = BUILD.engine.map(absolute);
// The files each way to start the engine downloads (calculator-worker.js):
// after a start, only that start's files are kept.
const STARTS = new Map(Object.entries(BUILD.starts || {}).map(([start, files]) =>
  [start, files.map(absolute)]));
const ENGINE_DIRS = BUILD.versioned.map(absolute);

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

function inEngineFolder(href) {
  return ENGINE_DIRS.some((folder) => href.startsWith(folder));
}

function isVersioned(url) {
  return inEngineFolder(url.origin + url.pathname) || HASHED_ASSET.test(url.pathname);
}

function cacheable(response) {
  return response.ok && response.type === "basic";
}

// The caches of earlier deploys of this site, newest first.
async function olderCaches() {
  const names = (await caches.keys()).filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE);
  return Promise.all(names.reverse().map((name) => caches.open(name)));
}

// A versioned file an older cache already holds: same URL, same bytes.
async function carried(key, older) {
  if (!isVersioned(new URL(key))) return null;
  for (const cache of older) {
    const hit = await cache.match(key);
    if (hit) return hit;
  }
  return null;
}

// Revalidate against the server (cheap when the browser already has the file)
// so that a new version never stores an older copy from the HTTP cache.
async function download(url) {
  const response = await fetch(url, { cache: "no-cache" });
  if (!cacheable(response)) {
    const error = new Error(`offline cache: ${url} answered ${response.status}`);
    error.status = response.status;
    throw error;
  }
  return url.endsWith(".bin.gz") ? decoded(response) : response;
}

// The engine's memory snapshot is kept decoded (12 MB instead of 4.7): a
// returning reader's start then reads it as is instead of decompressing it
// (0.75 s against 0.86 s for that start, README "Performance"). The worker
// takes either form (it looks for gzip's magic bytes).
async function decoded(response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.delete("Content-Length");
  headers.delete("Content-Encoding");
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return new Response(bytes, { headers });
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(await new Response(stream).arrayBuffer(), { headers });
}

async function store(cache, url, older = []) {
  const key = cacheKey(url);
  if (await cache.match(key)) return;
  await cache.put(key, (await carried(key, older)) || (await download(url)));
}

// The files of this version's start an older cache's engine file belongs to:
// the start whose own file (held by no other start) it is, the snapshot start
// for a file no longer served (a changed snapshot, say), none for a shared one.
function carriedStart(href) {
  const holders = [...STARTS].filter(([, files]) => files.includes(href));
  if (holders.length === 1) return holders[0][1];
  if (holders.length > 1) return [];
  return STARTS.get("snapshot") || ENGINE;
}

// What the new cache must hold before the older ones may go: every page, the
// shell, the offline page; the engine if an older cache had one (this
// version's files); and whatever else an older cache kept that this deploy
// still serves (a file the deploy removed answers 404 and is left behind).
async function install() {
  const cache = await caches.open(CACHE);
  const older = await olderCaches();
  const required = new Set([...BUILD.pages, ...BUILD.shell, BUILD.offline].map(absolute));
  const optional = new Set();
  for (const old of older) {
    for (const request of await old.keys()) {
      const href = request.url;
      if (inEngineFolder(href)) {
        for (const file of carriedStart(href)) required.add(file);
      } else if (!required.has(href) && !isVersioned(new URL(href))) {
        optional.add(href);
      }
    }
  }
  try {
    await Promise.all([
      ...[...required].map((url) => store(cache, url, older)),
      ...[...optional].filter((url) => !required.has(url)).map((url) =>
        store(cache, url, older).catch((error) => {
          if (error.status !== 404 && error.status !== 410) throw error;
        }),
      ),
    ]);
  } catch (error) {
    // The previous worker and its cache stay; a half-filled cache would only
    // take up space until the next attempt.
    await caches.delete(CACHE);
    throw error;
  }
}

// This worker's cache, or null once a newer worker has taken over and
// deleted it. caches.open() would create it again, and an older worker still
// answering a request or a "keep" message after the handover would bring a
// deleted cache back for good; so everything after installation goes
// through here.
async function ownCache() {
  return (await caches.has(CACHE)) ? caches.open(CACHE) : null;
}

// Engine files are kept only when a page asks ("keep", below), and then only
// the files of the start a returning reader makes: a start this visit made
// another way (a slow line's trimmed library, say) is not stored beside it.
async function cacheFirst(request) {
  const cache = await ownCache();
  const hit = cache && (await cache.match(cacheKey(request.url)));
  if (hit) return hit;
  const response = await fetch(request);
  const url = new URL(request.url);
  if (cache && cacheable(response) && !inEngineFolder(url.origin + url.pathname)) {
    await cache.put(cacheKey(request.url), response.clone());
  }
  return response;
}

async function networkFirst(request) {
  const cache = await ownCache();
  try {
    const response = await fetch(request);
    if (cache && cacheable(response)) await cache.put(cacheKey(request.url), response.clone());
    return response;
  } catch (error) {
    const hit = cache && (await cache.match(cacheKey(request.url)));
    if (hit) return hit;
    throw error;
  }
}

async function offlinePage(error) {
  const cache = await ownCache();
  const hit = cache && (await cache.match(OFFLINE_PAGE));
  if (!hit) throw error;
  return new Response(hit.body, { status: 503, statusText: "Offline", headers: hit.headers });
}

self.addEventListener("install", (event) => {
  event.waitUntil(install().then(() => self.skipWaiting()));
});

// Reached only after install() stored everything: the older caches may go.
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
  const answer = isVersioned(url) ? cacheFirst(request) : networkFirst(request);
  event.respondWith(request.mode === "navigate" ? answer.catch(offlinePage) : answer);
});

// A waiting version asks to take over once more: { type: "skip-waiting" }.
// It already asked while installing, but Chromium hands over only once the
// older version falls idle, and hurries it along only if it was running when
// the request came; an older version that was starting up then can hold on
// for minutes (for good while developer tools are attached), with the older
// caches kept. The page repeats the request whenever it sees a version
// waiting, and holds its own messages back until the handover (offline.js).
self.addEventListener("message", (event) => {
  if ((event.data || {}).type === "skip-waiting") event.waitUntil(self.skipWaiting());
});

// A page asks to keep what it used: { type: "keep", urls: [...], engine }, engine
// false, or the start the engine made ("snapshot", "trimmed", "normal": its
// files only), or true (every engine file).
// Only this build's pages are kept as pages: the address of a missing page
// (the 404 page shows there) is not one. The answer goes back through the
// message port: { ok, error, version }, version naming the deploy that kept
// them.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  const port = event.ports[0];
  if (data.type !== "keep" || !port) return;
  const urls = (Array.isArray(data.urls) ? data.urls : [])
    .map((url) => new URL(url, SCOPE))
    .filter((url) => url.href.startsWith(SCOPE))
    .filter((url) => !isPage(url) || PAGES.has(cacheKey(url)))
    .map((url) => url.href);
  if (data.engine) urls.push(...(STARTS.get(String(data.engine)) || ENGINE));
  event.waitUntil(
    (async () => {
      const cache = await ownCache();
      if (!cache) throw new Error("offline cache: a newer version has taken over");
      await Promise.all([...new Set(urls)].map((url) => store(cache, url)));
    })().then(
      () => port.postMessage({ ok: true, version: BUILD.version }),
      (error) => port.postMessage({ ok: false, error: String(error), version: BUILD.version }),
    ),
  );
});
