// The calculator page's view helpers, around the engine glue in calculator.js:
//
//   - the verdict at a glance above the form (narrow screens), kept in step
//     with every result shown;
//   - the folded "Costs and prices" section: its one-line summary follows what
//     is typed, and it opens by itself when a link sets one of its fields or
//     one of them is invalid (a folded field could not be seen or focused);
//   - Copy link in the glance: the toolbar's own button, pressed for the
//     reader, its feedback repeated beside it (the toolbar's stays the one
//     announced);
//   - "Reset to defaults": the form's reset button, followed by a recompute
//     (a pinned A stays pinned);
//   - the preset select applies a preset on a deliberate choice: picked from
//     its list, or, after arrowing through it, on Enter or on leaving it; not
//     at each arrow press, which would rewrite a dozen figures each time;
//   - "Pin as A": keeps the current scenario in the form's hidden `pin` field,
//     so the engine returns A and the current result side by side and the
//     address bar (and so a copied link) carries both.
//
// Nothing here computes or renders a result: the words all come from the
// calculator's Python renderer. Imported by calculator.js; it acts only on a
// page with #calculator and follows the theme's instant navigation.

const PIN = "pin";
const PIN_LABELS = { off: "Pin as A", on: "Unpin A" };

let current = null; // {root, stop()} for the calculator on the page shown now

function pinFromLocation() {
  const params = new URLSearchParams(window.location.search);
  return params.has(PIN) ? params.get(PIN) : null;
}

// The current scenario's query as the address bar holds it, without the pin.
function scenarioQuery() {
  const params = new URLSearchParams(window.location.search);
  params.delete(PIN);
  return params.toString();
}

// The figure as the build prints it (calculator.schema.format_number):
// thousands grouped with commas, at most six decimals, no trailing zeros.
// Written out rather than left to toLocaleString, whose first call loads the
// browser's number-format data: tens of milliseconds of a phone's main thread
// while the page is still loading, for one line of figures.
function groupThousands(digits) {
  return digits.replace(/\B(?=(\d{3})+$)/g, ",");
}

function formatFigure(text) {
  const typed = String(text).trim();
  const number = Number(typed.replace(/,/g, ""));
  if (typed === "" || !Number.isFinite(number)) return String(text);
  const size = Math.abs(number);
  // toFixed switches to exponents from 1e21; such figures fail validation anyway.
  if (size >= 1e21) return typed;
  const [whole, fraction = ""] = size.toFixed(6).split(".");
  const decimals = fraction.replace(/0+$/, "");
  const shown = groupThousands(whole) + (decimals ? `.${decimals}` : "");
  return number < 0 && shown !== "0" ? `-${shown}` : shown;
}

function setup(root) {
  const form = root.querySelector("#calculator-form");
  const region = root.querySelector("#calculator-result");
  const costs = root.querySelector("#calculator-costs");
  const mirror = root.querySelector("#calculator-glance .tp-glance-slot");
  const pin = form ? form.elements.namedItem(PIN) : null;
  const pinButton = root.querySelector('[data-action="pin"]');
  const observers = [];

  // --- the verdict at a glance, above the form ------------------------------
  function mirrorGlance() {
    const glance = region && region.querySelector(".tp-result .tp-glance");
    if (!mirror || !glance) return;
    const copy = glance.cloneNode(true);
    const heading = copy.querySelector("h2.tp-verdict");
    if (heading) {
      // One heading for the verdict on the page: the copy is a paragraph.
      const paragraph = document.createElement("p");
      paragraph.className = heading.className;
      paragraph.append(...heading.childNodes);
      heading.replaceWith(paragraph);
    }
    mirror.replaceChildren(copy);
  }

  // --- the folded costs section ---------------------------------------------
  function inCosts(name) {
    const control = name && form ? form.elements.namedItem(name) : null;
    return Boolean(costs && control && control.closest && costs.contains(control));
  }

  function openCosts() {
    if (costs && !costs.open) costs.open = true;
  }

  function updateCostsLine() {
    if (!costs) return;
    for (const slot of costs.querySelectorAll("[data-summary-field]")) {
      const control = form.elements.namedItem(slot.dataset.summaryField);
      if (control && "value" in control) slot.textContent = formatFigure(control.value);
    }
  }

  function openIfInvalid() {
    if (costs && costs.querySelector('[aria-invalid="true"]')) openCosts();
  }

  // Before calculator.js applies a "what would change" link in place (it
  // focuses the field it changes), unfold the section holding that field.
  function onClickCapture(event) {
    const link = event.target instanceof Element ? event.target.closest("a[data-field]") : null;
    if (link && inCosts(link.dataset.field)) openCosts();
  }

  // --- pinning A -------------------------------------------------------------
  function showPin() {
    if (!pinButton || !pin) return;
    pinButton.textContent = pin.disabled ? PIN_LABELS.off : PIN_LABELS.on;
  }

  function applyPin(value) {
    if (!pin) return;
    pin.disabled = value === null;
    pin.value = value === null ? "" : value;
    showPin();
    // calculator.js recomputes on any change in the form.
    form.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function onPinClick() {
    applyPin(pin.disabled ? scenarioQuery() : null);
  }

  // --- Copy link from the glance ----------------------------------------------
  const glanceCopy = root.querySelector('[data-glance-action="copy-link"]');
  const glanceFeedback = root.querySelector(".tp-glance-feedback");
  const toolbarFeedback = root.querySelector(".tp-toolbar .tp-copy-feedback");

  function onGlanceCopy() {
    root.querySelector('.tp-toolbar [data-action="copy-link"]')?.click();
  }

  function echoFeedback() {
    if (glanceFeedback && toolbarFeedback) glanceFeedback.textContent = toolbarFeedback.textContent;
  }

  // --- reset ------------------------------------------------------------------
  // The reset event comes before the form is reset: act once it has been.
  function onReset() {
    const kept = pin && !pin.disabled ? pin.value : null;
    setTimeout(() => {
      if (pin && kept !== null) pin.value = kept;
      form.dispatchEvent(new Event("change", { bubbles: true }));
    }, 0);
  }

  // --- the preset select: apply on a deliberate choice ---------------------------
  const ARROWING = new Set(["ArrowUp", "ArrowDown", "Home", "End", "PageUp", "PageDown"]);
  let arrowing = false; // a key that moves the closed select's choice is down
  let held = null; // the preset select whose arrowed-to choice is not applied yet

  function isPreset(target) {
    return target instanceof HTMLSelectElement && target.hasAttribute("data-fills");
  }

  function commit() {
    const select = held;
    held = null;
    if (select) select.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function onKeydown(event) {
    if (!isPreset(event.target)) return;
    if (ARROWING.has(event.key) && !event.altKey) arrowing = true;
    else if (event.key === "Enter" && held) {
      event.preventDefault();
      commit();
    }
  }

  function onKeyup() {
    arrowing = false;
  }

  // Capture phase, ahead of calculator.js's listeners on the form.
  function onChoice(event) {
    if (!isPreset(event.target) || !arrowing) return;
    event.stopImmediatePropagation();
    held = event.target;
  }

  function onFocusout(event) {
    if (held && event.target === held) commit();
  }

  // --- wiring ----------------------------------------------------------------
  const linked = new URLSearchParams(window.location.search);
  if ([...linked.keys()].some((name) => inCosts(name))) openCosts();
  const pinned = pinFromLocation();
  if (pin && pinned !== null) {
    pin.disabled = false;
    pin.value = pinned;
  }
  showPin();
  updateCostsLine();
  openIfInvalid();

  if (region) {
    // A result also follows a link's values into the form (without input
    // events), so the folded line is refreshed with the glance.
    const watch = new MutationObserver(() => {
      mirrorGlance();
      updateCostsLine();
    });
    watch.observe(region, { childList: true, attributes: true, attributeFilter: ["data-source"] });
    observers.push(watch);
  }
  if (toolbarFeedback) {
    const watch = new MutationObserver(echoFeedback);
    watch.observe(toolbarFeedback, { childList: true, characterData: true, subtree: true });
    observers.push(watch);
  }
  if (costs) {
    const watch = new MutationObserver(openIfInvalid);
    watch.observe(costs, { subtree: true, attributes: true, attributeFilter: ["aria-invalid"] });
    observers.push(watch);
  }
  form?.addEventListener("input", updateCostsLine);
  form?.addEventListener("change", updateCostsLine);
  root.addEventListener("click", onClickCapture, true);
  pinButton?.addEventListener("click", onPinClick);
  form?.addEventListener("reset", onReset);
  root.addEventListener("keydown", onKeydown, true);
  root.addEventListener("keyup", onKeyup, true);
  root.addEventListener("input", onChoice, true);
  root.addEventListener("change", onChoice, true);
  root.addEventListener("focusout", onFocusout, true);
  glanceCopy?.addEventListener("click", onGlanceCopy);

  return {
    root,
    stop() {
      for (const watch of observers) watch.disconnect();
    },
  };
}

function connect() {
  const root = document.getElementById("calculator");
  if (current && current.root === root) return;
  if (current) current.stop();
  current = root ? setup(root) : null;
}

connect();
if (typeof window.document$ !== "undefined") {
  window.document$.subscribe(connect);
}
