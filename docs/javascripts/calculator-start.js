// Starts the calculator's engine right after the page's first paint.
//
// A classic script, placed by the page right after #calculator: it runs
// there, before the rest of the page and the theme's bundle, creates the
// worker and tells it to start right after the first frame is painted. That
// is still earlier than any module script could (modules wait until the page
// has been parsed), yet the engine's 11 MB of downloads never compete with
// the stylesheets the first paint waits for. The theme's instant navigation
// runs it again when it shows the calculator.
//
// It only creates the worker, sends it the engine's addresses and keeps what
// the worker says until the page's module (calculator.js) adopts it from
// window.tpCalculatorEarly. Without WebAssembly or workers it does nothing:
// the module then reports why the live engine is unavailable.
(function () {
  "use strict";

  var root = document.getElementById("calculator");
  var script = document.currentScript;
  if (!root || !script || root.tpEngineClaimed) return;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") return;

  function absolute(path) {
    return new URL(path, document.baseURI).href;
  }

  // A worker loaded from a plain URL runs under the policy of that URL's
  // response headers only, and static hosts such as GitHub Pages send none:
  // the page's <meta> Content-Security-Policy would not reach it. A worker
  // made from a blob: URL inherits the page's policy instead (CSP Level 3).
  // The blob only imports the real script by its absolute URL, so the
  // worker's own relative imports still resolve against its own address.
  // Kept identical in calculator.js (policyBoundWorker).
  function policyBoundWorker(url) {
    var source = "import " + JSON.stringify(String(url)) + ";\n";
    var blob = new Blob([source], { type: "text/javascript" });
    return new Worker(URL.createObjectURL(blob), { type: "module", name: "calculator" });
  }

  var early = { root: root, worker: null, events: [] };
  try {
    performance.mark("calculator:engine-start");
    early.worker = policyBoundWorker(new URL("calculator-worker.js", script.src));
  } catch (error) {
    return;
  }
  early.keep = function (event) {
    if (event.type === "error") event.preventDefault();
    early.events.push(event);
  };
  early.worker.addEventListener("message", early.keep);
  early.worker.addEventListener("error", early.keep);
  root.tpEngineClaimed = true;
  window.tpCalculatorEarly = early;

  // The worker's script is small and loads now; the engine's downloads begin
  // with the init message, in the task after the first paint (the frame
  // callback runs just before it). A page that is not painted (a background
  // tab) sends it after a second instead.
  var sent = false;
  function init() {
    if (sent) return;
    sent = true;
    early.worker.postMessage({
      type: "init",
      pyodideBase: absolute(root.dataset.pyodide),
      archiveUrl: absolute(root.dataset.archive),
      snapshotUrl: root.dataset.snapshot ? absolute(root.dataset.snapshot) : "",
      noStdlibUrl: root.dataset.noStdlib ? absolute(root.dataset.noStdlib) : "",
      siteUrl: root.dataset.siteUrl,
      pagePrefix: root.dataset.pagePrefix,
    });
  }
  requestAnimationFrame(function () {
    setTimeout(init, 0);
  });
  setTimeout(init, 1000);
})();
