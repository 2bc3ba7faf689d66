// The calculator's engine: Pyodide in a module worker, so the page never blocks.
//
// Protocol (all messages are plain objects):
//   page -> worker  {type: "init", pyodideBase, archiveUrl, siteUrl, pagePrefix}  once
//                   {type: "compute", id, query}                                 any time
//   worker -> page  {type: "progress", stage}   stage: "runtime" | "package"
//                   {type: "ready"}
//                   {type: "failed", message}    the engine cannot start or broke
//                   {type: "result", id, result} result: calculator.web.compute's dict
//
// No decision logic lives here: the same Python package computes at build
// time, in the tests and in this worker. Everything is fetched from the site's
// own origin; nothing is installed at run time (no micropip, no loadPackage).

const PACKAGE_DIR = "/home/pyodide/tune-or-prompt";

// Defined once in Python; the page's query is passed as an argument, never
// pasted into source code.
const ENTRY_POINT = `
import json
import sys

sys.path.insert(0, ${JSON.stringify(PACKAGE_DIR)})
from calculator.web import compute as _compute


def _answer(query, site_url, page_prefix):
    return json.dumps(_compute(query, site_url, page_prefix))


_answer
`;

let engine = null;
let settings = null;

function describe(error) {
  return String((error && error.message) || error || "unknown error");
}

async function boot(init) {
  if (typeof WebAssembly !== "object") {
    throw new Error("this browser has no WebAssembly");
  }
  // The package downloads while Pyodide boots, so it adds next to nothing.
  const archive = fetch(init.archiveUrl).then((response) => {
    if (!response.ok) throw new Error(`the calculator package answered HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  archive.catch(() => {}); // reported when awaited below
  self.postMessage({ type: "progress", stage: "runtime" });
  const { loadPyodide } = await import(`${init.pyodideBase}pyodide.mjs`);
  const pyodide = await loadPyodide({ indexURL: init.pyodideBase });
  self.postMessage({ type: "progress", stage: "package" });
  pyodide.unpackArchive(await archive, "zip", { extractDir: PACKAGE_DIR });
  const answer = pyodide.runPython(ENTRY_POINT);
  return (query) => JSON.parse(answer(query, settings.siteUrl, settings.pagePrefix));
}

self.addEventListener("message", async (event) => {
  const message = event.data || {};
  if (message.type === "init" && engine === null) {
    settings = { siteUrl: String(message.siteUrl), pagePrefix: String(message.pagePrefix) };
    engine = boot(message);
    try {
      await engine;
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", message: describe(error) });
    }
  } else if (message.type === "compute" && engine !== null) {
    let compute;
    try {
      compute = await engine;
    } catch {
      return; // already reported as failed
    }
    try {
      self.postMessage({ type: "result", id: message.id, result: compute(String(message.query)) });
    } catch (error) {
      self.postMessage({ type: "failed", message: `the engine broke: ${describe(error)}` });
    }
  }
});
