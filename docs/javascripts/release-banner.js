// The outdated-release banner: its link opens the same page in `latest`, with
// the same query and fragment, so an old calculator link can be compared with
// the newest release's result in one click. The banner itself is the theme's
// (shown on any release but the latest); this only completes its link, when
// the page changes and again just before the link is used (the calculator
// rewrites the query as the reader edits the inputs).

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

completeAll();
if (typeof window.document$ !== "undefined") window.document$.subscribe(completeAll);
for (const type of ["pointerdown", "focusin", "click", "contextmenu"]) {
  document.addEventListener(type, onUse, true);
}
