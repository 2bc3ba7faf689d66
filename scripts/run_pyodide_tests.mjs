// Run the calculator's unit tests inside Pyodide, against the built site.
//
// Usage: node scripts/run_pyodide_tests.mjs SITE_DIR [-- PYTEST_ARGS...]
//
// It boots the Pyodide the site ships (SITE_DIR/assets/pyodide/<version>/),
// unpacks the very calculator archive the site serves to browsers, loads
// pytest's pure-Python wheels from .cache/pyodide-wheels (no network), copies
// tests/calculator into Pyodide's file system and runs pytest there. The exit
// status is pytest's, so a failure inside Pyodide fails the caller.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = resolve(import.meta.dirname, "..");
const [siteArg, separator, ...pytestArgs] = process.argv.slice(2);
if (!siteArg || (separator && separator !== "--")) {
  console.error("usage: node scripts/run_pyodide_tests.mjs SITE_DIR [-- PYTEST_ARGS...]");
  process.exit(2);
}
const site = resolve(siteArg);

function only(dir, pattern, what) {
  const found = readdirSync(dir).filter((name) => pattern.test(name));
  if (found.length !== 1) {
    console.error(`expected one ${what} in ${dir}, found ${found.length}`);
    process.exit(2);
  }
  return join(dir, found[0]);
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "__pycache__") return [];
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const pyodideDir = only(join(site, "assets", "pyodide"), /^\d/, "Pyodide version") + "/";
const archive = only(join(site, "assets", "calculator"), /^calculator-.*\.zip$/, "calculator archive");
const wheelDir = join(ROOT, ".cache", "pyodide-wheels");
const wheels = readdirSync(wheelDir).filter((name) => name.endsWith(".whl"));
if (wheels.length === 0) {
  console.error(`no wheels in ${wheelDir}: run 'bash scripts/setup.sh'`);
  process.exit(2);
}

const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
const pyodide = await loadPyodide({ indexURL: pyodideDir });
console.log(`Pyodide ${pyodide.version}, Python ${pyodide.runPython("import sys; sys.version.split()[0]")}`);

for (const wheel of wheels) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(join(wheelDir, wheel))), "wheel", {
    extractDir: "/home/pyodide/wheels",
  });
}
const work = "/home/pyodide/run";
pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: work });
for (const file of [join(ROOT, "tests", "__init__.py"), ...filesUnder(join(ROOT, "tests", "calculator"))]) {
  const target = `${work}/${relative(ROOT, file)}`;
  pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
  pyodide.FS.writeFile(target, new Uint8Array(readFileSync(file)));
}
console.log(`calculator from ${relative(ROOT, archive)}; wheels: ${wheels.join(", ")}`);

pyodide.globals.set("pytest_args", pyodide.toPy(pytestArgs));
const status = await pyodide.runPythonAsync(`
import os, sys
os.chdir("${work}")
sys.path[:0] = ["${work}", "/home/pyodide/wheels"]
import calculator, pytest
assert calculator.__file__.startswith("${work}/calculator/"), calculator.__file__
pytest.main(["-p", "no:cacheprovider", "-W", "error", "--strict-markers",
             "-o", "console_output_style=classic", "tests/calculator", *pytest_args])
`);
process.exit(Number(status));
