// Offline support: registers the site's service worker (sw.js at the site
// root) once the page has loaded, then asks it to keep each page the visitor
// opens, with the files that page used. On the calculator page it also asks
// for the calculator engine (Pyodide and the calculator archive), but only
// once the engine has started, so the files come from the browser's cache
// instead of being downloaded twice.
//
// Progress is published as performance marks: "offline:page-kept" after a
// page is stored, "offline:engine-kept" after the engine is stored; each
// mark's detail.version names the deploy whose cache holds them.
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
        performance.mark(mark, { detail: { version: event.data.version } });
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

  // Resolves once no newer version is on its way: the one installing or
  // waiting has taken over, or failed. Until then the page's requests are
  // held back: the older version's cache is about to go, and a message would
  // wake the older version up while the newer one waits for it to fall idle,
  // which delays the handover by half a minute or more (see sw.js).
  function settled(registration) {
    return new Promise((resolve) => {
      const check = () => {
        const coming = registration.installing || registration.waiting;
        if (coming) {
          coming.addEventListener("statechange", check, { once: true });
        } else {
          resolve(registration);
        }
      };
      check();
    });
  }

  function keepPage(registration) {
    const urls = usedFiles();
    settled(registration).then(() =>
      keep(registration, { urls, engine: false }, "offline:page-kept"),
    );
    const calculator = document.getElementById("calculator");
    if (calculator) {
      engineReady(calculator)
        .then(() => settled(registration))
        .then(() => keep(registration, {
          urls: usedFiles(),
          // The snapshot start's files (calculator-worker.js): whatever start
          // this visit made, a returning reader's engine then starts from the
          // snapshot, the fastest start once nothing needs downloading; the
          // snapshot itself downloads now, after the first result. Nothing else.
          engine: calculator.dataset.snapshot ? "snapshot"
            : (calculator.dataset.engineBoot || true),
        }, "offline:engine-kept"));
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
        // Registering again does not look for a new deploy; the browser's
        // own check after a navigation comes when it likes. Look now, so that
        // a new version is known before the page asks for a copy (settled()).
        // Offline the check fails, and the page goes on with what it has.
        const checked = registration.update().catch(() => undefined);
        return Promise.all([navigator.serviceWorker.ready, checked]);
      })
      .then(([registration]) => {
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
