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

  // The theme's bundle (Material for MkDocs), and when it runs at the latest
  // (ms after navigation): a returning reader's first live result comes at
  // about 0.6 s on a 2-core machine; a first visit's takes seconds, bound by
  // the line, and the theme's work then slows nothing.
  const THEME_SCRIPT = 'script[src*="/assets/javascripts/bundle."]';
  const THEME_AT_LATEST = 1500;
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

  // The theme's script waits until the link's first live result (or
  // THEME_AT_LATEST, or the reader's first touch, key or scroll): its 170 ms
  // of work at load no longer share the processor with the engine's start.
  // The parser inserts it as a deferred script; the mutation callback runs
  // before the parser prepares it, so a type no browser runs holds it. Let go,
  // it runs from a new element in its place and is told that the document has
  // loaded, which is when it starts (it waits for DOMContentLoaded, which has
  // passed by then).
  let held = null; // the theme's script element, while held
  let heldOnce = false;
  let parsed = false; // DOMContentLoaded has fired
  document.addEventListener("DOMContentLoaded", () => {
    parsed = true;
    // What the theme does first when it runs, done when it would have done
    // it: it rewrites every relative URL in the page as an absolute one. A
    // stylesheet or image rewritten while the page loads is reused; rewritten
    // later, it would be fetched again.
    if (!held) return;
    for (const [node, name] of relativeUrls()) node[name] = node[name];
    // And the first thing it does: its stylesheet shows the header's search
    // box and palette switch only on a page that runs scripts. Both work as
    // the reader reaches them: a touch or key lets the theme go.
    document.documentElement.classList.replace("no-js", "js");
  }, { once: true });

  // The elements whose URL the theme would rewrite when it starts, and which.
  function relativeUrls() {
    const found = [];
    for (const node of document.querySelectorAll("[href], [src]")) {
      const name = ["href", "src"].find((attribute) => node.getAttribute(attribute));
      const value = name ? node.getAttribute(name) : "";
      if (name && !/^(?:[a-z]+:)?\/\//i.test(value)) found.push([node, name, value]);
    }
    return found;
  }

  // The URLs still relative when the theme runs came after the page had loaded
  // (the calculator's result): they are kept as written, as on a page whose
  // theme ran on time.
  function keepAsWritten(late) {
    for (const [node, name, value] of late) {
      if (node.getAttribute(name) !== value) node.setAttribute(name, value);
    }
  }
  const RELEASE_ON = ["pointerdown", "keydown", "touchstart", "scroll"];

  function releaseTheme() {
    if (!held) return;
    const script = document.createElement("script");
    script.src = held.src;
    const place = held;
    held = null;
    for (const type of RELEASE_ON) window.removeEventListener(type, releaseTheme, true);
    const late = parsed ? relativeUrls() : [];
    script.addEventListener("load", () => {
      keepAsWritten(late);
      if (!parsed) return;
      keepDetailsInPrint();
      document.dispatchEvent(new Event("DOMContentLoaded"));
    }, { once: true });
    place.replaceWith(script);
  }

  // The theme opens every <details> it found when it started while the page
  // is printed. Started on time, it never sees the calculator's (the engine
  // renders them later), so a printed result shows them as the reader left
  // them, and the print stylesheet decides the rest. Started late, it sees
  // them: while the page is printed, they are kept as they were when printing
  // began.
  function keepDetailsInPrint() {
    const root = document.getElementById("calculator");
    if (!root) return;
    const print = matchMedia("print");
    let kept = null;
    const begin = () => {
      kept = kept || [...root.querySelectorAll("details")].map((node) => [node, node.open]);
    };
    const end = () => {
      kept = null;
    };
    if (print.matches) begin();
    window.addEventListener("beforeprint", begin, { capture: true });
    window.addEventListener("afterprint", end);
    print.addEventListener("change", () => (print.matches ? begin() : end()));
    new MutationObserver(() => {
      for (const [node, open] of kept || []) {
        if (node.open !== open) node.open = open;
      }
    }).observe(root, { subtree: true, attributes: true, attributeFilter: ["open"] });
  }

  function holdTheme() {
    if (heldOnce || !engine || typeof PerformanceObserver !== "function") return;
    const bundle = document.querySelector(THEME_SCRIPT);
    if (!bundle || bundle.type) return;
    heldOnce = true;
    held = bundle;
    bundle.type = "text/x-held";
    const marks = new PerformanceObserver((list) => {
      if (!list.getEntriesByName("calculator:first-live-result").length) return;
      marks.disconnect();
      releaseTheme();
    });
    marks.observe({ type: "mark" });
    setTimeout(releaseTheme, Math.max(0, THEME_AT_LATEST - performance.now()));
    for (const type of RELEASE_ON) {
      window.addEventListener(type, releaseTheme, { capture: true, passive: true });
    }
  }

  const watcher = new MutationObserver(() => {
    holdTheme();
    guard();
  });
  watcher.observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", () => {
    guard();
    watcher.disconnect();
  }, { once: true });
})();
