// The calculator's engine: Pyodide in a module worker, so the page never blocks.
//
// Protocol (all messages are plain objects):
//   page -> worker  {type: "init", dataset, baseUrl}                     once
//                       dataset: #calculator's data attributes as the build wrote them
//                       (pyodide, archive, snapshot, noStdlib, trimmedStdlib, siteUrl,
//                       pagePrefix, engineFiles and, for tests and embedders,
//                       engineStart); baseUrl: the page's address, which relative
//                       URLs resolve against. Mapped here, once, so the two page
//                       scripts that may start the worker send the same message.
//                       engineStart: "snapshot" | "trimmed" | "normal" skips the line test;
//                       engineFiles: {start: [[name, bytes, bytes sent], ...]} (the build's figures)
//                   {type: "compute", id, query}                        any time
//   worker -> page  {type: "progress", stage, loaded, total, offline}
//                       stage: "runtime" | "package"; loaded and total: bytes sent by a
//                       compressing host, estimated from the bytes received so far;
//                       offline: the start reads its files from the offline copy, so
//                       nothing is downloading
//                   {type: "ready", boot, fallback, line}
//                       boot: "snapshot" | "trimmed" | "normal"; fallback: why the
//                       snapshot was not used; line: measured bytes/s (-1: cache-fast)
//                   {type: "failed", failure}    the engine cannot start or broke;
//                       failure: {code, file, status, detail} (see calculator-failures.js)
//                   {type: "result", id, result} result: calculator.web.compute's dict
//   performance marks (in the worker's own timeline, for scripts/bench_site.py and
//   anyone profiling a start): engine:init, engine:chose-<start>, engine:loader,
//   engine:runtime, engine:wasm-compiled, engine:snapshot-bytes (its image whole),
//   engine:wasm-instantiated, engine:booted, engine:unpacked, engine:imported,
//   engine:answered
//
// Three ways to start, chosen by the line. Every start needs the WebAssembly
// (3.6 MB sent), so it is downloaded (and compiled as it arrives) first, and
// the line's speed measured on it and the lock file. On a slow line, boot
// Pyodide from the library the build made ("trimmed": the standard library
// cut down to what the calculator loads, and the calculator itself, all
// compiled: 1.7 MB, nothing to compile, no archive). On a fast line, or from
// the offline copy, restore the memory snapshot the build made (Pyodide with
// the calculator already imported; see sitebuild/engine.py): no boot and no
// import before the first result, but 3 MB more to download, which only a
// fast line repays. It ships packed (calculator-snapshot.js unpacks it with
// the WebAssembly's bytes). "normal" is the same boot with Pyodide's full
// standard library and the calculator archive, the fallback of the other two.
// The snapshot is an underscore API of the pinned Pyodide, so anything wrong
// with it (missing, damaged, made by another Pyodide build, lacking a module)
// falls back to the normal boot; only a failure of the files every way needs
// ends the start.
//
// Every engine file's HTTP status is checked as it arrives, so a missing or
// unreachable file fails the start at once, by name, instead of leaving
// Pyodide waiting. Relative URLs in the init message resolve against the
// page's address (baseUrl), so the worker runs however it is created. A
// returning reader's engine files are read from the offline copy (sw.js)
// directly.
//
// No decision logic lives here: the same Python package computes at build
// time, in the tests and in this worker. Everything is fetched from the site's
// own origin; nothing is installed at run time (no micropip, no loadPackage).

const PACKAGE_DIR = "/home/pyodide/tune-or-prompt";
// Bytes per second (as sent) from which the snapshot start is the faster one:
// its 3 MB more to download then cost less than the boot it saves (0.5 s on
// a quiet 2-core machine, more on a busy one or a phone). About 64 Mbit/s: on
// localhost (measured at 14 MB/s) the snapshot start took 1.2 s and the
// trimmed one 1.7 s; at 40 Mbit/s (measured at 5 to 6 MB/s) the trimmed one
// took 2.4 s and the snapshot 2.7 s (measured 2026-12-05, README "Performance");
// scripts/bench_site.py --network measures both.
const FAST_LINE = 8e6;
// The line is measured on the first bytes of the WebAssembly and the lock
// file: until this many bytes (as sent) have arrived after the first, or this
// long has passed. A smaller sample reads a fast line's jitter as its speed
// (400 KB read a local server as anything from 3.6 to 14 MB/s); a slow line
// loses nothing by the wait, as the WebAssembly alone keeps it busy.
const MEASURE_BYTES = 1_500_000;
const MEASURE_MS = 1200;
const MEASURE_CAP_MS = 4000;
const GZIP_MAGIC = [0x1f, 0x8b];

// Defined once in Python; the page's query is passed as an argument, never
// pasted into source code. After a snapshot restore the import is a lookup in
// sys.modules: the snapshot holds every module of the package.
const ENTRY_POINT = `
import json
import sys

if ${JSON.stringify(PACKAGE_DIR)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(PACKAGE_DIR)})
from calculator.web import compute as _compute


def _answer(query, site_url, page_prefix):
    return json.dumps(_compute(query, site_url, page_prefix))


_answer
`;

// Why the engine could not start, for the page to explain (calculator-failures.js).
class EngineFailure extends Error {
  constructor(code, { file = "", status = 0, detail = "" } = {}) {
    super(detail || code);
    this.code = code;
    this.file = file;
    this.status = status;
    this.detail = detail || code;
  }

  toMessage() {
    return { code: this.code, file: this.file, status: this.status, detail: this.detail };
  }
}

let settings = null;
let engine = null; // Promise<{answer(query) -> dict, boot}>

function describe(error) {
  return String((error && (error.stack || error.message)) || error || "unknown error");
}

function fileName(url) {
  return decodeURIComponent(new URL(url).pathname.split("/").pop());
}

// --- watching the engine's downloads -----------------------------------------

const nativeFetch = self.fetch.bind(self);
const watchedPrefixes = [];
let tripFailure = null;
// Rejects the moment an engine file answers with an error status or cannot be
// reached; boots race against it.
const tripwire = new Promise((_, reject) => {
  tripFailure = reject;
});
tripwire.catch(() => {}); // reported through the race

function watched(url) {
  return watchedPrefixes.some((prefix) => url.startsWith(prefix));
}

function requestUrl(input) {
  const raw = typeof input === "string" || input instanceof URL ? String(input) : input.url;
  try {
    return new URL(raw, settings?.baseUrl || self.location.href).href;
  } catch {
    return raw; // not resolvable here (a blob: worker): left to fetch itself
  }
}

// Downloads the worker started before Pyodide asked for them (the WebAssembly,
// to measure the line): handed over once, to Pyodide's own request.
const handoff = new Map();

self.fetch = async function checkedFetch(input, options) {
  const url = requestUrl(input);
  if (handoff.has(url)) {
    const early = handoff.get(url);
    handoff.delete(url);
    return early;
  }
  let response;
  let offline = null;
  try {
    offline = watched(url) ? await offlineResponse(url) : null;
    response = offline || await nativeFetch(input, options);
  } catch (error) {
    if (watched(url)) {
      tripFailure(new EngineFailure("network", {
        file: fileName(url), detail: `GET ${url} failed: ${describe(error)}`,
      }));
    }
    throw error;
  }
  if (watched(url) && !response.ok) {
    tripFailure(new EngineFailure("http", {
      file: fileName(url), status: response.status,
      detail: `GET ${url} answered HTTP ${response.status}`,
    }));
  }
  if (offline) {
    countOffline(fileName(url));
  } else if (watched(url) && response.ok && response.body) {
    countBody(fileName(url), response.clone());
  }
  return response;
};

// --- download progress ---------------------------------------------------------
//
// Bytes received per engine file, reported against the build's figures for the
// start under way (init.files): a file's share of the total is what a
// compressing host sends for it, so the page can say how much is left.

const received = new Map();
let progressStart = "snapshot";
let progressStage = "runtime";
let progressOffline = false; // the start's own file (snapshot or library) is on this machine
let progressTimer = 0;

function progressFigures() {
  const files = settings?.files?.[progressStart] || [];
  let loaded = 0;
  let total = 0;
  for (const [name, bytes, sent] of files) {
    total += sent;
    loaded += sent * Math.min(1, (received.get(name) || 0) / Math.max(1, bytes));
  }
  return { loaded: Math.round(loaded), total };
}

function reportProgress(stage = progressStage, now = false) {
  progressStage = stage;
  if (progressTimer && !now) return;
  clearTimeout(progressTimer);
  progressTimer = setTimeout(() => {
    progressTimer = 0;
  }, 120);
  self.postMessage({ type: "progress", stage, ...progressFigures(), offline: progressOffline });
}

const lineWatchers = new Set();

function countBytes(name, count, done = false) {
  received.set(name, (received.get(name) || 0) + count);
  for (const watcher of lineWatchers) watcher(name, done);
  reportProgress();
}

// The line's speed in bytes per second as sent, from the engine files under
// way (the WebAssembly and the lock file; `ratios`: name -> the share of the
// bytes received a compressing host sends). All of them, as they share the
// line: the speed of one alone varies with what else is downloading.
function lineSpeed(ratios) {
  const sent = () => {
    let total = 0;
    for (const [name, ratio] of ratios) total += (received.get(name) || 0) * ratio;
    return total;
  };
  return new Promise((resolve) => {
    let first = 0;
    let firstBytes = 0;
    const settle = () => {
      lineWatchers.delete(watch);
      clearTimeout(cap);
      const ms = performance.now() - first;
      if (!first) resolve(0);
      else resolve(ms < 1 ? Infinity : (sent() - firstBytes) / (ms / 1000));
    };
    const watch = (which, done) => {
      if (!ratios.has(which)) return;
      const now = performance.now();
      if (!first) {
        first = now;
        firstBytes = sent();
        if (!done) return;
      }
      if ((done && which === "pyodide.asm.wasm") || sent() - firstBytes >= MEASURE_BYTES
        || now - first >= MEASURE_MS) settle();
    };
    const cap = setTimeout(settle, MEASURE_CAP_MS);
    lineWatchers.add(watch);
  });
}

function markReceived(name) {
  const file = (settings?.files?.[progressStart] || []).find((row) => row[0] === name);
  if (file) received.set(name, Math.max(received.get(name) || 0, file[1]));
}

// A file from the offline copy is on this machine already: counted whole at
// once, instead of reading a third copy of it (the WebAssembly's 9.6 MB) only
// to count it, while the start needs every processor it has.
function countOffline(name) {
  const row = Object.values(settings?.files || {}).flat().find((file) => file[0] === name);
  countBytes(name, row ? row[1] : 0, true);
}

async function countBody(name, copy) {
  try {
    const reader = copy.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        countBytes(name, 0, true);
        break;
      }
      countBytes(name, value.length);
    }
  } catch {
    // The download itself reports its failure.
  }
}

// Pyodide only logs a failed WebAssembly start and then waits forever: trip
// the wire instead. A host that sends the wrong MIME type for .wasm breaks
// only the streaming compile, so that case compiles from the bytes instead.
//
// The WebAssembly is compiled from the moment its download starts (as it
// arrives: compileEarly), not from when Pyodide asks for it, which is only
// once its JavaScript runtime has loaded and the start is chosen. Pyodide's
// instantiateStreaming then instantiates the module compiled for that response.
const compiledFor = new WeakMap(); // Response -> Promise<WebAssembly.Module>

// A copy from the offline cache may have no URL of its own: the wasm's then.
function wasmFailure(response, error) {
  const url = response.url || `${settings?.pyodideBase || ""}pyodide.asm.wasm`;
  if (watched(url)) {
    tripFailure(new EngineFailure("corrupt", {
      file: fileName(url), detail: `${url}: ${describe(error)}`,
    }));
  }
}

async function compiledModule(response) {
  const spare = response.clone();
  try {
    return await WebAssembly.compileStreaming(response);
  } catch (error) {
    if (!(error instanceof TypeError && /MIME/i.test(String(error.message)))) throw error;
    return WebAssembly.compile(await spare.arrayBuffer());
  }
}

// Starts compiling the WebAssembly `download` (a promise of its response)
// brings. Resolves to a copy of the response (null if there is none), whose
// bytes a snapshot start needs; a start without the snapshot cancels it.
function compileEarly(download) {
  return download.then((response) => {
    if (!response.ok) return null; // the tripwire has the status
    const copy = response.clone();
    if (typeof WebAssembly.compileStreaming === "function") {
      const module = compiledModule(response);
      module.then(() => performance.mark("engine:wasm-compiled"), () => {});
      module.catch((error) => wasmFailure(response, error));
      compiledFor.set(response, module);
    }
    return copy;
  }, () => null);
}

if (typeof WebAssembly === "object" && typeof WebAssembly.instantiateStreaming === "function") {
  const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
  WebAssembly.instantiateStreaming = async function checkedInstantiate(source, imports) {
    const response = await source;
    const early = compiledFor.get(response);
    if (early) {
      try {
        const module = await early;
        const instance = await WebAssembly.instantiate(module, imports);
        performance.mark("engine:wasm-instantiated");
        return { module, instance };
      } catch (error) {
        wasmFailure(response, error);
        throw error;
      }
    }
    const spare = response.clone();
    try {
      const made = await instantiateStreaming(response, imports);
      performance.mark("engine:wasm-instantiated");
      return made;
    } catch (error) {
      let final = error;
      if (error instanceof TypeError && /MIME/i.test(String(error.message))) {
        try {
          return await WebAssembly.instantiate(await spare.arrayBuffer(), imports);
        } catch (retryError) {
          final = retryError;
        }
      }
      wasmFailure(response, final);
      throw final;
    }
  };
}

function raceTripwire(promise) {
  return Promise.race([promise, tripwire]);
}

// A failed module import says nothing about why: ask the server.
async function importFailure(url, error) {
  try {
    const response = await nativeFetch(url, { cache: "force-cache" });
    if (!response.ok) {
      return new EngineFailure("http", {
        file: fileName(url), status: response.status,
        detail: `GET ${url} answered HTTP ${response.status}`,
      });
    }
  } catch (fetchError) {
    return new EngineFailure("network", {
      file: fileName(url), detail: `GET ${url} failed: ${describe(fetchError)}`,
    });
  }
  return new EngineFailure("corrupt", {
    file: fileName(url), detail: `${url} could not run: ${describe(error)}`,
  });
}

// Which of Pyodide's files an error while booting points at.
async function bootFailure(error, base) {
  if (error instanceof EngineFailure) return error;
  const text = describe(error);
  const failedImport = /dynamically imported module:?\s*(\S+)/.exec(text);
  if (failedImport) return importFailure(failedImport[1], error);
  let file = "";
  if (typeof WebAssembly === "object" && (error instanceof WebAssembly.CompileError
    || error instanceof WebAssembly.LinkError || /WebAssembly|wasm/i.test(text))) {
    file = "pyodide.asm.wasm";
  } else if (/JSON/.test(text)) {
    file = "pyodide-lock.json";
  } else if (/exit\(|ExitStatus|zipimport|stdlib|encodings/i.test(text)) {
    file = "python_stdlib.zip";
  } else if (error instanceof SyntaxError || /pyodide\.asm\.mjs|createPyodideModule/.test(text)) {
    file = "pyodide.asm.mjs";
  }
  if (!file) return new EngineFailure("unknown", { detail: text });
  return new EngineFailure("corrupt", { file, detail: `${base}${file}: ${text}` });
}

// --- the two ways to start ----------------------------------------------------

// The snapshot's bytes as they arrive, decoded: whether the host sent the file
// as is (gzip, decoded here) or decoded it already (Content-Encoding: gzip).
// The first chunk tells which case this is, and is then played back in front
// of the rest.
async function snapshotStream(response, url) {
  if (response.type === "default" && !response.url) {
    return response.body; // the copy the offline cache keeps, decoded (sw.js): nothing to count
  }
  const name = fileName(url);
  const reader = response.body.getReader();
  const first = await reader.read();
  const head = first.value || new Uint8Array(0);
  countBytes(name, head.length);
  const body = new ReadableStream({
    start(controller) {
      if (head.length) controller.enqueue(head);
      if (first.done) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) {
        controller.close();
      } else {
        countBytes(name, next.value.length);
        controller.enqueue(next.value);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  const gzipped = head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  return gzipped ? body.pipeThrough(new DecompressionStream("gzip")) : body;
}

// The snapshot unpacked as it arrives (calculator-snapshot.js): `sized`
// resolves to its image as soon as the header has come (zeros still, at its
// full size, which is all Pyodide needs to instantiate), `whole` to the same
// image once every byte is in and the WebAssembly's memory is XORed in. So the
// reading, the unpacking and Pyodide's instantiation overlap instead of
// following one another. Chunks that arrive before the unpacker has loaded
// wait for it.
function unpackedSnapshot(download, wasmBytes, unpackerModule, url) {
  let sized;
  const size = new Promise((resolve) => {
    sized = resolve;
  });
  const whole = (async () => {
    const response = await download;
    if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
    const reader = (await snapshotStream(response, url)).getReader();
    let unpacker = null;
    let mixing = null;
    const early = [];
    const take = (chunk) => {
      unpacker.push(chunk);
      if (unpacker.image && !mixing) {
        sized(unpacker.image);
        mixing = wasmBytes.then((wasm) => unpacker.mix(new Uint8Array(wasm)));
        mixing.catch(() => {}); // awaited below
      }
    };
    const loaded = unpackerModule.then(({ SnapshotUnpacker }) => {
      unpacker = new SnapshotUnpacker();
      early.splice(0).forEach(take);
    });
    loaded.catch(() => {}); // awaited below
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (unpacker) take(value);
      else early.push(value);
    }
    await loaded;
    await mixing;
    return unpacker.finish(new Uint8Array(await wasmBytes));
  })();
  return { sized: Promise.race([size, whole]), whole };
}

function entryPoint(pyodide) {
  const answer = pyodide.runPython(ENTRY_POINT);
  return (query) => JSON.parse(answer(query, settings.siteUrl, settings.pagePrefix));
}

async function importModule(url) {
  try {
    const module = await import(url);
    markReceived(fileName(url));
    return module;
  } catch (error) {
    throw await importFailure(url, error);
  }
}

function importLoader(base) {
  return importModule(`${base}pyodide.mjs`);
}

// What every start needs besides the WebAssembly, fetched before Pyodide asks:
// its lock file at once, its JavaScript runtime (1.2 MB to compile) as soon as
// the start is chosen. Handed to loadPyodide, which then fetches neither.
let prefetched = null;

function prefetch(base) {
  const lock = self.fetch(`${base}pyodide-lock.json`).then((response) => response.json());
  lock.catch(() => {}); // a bad status trips the wire; Pyodide awaits the rest
  prefetched = { base, runtime: null, lock };
}

// The runtime once the start is chosen: imported earlier, it would share the
// line with the downloads the line is measured on, without being counted.
function prefetchRuntime() {
  if (!prefetched || prefetched.runtime) return;
  prefetched.runtime = importModule(`${prefetched.base}pyodide.asm.mjs`);
  prefetched.runtime.then(() => performance.mark("engine:runtime"), () => {});
  prefetched.runtime.catch(() => {}); // awaited by the start
}

// loadPyodide's options for `init`, with the prefetched files if any.
async function pyodideOptions(init, extra) {
  const options = { indexURL: init.pyodideBase, packageBaseUrl: init.pyodideBase, ...extra };
  if (prefetched && prefetched.base === init.pyodideBase) {
    prefetchRuntime();
    options.createPyodideModule = (await raceTripwire(prefetched.runtime)).default;
    options.lockFileContents = prefetched.lock;
  }
  return options;
}

// `snapshot`: unpackedSnapshot's promises. Pyodide instantiates its
// WebAssembly once the image's size is known, and the module is handed back
// only once the image is whole: Pyodide restores it right after.
async function bootFromSnapshot(loader, init, snapshot) {
  const options = await pyodideOptions(init, {
    stdLibURL: init.noStdlibUrl, _loadSnapshot: snapshot.sized,
  });
  const create = options.createPyodideModule
    || (await raceTripwire(importModule(`${init.pyodideBase}pyodide.asm.mjs`))).default;
  options.createPyodideModule = async (moduleSettings) => {
    const [module] = await Promise.all([create(moduleSettings), snapshot.whole]);
    return module;
  };
  const pyodide = await raceTripwire(loader.loadPyodide(options));
  performance.mark("engine:booted");
  return { answer: entryPoint(pyodide), boot: "snapshot" };
}

// `stdLibURL`: the trimmed library ("trimmed": the standard library the
// calculator loads and the calculator package, all compiled, so nothing else
// to fetch), or Pyodide's own ("normal", with the package's archive unpacked).
async function bootNormally(loader, init, stdLibURL = "") {
  const boot = stdLibURL ? "trimmed" : "normal";
  progressStart = boot;
  if (!stdLibURL) progressOffline = false; // the full library and the archive download
  // The package downloads while Pyodide boots, so it adds next to nothing.
  const archive = stdLibURL ? null
    : fetch(init.archiveUrl).then((response) => response.arrayBuffer());
  archive?.catch(() => {}); // a bad status trips the wire; anything else is awaited below
  let pyodide;
  try {
    const options = await pyodideOptions(init, stdLibURL ? { stdLibURL } : {});
    pyodide = await raceTripwire(loader.loadPyodide(options));
  } catch (error) {
    throw await bootFailure(error, init.pyodideBase);
  }
  markReceived("pyodide.asm.mjs");
  performance.mark("engine:booted");
  reportProgress("package", true);
  try {
    if (archive) {
      pyodide.unpackArchive(await raceTripwire(archive), "zip", { extractDir: PACKAGE_DIR });
    }
    performance.mark("engine:unpacked");
    const ready = { answer: entryPoint(pyodide), boot };
    performance.mark("engine:imported");
    return ready;
  } catch (error) {
    if (error instanceof EngineFailure) throw error;
    const file = archive ? init.archiveUrl : stdLibURL;
    throw new EngineFailure("corrupt", { file: fileName(file), detail: `${file}: ${describe(error)}` });
  }
}

// The site's offline copy of an engine file (sw.js), read here directly: a
// returning reader's 13 to 25 MB then come straight from the cache, not through
// the service worker's fetch handler. Every engine URL is versioned, so any
// cache's copy is the right one.
async function offlineResponse(url) {
  try {
    return (typeof caches === "object" && (await caches.match(url))) || null;
  } catch {
    return null;
  }
}

async function boot(init) {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    throw new EngineFailure("no-webassembly", { detail: "WebAssembly is not available" });
  }
  watchedPrefixes.push(init.pyodideBase, init.archiveUrl);
  // The WebAssembly every start needs downloads first, while the loader is
  // imported; the line is measured on it, then the start chosen.
  const wasmUrl = `${init.pyodideBase}pyodide.asm.wasm`;
  const early = self.fetch(wasmUrl);
  early.catch(() => {}); // Pyodide takes it over and reports its failure
  handoff.set(wasmUrl, early);
  const wasmCopy = compileEarly(early);
  const loading = raceTripwire(importLoader(init.pyodideBase));
  loading.catch(() => {}); // awaited below
  prefetch(init.pyodideBase);
  // A returning reader's snapshot, looked up once: it decides the start and is the start.
  const offlineSnapshot = init.snapshotUrl ? offlineResponse(init.snapshotUrl) : Promise.resolve(null);
  let start = init.snapshotUrl ? "snapshot" : "normal";
  let speed = 0;
  if (init.start === "snapshot" || init.start === "normal") {
    start = init.snapshotUrl ? init.start : "normal"; // chosen by the page (tests, embedders)
  } else if (init.start === "trimmed" && init.trimmedStdlibUrl) {
    start = "trimmed";
  } else if (init.snapshotUrl && await offlineSnapshot) {
    speed = Infinity; // a returning reader: the snapshot is on this machine
    progressOffline = true;
  } else if (init.trimmedStdlibUrl && await offlineResponse(init.trimmedStdlibUrl)) {
    start = "trimmed"; // a returning reader whose start was the trimmed one
    progressOffline = true;
  } else if (init.snapshotUrl && init.trimmedStdlibUrl) {
    const ratios = new Map((init.files.snapshot || [])
      .filter(([name]) => name === "pyodide.asm.wasm" || name === "pyodide-lock.json")
      .map(([name, bytes, sent]) => [name, sent / Math.max(1, bytes)]));
    progressStart = "trimmed";
    reportProgress("runtime", true);
    speed = await raceTripwire(lineSpeed(ratios));
    start = speed >= FAST_LINE ? "snapshot" : "trimmed";
  } else if (init.trimmedStdlibUrl) {
    start = "trimmed";
  }
  progressStart = start;
  performance.mark(`engine:chose-${start}`);
  reportProgress("runtime", true);
  const line = Number.isFinite(speed) ? Math.round(speed) : -1;
  // Not through checkedFetch: a snapshot that cannot be had is no failure,
  // just a normal boot (below).
  const download = start === "snapshot"
    ? offlineSnapshot.then((hit) => hit || nativeFetch(init.snapshotUrl))
    : null;
  // The snapshot's unpacker, only for the start that needs it.
  const unpacker = start === "snapshot" ? import("./calculator-snapshot.js") : null;
  unpacker?.catch(() => {}); // handled below, as a snapshot that cannot be used
  prefetchRuntime();
  // The WebAssembly's bytes, read as they arrive: the snapshot is unpacked with them.
  const wasmBytes = wasmCopy.then((copy) => {
    if (start !== "snapshot") return copy?.body?.cancel();
    if (!copy) throw new Error("no WebAssembly to unpack the snapshot with");
    return copy.arrayBuffer();
  });
  wasmBytes.catch(() => {}); // awaited with the snapshot
  // Read from now on, while the loader loads.
  const snapshot = download && unpackedSnapshot(download, wasmBytes, unpacker, init.snapshotUrl);
  snapshot?.whole.then(() => performance.mark("engine:snapshot-bytes"), () => {});
  snapshot?.sized.catch(() => {}); // handled below
  snapshot?.whole.catch(() => {}); // handled below
  const loader = await loading;
  performance.mark("engine:loader");
  if (start === "trimmed") {
    return { ...(await bootNormally(loader, init, init.trimmedStdlibUrl)), fallback: "", line };
  }
  let fallback = "";
  if (snapshot) {
    try {
      // A missing snapshot is known from its status, before Pyodide starts.
      await snapshot.sized;
      const started = await bootFromSnapshot(loader, init, snapshot);
      return { ...started, fallback, line };
    } catch (error) {
      if (error instanceof EngineFailure) throw error;
      fallback = `the memory snapshot could not be used: ${describe(error)}`;
    }
  } else {
    fallback = "no memory snapshot was offered";
  }
  return { ...(await bootNormally(loader, init)), fallback, line };
}

// A restored interpreter has no standard library files, and a trimmed one only
// those the calculator loaded at build time: a module either lacks shows up as
// an engine error on the first input that needs it. Then the worker starts
// normally, once, with the full standard library, and answers again.
async function answer(query) {
  const current = await engine;
  const result = current.answer(query);
  if (current.boot === "normal" || result.ok || !result.errors?.engine) return result;
  engine = (async () => bootNormally(await importLoader(settings.pyodideBase), settings))();
  return (await engine).answer(query);
}

function absoluteUrl(value, base) {
  return value ? new URL(String(value), base).href : "";
}

function parsedJson(text) {
  try {
    const value = JSON.parse(String(text || "{}"));
    return value && typeof value === "object" ? value : {};
  } catch {
    return {};
  }
}

// The init message's dataset, as the settings the start needs.
function initSettings(message) {
  const data = message.dataset && typeof message.dataset === "object" ? message.dataset : {};
  const base = message.baseUrl ? String(message.baseUrl) : self.location.href;
  return {
    baseUrl: base,
    pyodideBase: absoluteUrl(data.pyodide, base),
    archiveUrl: absoluteUrl(data.archive, base),
    snapshotUrl: absoluteUrl(data.snapshot, base),
    noStdlibUrl: absoluteUrl(data.noStdlib, base),
    trimmedStdlibUrl: absoluteUrl(data.trimmedStdlib, base),
    start: String(data.engineStart || ""),
    siteUrl: String(data.siteUrl),
    pagePrefix: String(data.pagePrefix),
    files: parsedJson(data.engineFiles),
  };
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  if (message.type === "init" && engine === null) {
    settings = initSettings(message);
    performance.mark("engine:init");
    engine = boot(settings);
    try {
      const started = await engine;
      self.postMessage({
        type: "ready", boot: started.boot, fallback: started.fallback, line: started.line,
      });
    } catch (error) {
      const failure = error instanceof EngineFailure ? error
        : new EngineFailure("unknown", { detail: describe(error) });
      self.postMessage({ type: "failed", failure: failure.toMessage() });
    }
  } else if (message.type === "compute" && engine !== null) {
    try {
      await engine;
    } catch {
      return; // already reported as failed
    }
    try {
      const result = await answer(String(message.query));
      performance.mark("engine:answered");
      self.postMessage({ type: "result", id: message.id, result });
    } catch (error) {
      self.postMessage({
        type: "failed",
        failure: { code: "broken", file: "", status: 0, detail: describe(error) },
      });
    }
  }
});
