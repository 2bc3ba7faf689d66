// Make the calculator engine's memory snapshot: a Pyodide heap in which the
// calculator package and everything calculator.web.compute needs are already
// imported, so that a browser restores it instead of booting Python and
// importing dozens of modules.
//
// Usage: node scripts/make_snapshot.mjs PYODIDE_DIR ARCHIVE OUTPUT
//
// PYODIDE_DIR is the pinned Pyodide (node_modules/pyodide/), ARCHIVE the
// calculator archive the site ships, OUTPUT the raw snapshot to write. The
// MkDocs hook overrides/hooks/pyodide_assets.py runs this, compresses the
// result and ships it; any failure here exits non-zero and fails the build.
//
// makeMemorySnapshot and the _makeSnapshot option are underscore APIs of the
// exact Pyodide version package.json pins: the browser worker checks that the
// snapshot restores (Pyodide itself rejects a snapshot made by another build)
// and falls back to a normal boot when it does not.

import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

// Where the worker unpacks the package in a normal boot; the snapshot uses the
// same place so both interpreters look alike.
const PACKAGE_DIR = "/home/pyodide/tune-or-prompt";

// Imports every module of the package (new modules are picked up without a
// change here), then runs the browser's entry point on a few queries so that
// any module the standard library imports lazily on those paths is loaded too.
// The import caches are emptied last: a restored interpreter has no package
// files on disk and must not trust directory listings of the build machine.
const RECIPE = `
import gc
import importlib
import json
import pkgutil
import sys
import zipimport

sys.path.insert(0, ${JSON.stringify(PACKAGE_DIR)})
import calculator

for module in pkgutil.walk_packages(calculator.__path__, "calculator."):
    if module.name.rsplit(".", 1)[-1] != "__main__":
        importlib.import_module(module.name)

from calculator.web import compute

for query in ("", "examples=-1&monthly_requests=abc&nonsense=1", "examples=50000"):
    json.dumps(compute(query, "https://example.invalid/", "../"))

sys.path_importer_cache.clear()
zipimport._zip_directory_cache.clear()
importlib.invalidate_caches()
gc.collect()
`;

function fail(message) {
  console.error(`make_snapshot: ${message}`);
  process.exit(1);
}

const [pyodideDir, archive, output] = process.argv.slice(2);
if (!pyodideDir || !archive || !output) {
  fail("usage: node scripts/make_snapshot.mjs PYODIDE_DIR ARCHIVE OUTPUT");
}

try {
  const base = `${resolve(pyodideDir)}/`;
  const { loadPyodide } = await import(pathToFileURL(`${base}pyodide.mjs`).href);
  const pyodide = await loadPyodide({ indexURL: base, _makeSnapshot: true });
  pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", {
    extractDir: PACKAGE_DIR,
  });
  pyodide.runPython(RECIPE);
  const snapshot = pyodide.makeMemorySnapshot();
  if (!(snapshot instanceof Uint8Array) || snapshot.length < 1 << 20) {
    fail(`makeMemorySnapshot returned ${snapshot && snapshot.length} bytes`);
  }
  writeFileSync(output, snapshot);
  console.log(`snapshot: ${snapshot.length} bytes, Pyodide ${pyodide.version}`);
} catch (error) {
  fail(String((error && error.stack) || error));
}
