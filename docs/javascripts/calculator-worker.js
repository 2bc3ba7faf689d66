// The calculator's engine: Pyodide in a module worker, so the page never blocks.
//
// The page posts {type: "init", pyodideBase, archiveUrl} once, then
// {type: "compute", id, query, siteUrl, pagePrefix}. The worker answers
// {type: "ready"}, {type: "failed", message} and {type: "result", id, result},
// where result is the dict of calculator.web.compute. No logic lives here: the
// same Python package computes at build time, in the tests and in this worker.

let engine = null;

async function boot({ pyodideBase, archiveUrl }) {
  // Fetch the package while Pyodide boots: it adds next to nothing to start-up.
  const archive = fetch(archiveUrl).then((response) => {
    if (!response.ok) throw new Error(`calculator package: HTTP ${response.status}`);
    return response.arrayBuffer();
  });
  const { loadPyodide } = await import(`${pyodideBase}pyodide.mjs`);
  const pyodide = await loadPyodide({ indexURL: pyodideBase });
  pyodide.unpackArchive(await archive, "zip", { extractDir: "/home/pyodide/tune-or-prompt" });
  pyodide.runPython("import sys; sys.path.insert(0, '/home/pyodide/tune-or-prompt')");
  const web = pyodide.pyimport("calculator.web");
  return (query, siteUrl, pagePrefix) => {
    const answer = web.compute(query, siteUrl, pagePrefix);
    try {
      return answer.toJs({ dict_converter: Object.fromEntries });
    } finally {
      answer.destroy();
    }
  };
}

self.addEventListener("message", async (event) => {
  const message = event.data;
  if (message.type === "init" && engine === null) {
    engine = boot(message);
    try {
      await engine;
      self.postMessage({ type: "ready" });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error && error.message || error) });
    }
  } else if (message.type === "compute" && engine !== null) {
    try {
      const compute = await engine;
      const result = compute(message.query, message.siteUrl, message.pagePrefix);
      self.postMessage({ type: "result", id: message.id, result });
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error && error.message || error) });
    }
  }
});
