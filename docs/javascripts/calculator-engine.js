// The engine's worker, for calculator.js: the one the head script started for
// a link, adopted, or a new one.
//
// calculator.js starts the engine when the page has loaded: on the bare
// address the result is already on the page, rendered at build time, so the
// engine must not compete with the page's own start. A link is different: its
// result is pending until the engine has computed it, so the engine is the
// page's point. The head script (calculator-link.js) makes the worker before
// the stylesheets have arrived, sends it #calculator's data once the parser
// has made it (half a second or more before the load event), and leaves it
// in window.tuneOrPromptEngine with the events it received since. Both start
// it the same way: a module worker made from a blob, sent #calculator's data
// attributes as they are.

const WORKER_URL = new URL("./calculator-worker.js", import.meta.url);

export const EARLY_ENGINE = "tuneOrPromptEngine";

// A worker loaded from a plain URL runs under the policy of that URL's
// response headers only, and static hosts such as GitHub Pages send none: the
// page's <meta> Content-Security-Policy would not reach it. A worker made from
// a blob: URL inherits the page's policy instead (CSP Level 3). The blob only
// imports the real script by its absolute URL, so the worker's own relative
// imports still resolve against its own address.
function launch(root) {
  performance.mark("calculator:engine-start");
  const source = `import ${JSON.stringify(String(WORKER_URL))};\n`;
  const blob = new Blob([source], { type: "text/javascript" });
  const worker = new Worker(URL.createObjectURL(blob), { type: "module", name: "calculator" });
  worker.postMessage(initMessage(root));
  return worker;
}

// #calculator's data attributes as they are, and the page's address (the
// worker maps them: calculator-worker.js).
function initMessage(root) {
  return { type: "init", dataset: { ...root.dataset }, baseUrl: document.baseURI };
}

// Whether the head script has started a worker that waits to be adopted.
export function startedEarly() {
  return Boolean(window[EARLY_ENGINE]);
}

// The engine's worker for `root`, with `onMessage` and `onError` listening:
// the early one (the events it kept replayed first, in order) or a new one.
// Throws if a worker cannot be made.
export function engineWorker(root, onMessage, onError) {
  const early = window[EARLY_ENGINE];
  if (early) {
    delete window[EARLY_ENGINE];
    const { worker, backlog, keep } = early;
    if (!early.init) {
      early.init = true; // the head script, still waiting for a stylesheet, no longer sends it
      worker.postMessage(initMessage(root));
    }
    worker.removeEventListener("message", keep);
    worker.removeEventListener("error", keep);
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    // Replayed after the caller has the worker (and its timeout set), before
    // any later event: those are tasks, this a microtask.
    queueMicrotask(() => {
      for (const event of backlog) (event.type === "error" ? onError : onMessage)(event);
    });
    return worker;
  }
  const worker = launch(root);
  worker.addEventListener("message", onMessage);
  worker.addEventListener("error", onError);
  return worker;
}
