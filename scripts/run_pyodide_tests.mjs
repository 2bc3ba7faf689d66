// Run the calculator's unit tests inside Pyodide, against the built site.
//
// Usage: node scripts/run_pyodide_tests.mjs SITE_DIR [--snapshot] [--tests DIR] [-- PYTEST_ARGS...]
//
// It boots the Pyodide the site ships (SITE_DIR/assets/pyodide/<version>/),
// unpacks the very calculator archive the site serves to browsers, unpacks
// pytest's pure-Python wheels from .cache/pyodide-wheels (downloaded by
// scripts/setup.sh from scripts/pyodide-test-requirements.txt; nothing is
// fetched here), copies the tests (tests/calculator, or DIR) and the
// project's pytest configuration (pyproject.toml) into Pyodide's file system
// and runs pytest there.
//
// With --snapshot, the interpreter is instead restored from the memory
// snapshot the site ships (SITE_DIR/assets/pyodide/<version>/calculator-
// snapshot-*.bin.gz, unpacked by javascripts/calculator-snapshot.js), as the
// browser restores it, and the archive is not unpacked: the tests run against
// the calculator modules held in the snapshot.
// The standard library is mounted (pytest needs it), unlike in the browser.
//
// The exit status is pytest's, so a failure inside Pyodide fails the caller.
// The last line of output is machine-readable:
//   PYODIDE-SUMMARY {"passed": 120, "failed": 0, ...}

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const ROOT = resolve(import.meta.dirname, "..");
const WORK = "/home/pyodide/run";
const WHEELS = "/home/pyodide/wheels";

function usage(message) {
  console.error(message);
  console.error(
    "usage: node scripts/run_pyodide_tests.mjs SITE_DIR [--snapshot] [--tests DIR] [-- PYTEST_ARGS...]",
  );
  process.exit(2);
}

function parseArguments(argv) {
  const options = {
    site: null, snapshot: false, tests: join(ROOT, "tests", "calculator"), pytest: [],
  };
  for (let i = 0; i < argv.length; i += 1) {
    if (argv[i] === "--") {
      options.pytest = argv.slice(i + 1);
      break;
    } else if (argv[i] === "--snapshot") {
      options.snapshot = true;
    } else if (argv[i] === "--tests") {
      if (!argv[i + 1]) usage("--tests needs a directory");
      options.tests = resolve(argv[(i += 1)]);
    } else if (!options.site) {
      options.site = resolve(argv[i]);
    } else {
      usage(`unexpected argument: ${argv[i]}`);
    }
  }
  if (!options.site) usage("SITE_DIR is required");
  return options;
}

function only(dir, pattern, what) {
  if (!existsSync(dir)) usage(`${dir} does not exist: build the site first (mkdocs build)`);
  const found = readdirSync(dir).filter((name) => pattern.test(name));
  if (found.length !== 1) usage(`expected one ${what} in ${dir}, found ${found.length}`);
  return join(dir, found[0]);
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "__pycache__" || name.startsWith(".")) return [];
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function copyInto(pyodide, source, target) {
  pyodide.FS.mkdirTree(target.slice(0, target.lastIndexOf("/")));
  pyodide.FS.writeFile(target, new Uint8Array(readFileSync(source)));
}

const options = parseArguments(process.argv.slice(2));
const pyodideDir = `${only(join(options.site, "assets", "pyodide"), /^\d/, "Pyodide version")}/`;
const archive = only(
  join(options.site, "assets", "calculator"),
  /^calculator-[0-9a-f]+\.zip$/,
  "calculator archive",
);
const wheelDir = join(ROOT, ".cache", "pyodide-wheels");
const wheels = existsSync(wheelDir) ? readdirSync(wheelDir).filter((n) => n.endsWith(".whl")) : [];
if (!wheels.some((name) => name.startsWith("pytest-"))) {
  usage(`no pytest wheel in ${wheelDir}: run 'bash scripts/setup.sh'`);
}
if (!existsSync(options.tests)) usage(`${options.tests} does not exist`);

// Where the snapshot's calculator modules say they came from (the worker's PACKAGE_DIR).
const SNAPSHOT_PACKAGE_DIR = "/home/pyodide/tune-or-prompt";

const { loadPyodide } = await import(pathToFileURL(join(pyodideDir, "pyodide.mjs")).href);
let pyodide;
let packageDir = WORK;
if (options.snapshot) {
  const snapshot = only(pyodideDir, /^calculator-snapshot-[0-9a-f]+\.bin\.gz$/, "snapshot");
  // Unpacked by the worker's own code, with the site's WebAssembly, as the browser does.
  const { unpackSnapshot } = await import(
    pathToFileURL(join(options.site, "javascripts", "calculator-snapshot.js")).href);
  const packed = new Uint8Array(gunzipSync(readFileSync(snapshot)));
  const wasm = new Uint8Array(readFileSync(join(pyodideDir, "pyodide.asm.wasm")));
  pyodide = await loadPyodide({
    indexURL: pyodideDir,
    _loadSnapshot: unpackSnapshot(packed, wasm),
  });
  // Restored, not imported: the package is in sys.modules before any import.
  const restored = pyodide.runPython("import sys; 'calculator.web' in sys.modules");
  if (restored !== true) usage(`${snapshot} does not hold the calculator package`);
  packageDir = SNAPSHOT_PACKAGE_DIR;
  console.log(`restored from ${snapshot}`);
} else {
  pyodide = await loadPyodide({ indexURL: pyodideDir });
}
const python = pyodide.runPython("import sys; sys.version.split()[0]");
console.log(`Pyodide ${pyodide.version}, Python ${python}`);

for (const wheel of wheels) {
  const data = new Uint8Array(readFileSync(join(wheelDir, wheel)));
  pyodide.unpackArchive(data, "wheel", { extractDir: WHEELS });
}
if (!options.snapshot) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: WORK });
}
copyInto(pyodide, join(ROOT, "pyproject.toml"), `${WORK}/pyproject.toml`);
copyInto(pyodide, join(ROOT, "tests", "__init__.py"), `${WORK}/tests/__init__.py`);
for (const file of filesUnder(options.tests)) {
  copyInto(pyodide, file, `${WORK}/tests/calculator/${relative(options.tests, file)}`);
}
console.log(`calculator from ${archive}; wheels: ${wheels.join(", ")}`);

pyodide.globals.set("work_dir", WORK);
pyodide.globals.set("package_dir", packageDir);
pyodide.globals.set("wheel_dir", WHEELS);
pyodide.globals.set("pytest_args", pyodide.toPy(options.pytest));
const status = await pyodide.runPythonAsync(`
import json
import os
import sys

os.chdir(work_dir)
sys.path[:0] = [work_dir, wheel_dir]
sys.dont_write_bytecode = True

import calculator
import pytest

# The package under test must be the shipped one (archive or snapshot), never another copy.
assert calculator.__file__.startswith(package_dir + "/calculator/"), calculator.__file__


class Summary:
    """Counts outcomes the way pytest's own summary line does."""

    counts = {}

    def pytest_terminal_summary(self, terminalreporter):
        Summary.counts = {
            key: len(reports) for key, reports in terminalreporter.stats.items() if key
        }


status = int(pytest.main(
    ["-p", "no:cacheprovider", "tests/calculator", *pytest_args], plugins=[Summary()]
))
print("PYODIDE-SUMMARY " + json.dumps(Summary.counts, sort_keys=True))
status
`);
process.exit(Number(status));
