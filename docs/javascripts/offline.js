// Offline support: registers the site's service worker (sw.js at the site
// root) once the page has loaded, then asks it to keep each page the visitor
// opens, with the files that page used. On the calculator page it also asks
// for the calculator engine (Pyodide and the calculator archive), but only
// once the engine has started, so the files come from the browser's cache
// instead of being downloaded twice.
//
// Progress is published as performance marks: "offline:page-kept" after a
// page is stored, "offline:engine-kept" after the engine is stored.
(function () {
  "use strict";

  if (!("serviceWorker" in navigator) || !document.currentScript) return;

  // This file is javascripts/offline.js: the site root is one level up.
  const root = new URL("..", document.currentScript.src);

  function usedFiles() {
    const urls = new Set([location.origin + location.pathname]);
    for (const entry of performance.getEntriesByType("resource")) {
      // Skip what the server did not have (the theme asks for the release
      // list, versions.json, which exists only on a site published with mike).
      if (entry.responseStatus >= 400) continue;
      const url = new URL(entry.name);
      if (url.href.startsWith(root.href)) urls.add(url.origin + url.pathname);
    }
    return [...urls];
  }

  function keep(registration, message, mark) {
    const worker = registration.active;
    if (!worker) return;
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => {
      if (event.data && event.data.ok) {
        performance.mark(mark);
      } else {
        console.warn("Offline copy incomplete:", event.data && event.data.error);
      }
    };
    worker.postMessage({ type: "keep", ...message }, [channel.port2]);
  }

  // Resolves when the calculator's engine is ready; never when it fails.
  function engineReady(calculator) {
    return new Promise((resolve) => {
      const check = () => {
        if (calculator.dataset.engine !== "ready") return false;
        resolve();
        return true;
      };
      if (check()) return;
      const observer = new MutationObserver(() => check() && observer.disconnect());
      observer.observe(calculator, { attributes: true, attributeFilter: ["data-engine"] });
    });
  }

  function keepPage(registration) {
    keep(registration, { urls: usedFiles(), engine: false }, "offline:page-kept");
    const calculator = document.getElementById("calculator");
    if (calculator) {
      engineReady(calculator).then(() =>
        keep(registration, { urls: usedFiles(), engine: true }, "offline:engine-kept"),
      );
    }
  }

  // A new version that has stored everything takes over at once (sw.js asks
  // for that itself; this repeats the request, see "skip-waiting" there).
  function hurryWaiting(registration) {
    const nudge = () => registration.waiting?.postMessage({ type: "skip-waiting" });
    const follow = (worker) => worker?.addEventListener("statechange", () => {
      if (worker.state === "installed") nudge();
    });
    nudge();
    follow(registration.installing);
    registration.addEventListener("updatefound", () => follow(registration.installing));
  }

  function start() {
    navigator.serviceWorker
      .register(new URL("sw.js", root), { scope: root.pathname })
      .then((registration) => {
        hurryWaiting(registration);
        return navigator.serviceWorker.ready;
      })
      .then((registration) => {
        // The theme's instant navigation swaps pages without reloading:
        // document$ emits once per page shown.
        if (window.document$) {
          window.document$.subscribe(() => keepPage(registration));
        } else {
          keepPage(registration);
        }
      })
      .catch((error) => console.warn("Offline support unavailable:", error));
  }

  if (document.readyState === "complete") {
    start();
  } else {
    window.addEventListener("load", start, { once: true });
  }
})();
