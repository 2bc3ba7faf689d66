// The calculator's engine: Pyodide in a module worker, so the page never blocks.
//
// Protocol (all messages are plain objects):
//   page -> worker  {type: "init", pyodideBase, archiveUrl, snapshotUrl, noStdlibUrl,
//                    trimmedStdlibUrl?, siteUrl, pagePrefix, files?, start?, baseUrl?}
//                       start: "snapshot" | "trimmed" | "normal" to skip the line test
//                       files: {start: [[name, bytes, bytes sent], ...]} (the build's figures)
//                   {type: "compute", id, query}                        any time
//   worker -> page  {type: "progress", stage, loaded, total}
//                       stage: "runtime" | "package"; loaded and total: bytes sent by a
//                       compressing host, estimated from the bytes received so far
//                   {type: "ready", boot, fallback, line}
//                       boot: "snapshot" | "trimmed" | "normal"; fallback: why the
//                       snapshot was not used; line: measured bytes/s (-1: cache-fast)
//                   {type: "failed", failure}    the engine cannot start or broke;
//                       failure: {code, file, status, detail} (see calculator-failures.js)
//                   {type: "result", id, result} result: calculator.web.compute's dict
//
// Three ways to start, chosen by the line. Every start needs the WebAssembly
// (3.6 MB sent), so it is downloaded first and the line's speed measured as it
// arrives. On a fast line (or from the cache): restore the memory snapshot the
// build made (Pyodide with the calculator already imported; see
// sitebuild/engine.py): no standard library download and no
// import before the first result, but 6.9 MB more to download. On a slow line
// those bytes cost more time than booting saves: boot Pyodide with the
// standard library trimmed to what the calculator loads (0.8 MB instead of
// 2.5 MB) and unpack the calculator archive ("trimmed"). "normal" is the same
// boot with Pyodide's full standard library, the fallback of the other two. The snapshot is an
// underscore API of the pinned Pyodide, so anything wrong with it (missing,
// damaged, made by another Pyodide build, lacking a module) falls back to the
// normal boot; only a failure of the files both ways need ends the start.
//
// Every engine file's HTTP status is checked as it arrives, so a missing or
// unreachable file fails the start at once, by name, instead of leaving
// Pyodide waiting. URLs arrive absolute in the init message (resolved against
// the worker's own address if not), so the worker runs however it is created.
//
// No decision logic lives here: the same Python package computes at build
// time, in the tests and in this worker. Everything is fetched from the site's
// own origin; nothing is installed at run time (no micropip, no loadPackage).

const PACKAGE_DIR = "/home/pyodide/tune-or-prompt";
// Bytes per second (as sent) from which the snapshot start is the faster one:
// its 6 MB extra download then costs less than the booting and importing it
// saves (2 to 3 s on a quiet laptop, far more on a busy one). About 16 Mbit/s,
// where both starts took the same time on a quiet machine (figures of
// 2026-12-04 in the README); scripts/bench_site.py --network measures both.
const FAST_LINE = 2e6;
// The line is measured on the WebAssembly's first bytes: until this many bytes
// (as sent) have arrived after the first, or this long has passed.
const MEASURE_BYTES = 400_000;
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
  try {
    response = await nativeFetch(input, options);
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
  if (watched(url) && response.ok && response.body) countBody(fileName(url), response.clone());
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
  self.postMessage({ type: "progress", stage, ...progressFigures() });
}

const lineWatchers = new Set();

function countBytes(name, count, done = false) {
  received.set(name, (received.get(name) || 0) + count);
  for (const watcher of lineWatchers) watcher(name, done);
  reportProgress();
}

// The line's speed in bytes per second as sent, from the download of `name`
// (a compressing host sends `ratio` of the bytes received).
function lineSpeed(name, ratio) {
  return new Promise((resolve) => {
    let first = 0;
    let firstBytes = 0;
    const settle = () => {
      lineWatchers.delete(watch);
      clearTimeout(cap);
      const ms = performance.now() - first;
      const bytes = ((received.get(name) || 0) - firstBytes) * ratio;
      if (!first) resolve(0);
      else resolve(ms < 1 ? Infinity : bytes / (ms / 1000));
    };
    const watch = (which, done) => {
      if (which !== name) return;
      const now = performance.now();
      if (!first) {
        first = now;
        firstBytes = received.get(name) || 0;
        if (!done) return;
      }
      const got = ((received.get(name) || 0) - firstBytes) * ratio;
      if (done || got >= MEASURE_BYTES || now - first >= MEASURE_MS) settle();
    };
    const cap = setTimeout(settle, MEASURE_CAP_MS);
    lineWatchers.add(watch);
  });
}

function markReceived(name) {
  const file = (settings?.files?.[progressStart] || []).find((row) => row[0] === name);
  if (file) received.set(name, Math.max(received.get(name) || 0, file[1]));
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
if (typeof WebAssembly === "object" && typeof WebAssembly.instantiateStreaming === "function") {
  const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
  WebAssembly.instantiateStreaming = async function checkedInstantiate(source, imports) {
    const response = await source;
    const spare = response.clone();
    try {
      return await instantiateStreaming(response, imports);
    } catch (error) {
      let final = error;
      if (error instanceof TypeError && /MIME/i.test(String(error.message))) {
        try {
          return await WebAssembly.instantiate(await spare.arrayBuffer(), imports);
        } catch (retryError) {
          final = retryError;
        }
      }
      if (watched(response.url)) {
        tripFailure(new EngineFailure("corrupt", {
          file: fileName(response.url), detail: `${response.url}: ${describe(final)}`,
        }));
      }
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

// The snapshot's bytes, whether the host sent the file as is (gzip, decoded
// here) or decoded it already (Content-Encoding: gzip). Decoded as the bytes
// arrive, so unpacking overlaps the download instead of following it: the
// first chunk tells which case this is, and is then played back in front of
// the rest.
async function snapshotBytes(response) {
  const name = fileName(response.url);
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
  const stream = gzipped ? body.pipeThrough(new DecompressionStream("gzip")) : body;
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function entryPoint(pyodide) {
  const answer = pyodide.runPython(ENTRY_POINT);
  return (query) => JSON.parse(answer(query, settings.siteUrl, settings.pagePrefix));
}

async function importLoader(base) {
  const url = `${base}pyodide.mjs`;
  try {
    const loader = await import(url);
    markReceived("pyodide.mjs");
    return loader;
  } catch (error) {
    throw await importFailure(url, error);
  }
}

// `snapshot` is a promise: Pyodide fetches its WebAssembly while it downloads.
async function bootFromSnapshot(loader, init, snapshot) {
  const pyodide = await raceTripwire(loader.loadPyodide({
    indexURL: init.pyodideBase,
    stdLibURL: init.noStdlibUrl,
    _loadSnapshot: snapshot,
  }));
  return { answer: entryPoint(pyodide), boot: "snapshot" };
}

// `stdLibURL`: the trimmed standard library ("trimmed"), or Pyodide's own ("normal").
async function bootNormally(loader, init, stdLibURL = "") {
  const boot = stdLibURL ? "trimmed" : "normal";
  progressStart = boot;
  // The package downloads while Pyodide boots, so it adds next to nothing.
  const archive = fetch(init.archiveUrl).then((response) => response.arrayBuffer());
  archive.catch(() => {}); // a bad status trips the wire; anything else is awaited below
  let pyodide;
  try {
    const options = { indexURL: init.pyodideBase, ...(stdLibURL ? { stdLibURL } : {}) };
    pyodide = await raceTripwire(loader.loadPyodide(options));
  } catch (error) {
    throw await bootFailure(error, init.pyodideBase);
  }
  markReceived("pyodide.asm.mjs");
  reportProgress("package", true);
  try {
    pyodide.unpackArchive(await raceTripwire(archive), "zip", { extractDir: PACKAGE_DIR });
    return { answer: entryPoint(pyodide), boot };
  } catch (error) {
    if (error instanceof EngineFailure) throw error;
    throw new EngineFailure("corrupt", {
      file: fileName(init.archiveUrl), detail: `${init.archiveUrl}: ${describe(error)}`,
    });
  }
}

// Whether the site's offline copy (sw.js) holds `url`.
async function offlineCopy(url) {
  try {
    return typeof caches === "object" && Boolean(await caches.match(url));
  } catch {
    return false;
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
  const loading = raceTripwire(importLoader(init.pyodideBase));
  loading.catch(() => {}); // awaited below
  let start = init.snapshotUrl ? "snapshot" : "normal";
  let speed = 0;
  if (init.start === "snapshot" || init.start === "normal") {
    start = init.snapshotUrl ? init.start : "normal"; // chosen by the page (tests, embedders)
  } else if (init.start === "trimmed" && init.trimmedStdlibUrl) {
    start = "trimmed";
  } else if (init.snapshotUrl && await offlineCopy(init.snapshotUrl)) {
    speed = Infinity; // a returning reader: the snapshot is on this machine
  } else if (init.trimmedStdlibUrl && await offlineCopy(init.trimmedStdlibUrl)) {
    start = "trimmed"; // a returning reader whose start was the trimmed one
  } else if (init.snapshotUrl && init.trimmedStdlibUrl) {
    const wasm = (init.files.snapshot || []).find((row) => row[0] === "pyodide.asm.wasm");
    progressStart = "trimmed";
    reportProgress("runtime", true);
    speed = await raceTripwire(lineSpeed("pyodide.asm.wasm", wasm ? wasm[2] / wasm[1] : 1));
    start = speed >= FAST_LINE ? "snapshot" : "trimmed";
  } else if (init.trimmedStdlibUrl) {
    start = "trimmed";
  }
  progressStart = start;
  reportProgress("runtime", true);
  const line = Number.isFinite(speed) ? Math.round(speed) : -1;
  const snapshot = start === "snapshot" ? nativeFetch(init.snapshotUrl) : null;
  snapshot?.catch(() => {}); // handled below
  const loader = await loading;
  if (start === "trimmed") {
    return { ...(await bootNormally(loader, init, init.trimmedStdlibUrl)), fallback: "", line };
  }
  let fallback = "";
  if (snapshot) {
    try {
      // A missing snapshot is known from its status, before Pyodide starts.
      const response = await snapshot;
      if (!response.ok) {
        throw new Error(`GET ${init.snapshotUrl} answered HTTP ${response.status}`);
      }
      const bytes = snapshotBytes(response);
      bytes.catch(() => {}); // Pyodide awaits it, a little later
      const started = await bootFromSnapshot(loader, init, bytes);
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

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  if (message.type === "init" && engine === null) {
    // The page sends absolute URLs; a relative one resolves against baseUrl
    // when given (a worker made from a blob: URL has no usable address).
    const base = message.baseUrl ? String(message.baseUrl) : self.location.href;
    settings = {
      baseUrl: base,
      pyodideBase: absoluteUrl(message.pyodideBase, base),
      archiveUrl: absoluteUrl(message.archiveUrl, base),
      snapshotUrl: absoluteUrl(message.snapshotUrl, base),
      noStdlibUrl: absoluteUrl(message.noStdlibUrl, base),
      trimmedStdlibUrl: absoluteUrl(message.trimmedStdlibUrl, base),
      start: String(message.start || ""),
      siteUrl: String(message.siteUrl),
      pagePrefix: String(message.pagePrefix),
      files: message.files && typeof message.files === "object" ? message.files : {},
    };
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
      self.postMessage({ type: "result", id: message.id, result: await answer(String(message.query)) });
    } catch (error) {
      self.postMessage({
        type: "failed",
        failure: { code: "broken", file: "", status: 0, detail: describe(error) },
      });
    }
  }
});
