// The outdated-release banner: its link opens the same page in `latest`, with
// the same query and fragment, so an old calculator link can be compared with
// the newest release's result in one click. The banner itself is the theme's
// (shown on any release but the latest); this only completes its link, when
// the page changes and again just before the link is used (the calculator
// rewrites the query as the reader edits the inputs).
//
// It also names the theme's version selector by what it shows: the button
// reads "0.1.0" but is labelled "Select version", and a label must contain
// the visible text (WCAG 2.5.3) for people who operate it by voice.

const LINK = "a.tp-latest-link";

function complete(link) {
  if (!link.dataset.page) link.dataset.page = link.getAttribute("href");
  const target = new URL(link.dataset.page, window.location.href);
  target.search = window.location.search;
  target.hash = window.location.hash;
  link.href = target.href;
}

function completeAll() {
  for (const link of document.querySelectorAll(LINK)) complete(link);
}

function onUse(event) {
  const link = event.target instanceof Element ? event.target.closest(LINK) : null;
  if (link) complete(link);
}

// "Version 0.1.0: choose another version" for the selector's button.
function nameVersionButtons(topic) {
  for (const button of topic.querySelectorAll(".md-version__current")) {
    const label = `Version ${button.textContent.trim()}: choose another version`;
    if (button.getAttribute("aria-label") !== label) button.setAttribute("aria-label", label);
  }
}

// The theme adds the selector once versions.json has loaded, into the header.
function watchVersionSelector() {
  const topic = document.querySelector(".md-header__title");
  if (!topic) return;
  nameVersionButtons(topic);
  new MutationObserver(() => nameVersionButtons(topic))
    .observe(topic, { childList: true, subtree: true });
}

completeAll();
watchVersionSelector();
if (typeof window.document$ !== "undefined") window.document$.subscribe(completeAll);
for (const type of ["pointerdown", "focusin", "click", "contextmenu"]) {
  document.addEventListener(type, onUse, true);
}
