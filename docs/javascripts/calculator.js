// The calculator page's glue: starts the engine, mirrors inputs to the URL,
// shows live results, errors and copy buttons. Plain functions, no framework.
//
// Loaded on every page (Material's instant navigation does not run new head
// scripts), it does nothing unless the page has #calculator. The worker is
// started once and kept while the reader stays on the calculator (links that
// only change the query reuse it); leaving for another page terminates it.

const DEBOUNCE_MS = 150;
const ENGINE_TIMEOUT_MS = 60000;
const WORKER_URL = new URL("./calculator-worker.js", import.meta.url);

let engine = null; // {worker, ready: Promise, listeners: Map}

function absolute(path) {
  return new URL(path, document.baseURI).href;
}

function startEngine(root) {
  if (engine) return engine;
  if (typeof WebAssembly !== "object" || typeof Worker !== "function") {
    return null;
  }
  const worker = new Worker(WORKER_URL, { type: "module", name: "calculator" });
  const pending = new Map();
  let resolveReady;
  let rejectReady;
  const ready = new Promise((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  const timer = setTimeout(
    () => rejectReady(new Error("the engine took too long to start")),
    ENGINE_TIMEOUT_MS,
  );
  worker.addEventListener("message", (event) => {
    const message = event.data;
    if (message.type === "ready") {
      clearTimeout(timer);
      performance.mark("calculator:engine-ready");
      resolveReady();
    } else if (message.type === "failed") {
      clearTimeout(timer);
      rejectReady(new Error(message.message));
    } else if (message.type === "result" && pending.has(message.id)) {
      pending.get(message.id)(message.result);
      pending.delete(message.id);
    }
  });
  worker.addEventListener("error", (event) => {
    clearTimeout(timer);
    rejectReady(new Error(event.message || "the engine's worker could not start"));
  });
  worker.postMessage({
    type: "init",
    pyodideBase: absolute(root.dataset.pyodide),
    archiveUrl: absolute(root.dataset.archive),
  });
  ready.catch(() => {});
  let nextId = 0;
  engine = {
    worker,
    ready,
    compute(query, siteUrl, pagePrefix) {
      const id = ++nextId;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ type: "compute", id, query, siteUrl, pagePrefix });
      });
    },
  };
  return engine;
}

function stopEngine() {
  if (engine) {
    engine.worker.terminate();
    engine = null;
  }
}

function setStatus(root, state, text) {
  root.dataset.engine = state;
  root.querySelector(".tp-status-text").textContent = text;
}

function formQuery(form) {
  const params = new URLSearchParams();
  for (const control of form.elements) {
    if (control.name) params.set(control.name, control.value);
  }
  return params.toString();
}

function fillForm(form, query) {
  const params = new URLSearchParams(query);
  for (const [name, value] of params) {
    const control = form.elements.namedItem(name.replace(/-/g, "_"));
    if (control && "value" in control) control.value = value;
  }
}

function showErrors(root, form, errors) {
  const general = [];
  for (const control of form.elements) {
    if (!control.name) continue;
    const slot = root.querySelector(`#f-${control.name}-error`);
    const message = errors[control.name] || "";
    if (slot) slot.textContent = message;
    control.toggleAttribute("aria-invalid", Boolean(message));
    if (message) control.setAttribute("aria-invalid", "true");
    control.closest(".tp-field")?.classList.toggle("tp-field--invalid", Boolean(message));
  }
  for (const [name, message] of Object.entries(errors)) {
    if (!form.elements.namedItem(name)) general.push(message);
  }
  const box = root.querySelector("#calculator-query-errors");
  box.textContent = general.length ? `The link's query has problems: ${general.join("; ")}.` : "";
  box.hidden = general.length === 0;
}

// The fragment comes from the calculator's own HTML renderer, which escapes
// every value it prints; user input never reaches the page as markup.
function showResult(region, html) {
  const fragment = document.createRange().createContextualFragment(html);
  region.replaceChildren(fragment);
}

function markdownOf(root, state) {
  if (state.markdown) return state.markdown;
  return root.querySelector("#calculator-markdown")?.content.textContent
    ?? root.querySelector("#calculator-markdown")?.textContent ?? "";
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.className = "tp-offscreen";
  document.body.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("copy refused");
}

function setupCopy(root, state) {
  const feedback = root.querySelector(".tp-copy-feedback");
  let timer = 0;
  const say = (text) => {
    feedback.textContent = text;
    clearTimeout(timer);
    timer = setTimeout(() => { feedback.textContent = ""; }, 4000);
  };
  root.querySelector('[data-action="copy-link"]').addEventListener("click", async () => {
    try {
      await copyText(window.location.href);
      say("Link copied.");
    } catch {
      say("Could not copy: select the address bar and copy the link.");
    }
  });
  root.querySelector('[data-action="copy-markdown"]').addEventListener("click", async () => {
    try {
      await copyText(markdownOf(root, state));
      say("Decision record copied as Markdown.");
    } catch {
      say("Could not copy the Markdown in this browser.");
    }
  });
}

function setupCalculator(root) {
  const form = root.querySelector("#calculator-form");
  const region = root.querySelector("#calculator-result");
  const stale = root.querySelector("#calculator-stale");
  const state = { markdown: "", seq: 0, shown: 0, first: true };
  setupCopy(root, state);

  const initialQuery = window.location.search.replace(/^\?/, "");
  if (initialQuery) {
    fillForm(form, initialQuery);
    region.dataset.state = "stale";
    setStatus(root, "loading", "The result below is for the default inputs, not this link's: "
      + "the live engine is loading to compute it…");
  }

  const running = startEngine(root);
  if (!running) {
    fail(root, "this browser has no WebAssembly or Web Workers");
    return;
  }

  async function recompute(query) {
    const seq = ++state.seq;
    const answer = await running.compute(query, root.dataset.siteUrl, root.dataset.pagePrefix);
    if (seq !== state.seq) return; // a newer input is already on its way
    if (answer.ok) {
      showErrors(root, form, {});
      showResult(region, answer.html);
      region.dataset.verdict = answer.verdict;
      region.dataset.source = "live";
      region.dataset.state = "fresh";
      stale.hidden = true;
      state.markdown = answer.markdown;
      const url = new URL(window.location.href);
      url.search = answer.query ? `?${answer.query}` : "";
      window.history.replaceState(window.history.state, "", url);
      if (state.first) {
        state.first = false;
        performance.mark("calculator:first-live-result");
      }
      performance.mark("calculator:result");
    } else {
      showErrors(root, form, answer.errors);
      region.dataset.state = "stale";
      stale.hidden = false;
    }
  }

  let timer = 0;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => recompute(formQuery(form)), DEBOUNCE_MS);
  };
  form.addEventListener("input", schedule);
  form.addEventListener("change", schedule);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    recompute(formQuery(form));
  });

  running.ready.then(
    async () => {
      if (!root.isConnected) return;
      setStatus(root, "ready", "Live results on: every change recomputes at once.");
      await recompute(initialQuery || formQuery(form));
    },
    (error) => fail(root, error.message),
  );
}

function fail(root, reason) {
  stopEngine();
  setStatus(root, "failed", `Live recalculation is unavailable (${reason}). The result shown `
    + "stays valid for the inputs it names; to compute your own numbers, run "
    + "python -m calculator --help from the project's repository.");
}

function onPage() {
  const root = document.getElementById("calculator");
  if (!root) {
    stopEngine();
    return;
  }
  setupCalculator(root);
}

if (typeof window.document$ !== "undefined") {
  window.document$.subscribe(onPage);
} else {
  onPage();
}
