// The calculator opened from a link: no frame may show the default result
// rendered at build time, and the link's engine starts as early as the first
// paint allows. Why and how: overrides/partials/calculator-head.html.
(() => {
  if (!window.location.search.replace(/^\?/, "")) return;
  const script = document.currentScript;
  const WORKER = script ? new URL("calculator-worker.js", script.src).href : "";
  let engine = null;
  if (WORKER && typeof WebAssembly === "object") {
    try {
      performance.mark("calculator:engine-start");
      const blob = new Blob([`import ${JSON.stringify(WORKER)};\n`], { type: "text/javascript" });
      const worker = new Worker(URL.createObjectURL(blob), { type: "module", name: "calculator" });
      const backlog = [];
      const keep = (event) => backlog.push(event) && event.preventDefault();
      worker.addEventListener("message", keep);
      worker.addEventListener("error", keep);
      engine = window.tuneOrPromptEngine = { worker, backlog, keep, init: false };
    } catch {}
  }

  const arrived = new Set();
  let waiting = false;

  function startEngine(root) {
    if (!engine || engine.init || waiting) return;
    const sheets = [...document.querySelectorAll("link[rel=stylesheet]")].filter((link) =>
      !link.sheet && !arrived.has(link) && (!link.media || matchMedia(link.media).matches));
    for (const link of sheets) {
      waiting = true;
      for (const type of ["load", "error"]) {
        link.addEventListener(type, () => {
          arrived.add(link);
          waiting = false;
          startEngine(root);
        }, { once: true });
      }
    }
    if (waiting) return;
    engine.init = true;
    engine.worker.postMessage({ type: "init", dataset: { ...root.dataset }, baseUrl: document.baseURI });
    root.dataset.engineEarly = "true";
  }

  function placeholder() {
    const note = document.createElement("p");
    note.className = "tp-pending tp-pending-note";
    note.textContent = "Computing the result for this link\u2019s inputs\u2026";
    return note;
  }

  function clear(container) {
    for (const child of [...container.childNodes]) {
      if (!(child instanceof Element && child.classList.contains("tp-pending"))) child.remove();
    }
    if (!container.querySelector(".tp-pending")) container.append(placeholder());
  }

  function guard() {
    // The status line's build-time text is about the default result.
    const status = document.querySelector("#calculator-status .tp-status-text");
    if (status && !status.dataset.linked) {
      status.dataset.linked = "true";
      status.textContent = "Live engine loading\u2026";
    }
    const root = document.getElementById("calculator");
    if (root) startEngine(root);
    const region = document.getElementById("calculator-result");
    if (region && region.querySelector(".tp-result--pending")) {
      watcher.disconnect(); // calculator.js has taken over
      return;
    }
    if (region) {
      // Only what differs is written: others observe these attributes.
      set(region, "data-verdict", "");
      set(region, "data-source", "pending");
      set(region, "data-state", "pending");
      set(region, "aria-busy", "true");
      clear(region);
    }
    const slot = document.querySelector("#calculator-glance .tp-glance-slot");
    if (slot) clear(slot);
  }

  function set(node, name, value) {
    if (node.getAttribute(name) !== value) node.setAttribute(name, value);
  }

  const watcher = new MutationObserver(guard);
  watcher.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => {
    guard();
    watcher.disconnect();
  }, { once: true });
})();
