// The calculator page opened from a link: the result pre-rendered at build
// time is for the default inputs only, so it must never be on show, not even
// for one frame, while this link's own result is being computed.
//
// A classic script in the page's head (overrides/partials/calculator-head.html),
// so it runs before the body is parsed. It watches the parser: the moment the
// result region (#calculator-result) and the summary above the form exist, it
// marks the region pending (data-verdict="", aria-busy="true",
// data-source="pending") and takes the default result out of both. Mutation
// callbacks run before the parser yields, so no paint and no other script sees
// the default verdict. calculator.js then shows the link's inputs and the
// engine's progress in their place (calculator-pending.js). A page shown by
// the theme's instant navigation is handled by calculator.js alone.
(() => {
  if (!window.location.search.replace(/^\?/, "")) return;
  const PLACEHOLDER = "Computing the result for this link\u2019s inputs\u2026";

  function placeholder() {
    const note = document.createElement("p");
    note.className = "tp-pending tp-pending-note";
    note.textContent = PLACEHOLDER;
    return note;
  }

  function clear(container) {
    for (const child of [...container.childNodes]) {
      if (!(child instanceof Element && child.classList.contains("tp-pending"))) child.remove();
    }
    if (!container.querySelector(".tp-pending")) container.append(placeholder());
  }

  function guard() {
    // The status line's build-time text speaks of the default result.
    const status = document.querySelector("#calculator-status .tp-status-text");
    if (status && !status.dataset.linked) {
      status.dataset.linked = "true";
      status.textContent = "Live engine loading\u2026";
    }
    const region = document.getElementById("calculator-result");
    if (region && region.querySelector(".tp-result--pending")) {
      watcher.disconnect(); // calculator.js has taken over
      return;
    }
    if (region) {
      // Only what differs is written: other observers watch these attributes.
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
