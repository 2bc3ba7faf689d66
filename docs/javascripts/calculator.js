// The calculator page's glue: starts the engine, mirrors the inputs into the
// address bar, shows live results, field errors and the copy buttons.
// Plain functions, no framework; the decisions are all made in Python.
//
// Loaded on every page as a module, because the theme's instant navigation
// swaps page content without running a new page's head scripts. It does
// nothing unless the page has #calculator. There it starts the engine's
// worker once the page has loaded (see whenLoaded): the result is already on
// the page, rendered at build time, so nothing else is urgent. A link is the
// exception: its result is pending until the engine computes it, so the head
// script makes the worker before the stylesheets arrive and this script
// adopts it (calculator-engine.js). Leaving the page terminates the worker:
// Pyodide holds tens of megabytes that guidance pages do not need, and coming
// back boots again from the browser's cache.
//
// Hooks other code and tests may rely on:
//   #calculator[data-engine]          loading | ready | failed
//   #calculator[data-engine-boot]     snapshot | trimmed | normal (how the running engine
//                                     started: see calculator-worker.js)
//   #calculator[data-engine-line]     the line's speed the start was chosen by, bytes/s
//   #calculator[data-engine-fallback] why the memory snapshot was not used, if it was not
//   #calculator[data-engine-early]    "true" when the head script started the worker (a link)
//   #calculator-result[data-verdict]  the verdict shown
//   #calculator-result[data-source]   prerendered | pending (a link, not yet computed) | live
//   #calculator-result[data-state]    fresh | stale (inputs invalid, or not yet computed)
//                                     | pending (a link's own result not yet computed)
//   #calculator-result[aria-busy]     "true" while a link's own result is being computed
//   performance marks                 calculator:engine-start (worker created),
//                                     calculator:engine-ready, calculator:first-live-result,
//                                     calculator:result (after every live update)

import { frozenUrl } from "./release-links.js";
import { sanitizedFragment } from "./sanitize.js";
// The glance above the form, the folded costs section and pinning A.
import "./calculator-view.js";
import { failureSentence, hideFailureTools, showFailureTools } from "./calculator-failures.js";
// A link's inputs and the engine's progress until the link's own result exists.
import { fillPresetFigures, pendingFailed, showPending, showProgress } from "./calculator-pending.js";
// The worker, possibly started early by the head script for a link.
import { engineWorker, startedEarly } from "./calculator-engine.js";

const WORKER_FILE = "calculator-worker.js";
const DEBOUNCE_MS = 150;
const LOAD_WAIT_MS = 4000;
const DEFAULT_TIMEOUT_MS = 45000;
const FEEDBACK_MS = 5000;

const LOADING_STAGES = {
  start: "Live engine loading…",
  runtime: "Live engine loading: downloading and starting Python…",
  package: "Live engine loading: loading the calculator…",
};
const OFFLINE_STAGE = "Live engine loading: starting Python from the copy saved on this device…";

const STALE_NOTES = {
  edited: "The result below is still for the default inputs; it follows your changes as "
    + "soon as the live engine has loaded.",
  invalid: "Some inputs are invalid (see the messages next to them): the result below is "
    + "still for the last valid inputs.",
  invalidDefaults: "Some inputs are invalid (see the messages next to them): the result "
    + "below is still the one computed when the site was built, for the default inputs.",
  offline: "The result below is for the default inputs, not for yours: live recalculation "
    + "is unavailable (see above).",
};

let active = null; // {root, stop()} for the calculator on the current page

// ---------------------------------------------------------------------------
// Engine: the module worker and its messages
// ---------------------------------------------------------------------------

// Calls `start` once the page has loaded: at once on a page shown by the
// theme's instant navigation, else on the window's load event. The engine's
// downloads and the work of starting it (unpacking, compiling) then never
// compete with the page's own start: first paint, the theme's set-up and the
// stylesheets. Measured with scripts/bench_site.py, starting any earlier
// brought the first live result no sooner on a cold visit, while Lighthouse's
// total blocking time on a slow phone grew by a third. A page whose load
// event is held up (a stalled image, say) starts the engine after
// LOAD_WAIT_MS all the same.
function whenLoaded(start) {
  if (document.readyState === "complete") {
    start();
    return;
  }
  let started = false;
  const once = () => {
    if (started) return;
    started = true;
    clearTimeout(timer);
    start();
  };
  const timer = setTimeout(once, LOAD_WAIT_MS);
  window.addEventListener("load", once, { once: true });
}

// Starts the worker once the page has loaded, or at once if `now` (a link);
// `on` receives progress(stage), ready(boot) and failed(failure), failure as
// in calculator-failures.js. Returns {compute(query) -> Promise<result>, stop()}.
function startEngine(root, on, now = false) {
  let worker = null;
  let timer = 0;
  let settled = false;
  let stopped = false;
  const pending = new Map();
  let nextId = 0;

  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    if (worker) worker.terminate();
    worker = null;
    pending.clear();
  };
  const fail = (failure) => {
    if (settled === "failed") return;
    settled = "failed";
    stop();
    on.failed(failure);
  };
  const handle = {
    compute(query) {
      if (!worker || settled !== "ready") return Promise.resolve(null);
      const id = ++nextId;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ type: "compute", id, query });
      });
    },
    stop,
  };

  const onMessage = (event) => {
    const message = event.data || {};
    if (message.type === "progress") {
      on.progress(message.stage, message);
    } else if (message.type === "ready" && !settled) {
      settled = "ready";
      clearTimeout(timer);
      performance.mark("calculator:engine-ready");
      root.dataset.engineBoot = message.boot || "normal";
      if (message.line !== undefined) root.dataset.engineLine = String(message.line);
      if (message.fallback) root.dataset.engineFallback = message.fallback;
      on.ready();
    } else if (message.type === "failed") {
      fail(message.failure || { code: "unknown", detail: String(message.message || "") });
    } else if (message.type === "result" && pending.has(message.id)) {
      pending.get(message.id)(message.result);
      pending.delete(message.id);
    }
  };
  const onError = (event) => {
    event.preventDefault();
    const detail = [event.message, event.filename].filter(Boolean).join(" at ")
      || "the worker reported an error event";
    fail({ code: settled === "ready" ? "broken" : "worker", file: WORKER_FILE, detail });
  };

  function begin() {
    if (stopped) return;
    if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
      fail({ code: "no-webassembly", detail: `typeof WebAssembly is ${typeof WebAssembly} in the page` });
      return;
    }
    if (typeof Worker !== "function") {
      fail({ code: "no-worker", detail: `typeof Worker is ${typeof Worker} in the page` });
      return;
    }
    try {
      worker = engineWorker(root, onMessage, onError);
    } catch (error) {
      fail({ code: "worker", file: WORKER_FILE, detail: String(error.message || error) });
      return;
    }
    const timeout = Number(root.dataset.timeout) || DEFAULT_TIMEOUT_MS;
    timer = setTimeout(
      () => fail({ code: "timeout", seconds: Math.round(timeout / 1000),
        detail: `no answer from the worker after ${timeout} ms` }),
      timeout,
    );
  }
  // Never synchronously: the caller sees the handle before any callback. A
  // link's engine starts at once: a worker the head script started is adopted.
  if (startedEarly() || now) queueMicrotask(begin);
  else whenLoaded(() => queueMicrotask(begin));
  return handle;
}

// ---------------------------------------------------------------------------
// Page pieces
// ---------------------------------------------------------------------------

function formQuery(form) {
  const params = new URLSearchParams();
  for (const control of form.elements) {
    if (control.name && !control.disabled) params.append(control.name, control.value);
  }
  return params.toString();
}

// The query for a changed preset, prompted model or date: the inputs that
// choice fills are left out, so the engine fills them from it (the form then
// shows them). Choosing no preset leaves them out too: the defaults come back.
// A prompted model of "none" hands the prompted side back to the preset.
function presetQuery(form, changed) {
  const select = fieldControl(form, "preset");
  const params = new URLSearchParams(formQuery(form));
  if (changed === "prompt_preset") {
    const prompted = fieldControl(form, "prompt_preset");
    if (prompted && (prompted.value || (select && select.value))) {
      for (const name of (prompted.dataset.fills || "").split(" ")) params.delete(name);
    }
    return params.toString();
  }
  if (!select) return params.toString();
  const dropped = changed === "preset" ? (select.dataset.fills || "").split(" ")
    : ["model_lifetime_months"];
  for (const name of dropped) params.delete(name);
  return params.toString();
}

// The form control of a scenario field, matched by its name only:
// form.elements.namedItem would also match an element's id (f-examples).
function fieldControl(form, name) {
  return [...form.elements].find((control) => control.name === name) || null;
}

// Which field each name a link may use means (both spellings), as the build
// published it from calculator.query.query_names: one rule for the engine
// and the form.
function queryNames(root) {
  try {
    return new Map(Object.entries(JSON.parse(root.dataset.queryNames || "{}")));
  } catch {
    return new Map();
  }
}

// Puts a link's values into the form as typed text (never as markup); the
// engine validates them and reports bad ones next to their fields.
function fillForm(form, query, names) {
  for (const [param, value] of new URLSearchParams(query)) {
    const name = names.get(param);
    const control = name ? fieldControl(form, name) : null;
    if (!control || !("value" in control)) continue;
    if (control.tagName === "SELECT") {
      const option = [...control.options].find((o) => o.value === value);
      if (option) control.value = value;
    } else {
      control.value = value;
    }
  }
}

// The line under each price saying where its figure came from (the option's own,
// an estimate, a generic default or the reader's entry): plain text, never HTML.
function showSources(form, sources) {
  for (const slot of form.querySelectorAll("[data-source-field]")) {
    const text = sources[slot.dataset.sourceField];
    if (typeof text === "string") slot.textContent = text;
  }
}

// Single-quoted for a POSIX shell (a URL-encoded query has no quotes anyway).
function shellQuote(text) {
  return `'${text.replace(/'/g, "'\\''")}'`;
}

function setStatus(root, state, parts) {
  root.dataset.engine = state;
  const text = root.querySelector(".tp-status-text");
  text.replaceChildren(
    ...parts.map((part) => {
      if (typeof part === "string") return document.createTextNode(part);
      const code = document.createElement("code");
      code.textContent = part.code;
      return code;
    }),
  );
}

function showErrors(root, form, errors) {
  const general = [];
  for (const control of form.elements) {
    if (!control.name) continue;
    const message = errors[control.name] || "";
    const slot = document.getElementById(`f-${control.name}-error`);
    if (slot) slot.textContent = message;
    if (message) {
      control.setAttribute("aria-invalid", "true");
      if (slot && !(control.getAttribute("aria-describedby") || "").includes(slot.id)) {
        control.setAttribute(
          "aria-describedby",
          `${control.getAttribute("aria-describedby") || ""} ${slot.id}`.trim(),
        );
      }
    } else {
      control.removeAttribute("aria-invalid");
    }
    control.closest(".tp-field")?.classList.toggle("tp-field--invalid", Boolean(message));
  }
  for (const [name, message] of Object.entries(errors)) {
    if (!fieldControl(form, name)) general.push(message);
  }
  const box = root.querySelector("#calculator-query-errors");
  box.textContent = general.length ? `This link's inputs have problems: ${general.join("; ")}.` : "";
  box.hidden = general.length === 0;
}

async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Permission refused or no focus: try the older way below.
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.setAttribute("aria-hidden", "true");
  area.className = "tp-offscreen";
  const focused = document.activeElement;
  document.body.append(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand("copy");
  } finally {
    area.remove();
    if (focused && typeof focused.focus === "function") focused.focus();
  }
  if (!copied) throw new Error("copy refused");
}

// ---------------------------------------------------------------------------
// The calculator on the current page
// ---------------------------------------------------------------------------

function mount(root) {
  const state = {
    ready: false,
    failed: false,
    seq: 0,
    firstLive: true,
    edited: false,
    invalid: false,
    markdown: "",
    failure: null,
    initialQuery: window.location.search.replace(/^\?/, ""),
    debounce: 0,
    feedback: 0,
  };
  const form = root.querySelector("#calculator-form");
  const names = queryNames(root);
  const region = root.querySelector("#calculator-result");
  const stale = root.querySelector("#calculator-stale");
  const feedback = root.querySelector(".tp-copy-feedback");

  // The engine starts once the page has loaded (see whenLoaded); the rest of
  // this function only wires up event handlers.
  const handlers = {
    progress: (stage, figures) => {
      if (!state.ready && !state.failed && LOADING_STAGES[stage]) {
        setStatus(root, "loading", [figures.offline ? OFFLINE_STAGE : LOADING_STAGES[stage]]);
        showProgress(root, figures.loaded, figures.total, Boolean(figures.offline));
      }
    },
    ready: () => {
      state.ready = true;
      setStatus(root, "ready", ["Live results on: the result follows every change you make."]);
      if (state.edited || !state.initialQuery) recompute(formQuery(form));
      else recompute(state.initialQuery, true); // a link: show every value it implies
    },
    failed: (failure) => {
      state.ready = false;
      state.failed = true;
      state.failure = failure;
      reportFailure();
    },
  };
  let engine = startEngine(root, handlers, Boolean(state.initialQuery));

  // "Try again": a new worker; the browser's cache keeps what already arrived.
  function retry() {
    engine.stop();
    state.failed = false;
    state.failure = null;
    hideFailureTools(root);
    delete root.dataset.engineFallback;
    setStatus(root, "loading", [LOADING_STAGES.start]);
    engine = startEngine(root, handlers);
  }

  function markStale(kind) {
    region.dataset.state = "stale";
    stale.textContent = STALE_NOTES[kind];
    stale.hidden = false;
  }

  function markFresh() {
    region.dataset.state = "fresh";
    stale.hidden = true;
  }

  // True while the result on show was rendered at build time for the
  // defaults but the inputs (from the link or typed) may differ.
  function showingDefaultsForOtherInputs() {
    return region.dataset.source === "prerendered" && (state.edited || Boolean(state.initialQuery));
  }

  // The cause stays on show until the engine runs again, whatever is edited.
  function reportFailure() {
    const query = state.edited ? formQuery(form) : state.initialQuery;
    const parts = [`${failureSentence(state.failure)} `];
    if (region.dataset.source === "live") {
      parts.push("The result below is the last one computed. ");
    } else if (region.dataset.source === "pending") {
      parts.push("No result is shown for these inputs. ");
    } else {
      parts.push("The result below was computed when the site was built, for the default inputs. ");
    }
    parts.push("To compute your own numbers, run ", { code: "python -m calculator --help" });
    if (query) {
      parts.push(" or, for the inputs in this form, ", {
        code: `python -m calculator --query ${shellQuote(query)}`,
      });
    }
    parts.push(" in a copy of the project.");
    setStatus(root, "failed", parts);
    showFailureTools(root, state.failure, retry);
    pendingFailed(root, "No result: the live engine could not start (see above).");
    if (showingDefaultsForOtherInputs()) markStale("offline");
  }

  async function recompute(query, fill = false) {
    const seq = ++state.seq;
    const answer = await engine.compute(query);
    if (!answer || seq !== state.seq || !root.isConnected) return; // superseded or gone
    if (answer.ok) {
      state.invalid = false;
      showErrors(root, form, {});
      // The Python renderer escapes everything it prints; the allow-list of
      // sanitize.js is the second line of defence, the CSP the third.
      // The first answer for the default inputs is the result already on the
      // page (same code, same inputs): only its label changes, which spares
      // the page a re-layout just as it finishes loading.
      const prerendered = root.querySelector("#calculator-markdown")?.content.textContent;
      if (region.dataset.source !== "prerendered" || answer.markdown !== prerendered) {
        region.replaceChildren(sanitizedFragment(answer.html));
      }
      region.dataset.verdict = answer.verdict;
      region.dataset.source = "live";
      region.setAttribute("aria-busy", "false");
      markFresh();
      if (fill && answer.values) fillForm(form, new URLSearchParams(answer.values).toString(), names);
      showSources(form, answer.sources || {});
      state.markdown = answer.markdown;
      const url = new URL(window.location.href);
      url.search = answer.query ? `?${answer.query}` : "";
      if (url.href !== window.location.href) {
        window.history.replaceState(window.history.state, "", url);
      }
      if (state.firstLive) {
        state.firstLive = false;
        performance.mark("calculator:first-live-result");
      }
      performance.mark("calculator:result");
    } else {
      state.invalid = true;
      showErrors(root, form, answer.errors || {});
      if (region.dataset.source === "pending") {
        pendingFailed(root, "No result: some inputs are invalid (see the messages next to them).");
      } else {
        markStale(region.dataset.source === "live" ? "invalid" : "invalidDefaults");
      }
    }
  }

  function onInput(event) {
    state.edited = true;
    clearTimeout(state.debounce);
    if (state.ready) {
      const delay = event.type === "change" ? 0 : DEBOUNCE_MS;
      const name = event.target && event.target.name;
      const preset = name === "preset" || name === "as_of" || name === "prompt_preset";
      state.debounce = setTimeout(
        () => recompute(preset ? presetQuery(form, name) : formQuery(form), preset), delay);
    } else if (state.failed) {
      reportFailure();
    } else if (region.dataset.source !== "pending") {
      markStale("edited");
    }
  }

  function say(text) {
    feedback.textContent = text;
    clearTimeout(state.feedback);
    state.feedback = setTimeout(() => {
      feedback.textContent = "";
    }, FEEDBACK_MS);
  }

  async function copyLink() {
    try {
      // The link names this release, not `latest` (see release-links.js).
      await copyText(frozenUrl(root, window.location.href));
      say(state.invalid ? "Link copied; it holds the last valid inputs." : "Link copied.");
    } catch {
      say("Could not copy here: copy the address from the address bar instead.");
    }
  }

  async function copyMarkdown() {
    let markdown = state.markdown;
    if (!markdown && !showingDefaultsForOtherInputs()) {
      markdown = root.querySelector("#calculator-markdown")?.content.textContent || "";
    }
    if (!markdown) {
      say(state.failed
        ? "The decision record for these inputs needs the live engine: use "
          + "python -m calculator --format markdown instead."
        : "The decision record for these inputs is ready once the live engine has loaded.");
      return;
    }
    try {
      await copyText(markdown);
      say(state.invalid
        ? "Decision record copied as Markdown, for the last valid inputs."
        : "Decision record copied as Markdown.");
    } catch {
      say("Could not copy the Markdown in this browser.");
    }
  }

  // Links in the result to this page with other inputs ("what would change
  // the verdict", "link to this result") are applied in place: the theme's
  // instant navigation would only change the address, and a reload would
  // restart the engine.
  function onResultClick(event) {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey
      || event.altKey) return;
    const url = new URL(link.href);
    if (url.origin !== window.location.origin || url.pathname !== window.location.pathname) return;
    event.preventDefault();
    event.stopPropagation();
    form.reset();
    fillForm(form, url.search.replace(/^\?/, ""), names);
    const field = link.dataset.field ? fieldControl(form, link.dataset.field) : null;
    if (field && typeof field.focus === "function") field.focus();
    onInput({ type: "change" });
  }

  if (state.initialQuery) {
    fillForm(form, state.initialQuery, names);
    fillPresetFigures(root, form, state.initialQuery, names);
    showPending(root, form, state.initialQuery, names);
    setStatus(root, "loading", [LOADING_STAGES.start]);
  }
  region.addEventListener("click", onResultClick);
  form.addEventListener("input", onInput);
  form.addEventListener("change", onInput);
  form.addEventListener("submit", (event) => {
    // Without this script the form submits to the address bar (GET); with
    // it, results are live and Enter in a field just recomputes at once.
    event.preventDefault();
    if (state.ready) {
      clearTimeout(state.debounce);
      recompute(formQuery(form));
    }
  });
  root.querySelector('[data-action="copy-link"]').addEventListener("click", copyLink);
  root.querySelector('[data-action="copy-markdown"]').addEventListener("click", copyMarkdown);

  return {
    root,
    stop() {
      clearTimeout(state.debounce);
      clearTimeout(state.feedback);
      engine.stop();
    },
  };
}

// One calculator at most, the one on the page shown now. Called at once and
// again for every page the theme's instant navigation shows (document$).
function connect() {
  const root = document.getElementById("calculator");
  if (active && active.root === root) return;
  if (active) {
    active.stop();
    active = null;
  }
  if (root) active = mount(root);
}

connect();
if (typeof window.document$ !== "undefined") {
  window.document$.subscribe(connect);
}
