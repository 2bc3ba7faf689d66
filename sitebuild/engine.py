"""Build step: ship a self-hosted Pyodide and the calculator package with the site.

Why a build step: the build alone must yield the complete deployable site, so
it copies the Pyodide core files from the pinned npm package in
``node_modules`` and zips ``calculator/`` into an archive the browser worker
unpacks. Nothing is hand-copied into ``docs/`` and nothing comes from a CDN.

It also makes the engine's memory snapshot (``SNAPSHOT_MAKER``, run by Node):
the pinned Pyodide, booted in Node with the calculator imported, saved as a
heap image the browser restores in a fraction of a boot. It ships as a
difference from the wasm's own initial memory, without its zero pages
(``sitebuild.snapshot_pack``), gzipped (``.bin.gz``, decompressed by the
worker) so that every host sends it compressed, GitHub Pages included. Its
name hashes every input that decides its content (Pyodide's files, the
archive, the recipe, the packing): the bytes themselves
differ between two runs (the interpreter's random state), so a name taken from
them would change on every build. Made snapshots are kept in
``.cache/snapshots/`` (or ``$TUNE_OR_PROMPT_SNAPSHOT_CACHE``) under that name,
so a rebuild with the same inputs ships the same file without running Node
again. If it cannot be made, the build fails.

All land under content-addressed paths (the Pyodide version, the archive's
hash, the snapshot's inputs' hash) so that hosts can cache them forever.
:func:`asset_urls` gives their site-relative URLs (the calculator page's macro
writes them into the page) and :func:`install` writes the files into a built site:

* ``pyodide_base``: e.g. ``assets/pyodide/314.0.8/``
* ``calculator_archive``: e.g. ``assets/calculator/calculator-1a2b3c4d5e6f.zip``
* ``calculator_snapshot``: e.g.
  ``assets/pyodide/314.0.8/calculator-snapshot-0a1b2c3d4e5f.bin.gz``
* ``pyodide_trimmed_stdlib``: the standard library cut down to the
  modules the calculator loads and compiled (``python_stdlib-calculator-<hash>.zip``),
  for a normal boot on a slow line.
* ``engine_files``: for each way to start, the files it downloads and
  their sizes (the page's progress and its stated download size).
* ``pyodide_no_stdlib``: an empty zip the worker gives a restored
  interpreter instead of the 2.5 MB standard library, whose modules the
  snapshot already holds.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from sitebuild import snapshot_pack
from sitebuild.errors import BuildError

ROOT = Path(__file__).resolve().parents[1]
# Copies of the project (the tests build some) share one cache through this variable.
SNAPSHOT_CACHE_ENV = "TUNE_OR_PROMPT_SNAPSHOT_CACHE"
SNAPSHOT_TIMEOUT_S = 600
# An empty zip archive: just the end-of-central-directory record.
EMPTY_ZIP = b"PK\x05\x06" + bytes(18)
NO_STDLIB_NAME = "python_stdlib-none.zip"

# The five files a browser boot of Pyodide fetches; nothing else is shipped.
PYODIDE_CORE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)

# A fixed timestamp keeps the archive (and so its hash and URL) reproducible.
_ZIP_DATE = (2020, 1, 1, 0, 0, 0)


# The Node program that makes the snapshot, kept next to the code that runs it
# and hashes it into the snapshot's name.
SNAPSHOT_MAKER = r"""// Make the calculator engine's memory snapshot: a Pyodide heap in which the
// calculator package and everything calculator.web.compute needs are already
// imported, so that a browser restores it instead of booting Python and
// importing dozens of modules.
//
// Arguments: PYODIDE_DIR ARCHIVE OUTPUT [EXTRA_PYTHON].
//
// PYODIDE_DIR is the pinned Pyodide (node_modules/pyodide/), ARCHIVE the
// calculator archive the site ships, OUTPUT the raw snapshot to write. The
// engine build step (sitebuild/engine.py) runs this, compresses the result and
// ships it; any failure here exits non-zero and fails the build. EXTRA_PYTHON, run
// after the recipe, lets the tests grow the heap on purpose.
//
// The guard against Pyodide issue #6254: a snapshot whose heap grew past the
// heap Pyodide starts with (30 MiB) fails to restore ("offset is out of
// bounds"), and every visitor would silently fall back to the slow start.
// So the heap is compared with a fresh boot's, and the snapshot is restored
// here and answers one query before it ships; either failure stops the build.
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

for query in ("", "examples=-1&monthly_requests=abc&nonsense=1", "examples=50000",
              "preset=bedrock-nova-micro&as_of=2026-11-26", "pin=examples%3D50000&examples=900"):
    json.dumps(compute(query, "https://example.invalid/", "../"))

sys.path_importer_cache.clear()
zipimport._zip_directory_cache.clear()
importlib.invalidate_caches()
gc.collect()
`;

// The files of every module loaded by then: the standard library a normal
// boot needs (the build ships it as a trimmed python_stdlib zip).
const LOADED_FILES = `
import json
import sys
json.dumps(sorted({m.__file__ for m in list(sys.modules.values())
                   if isinstance(getattr(m, "__file__", None), str)}))
`;

// The trimmed library a normal boot on a slow line starts from: the modules
// of LOADED (JSON) that live in the standard library zip, and the calculator
// package itself, all compiled here by the very interpreter the browser runs.
// Pyodide ships sources, and compiling them is most of a normal boot's work
// (2.0 s of a 2.0 s boot in Node, 0.65 s with these); with the package inside,
// that start needs no archive to download and unpack either. Unchecked
// hash-based .pyc files, as there are no sources beside them to check against;
// deflated one by one and dated like the build's other zips. Returns bytes.
// Module and function docstrings are left out (an eighth of the bytes): nothing
// the calculator runs reads them. Class docstrings stay (dataclasses would
// otherwise compute one for every class), and so does Pyodide's own code,
// whose docstrings it copies onto its JavaScript-facing objects.
const COMPILE_LIBRARY = `
import ast
import importlib.util
import io
import json
import pathlib
import sys
import zipfile
from importlib._bootstrap_external import _code_to_hash_pyc


def _drop_docstring(node):
    body = node.body
    if (body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)):
        node.body = body[1:] or [ast.Pass()]


def _without_docstrings(source, path):
    tree = ast.parse(source, path)
    _drop_docstring(tree)
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _drop_docstring(node)
    return ast.fix_missing_locations(tree)


stdlib = f"/lib/python{sys.version_info[0]}{sys.version_info[1]}.zip/"
package = pathlib.Path(${JSON.stringify(PACKAGE_DIR)})
with zipfile.ZipFile(stdlib.rstrip("/")) as full:
    sources = {path.removeprefix(stdlib): full.read(path.removeprefix(stdlib))
               for path in json.loads(LOADED) if path.startswith(stdlib)}
sources.update((path.relative_to(package).as_posix(), path.read_bytes())
               for path in package.rglob("*.py"))
buffer = io.BytesIO()
with zipfile.ZipFile(buffer, "w") as library:
    for name, source in sorted(sources.items()):
        tree = source if name.startswith(("_pyodide/", "pyodide/")) else _without_docstrings(
            source, stdlib + name)
        code = compile(tree, stdlib + name, "exec", dont_inherit=True)
        info = zipfile.ZipInfo(name.removesuffix(".py") + ".pyc", (2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        library.writestr(info, _code_to_hash_pyc(
            code, importlib.util.source_hash(source), checked=False), compresslevel=9)
buffer.getvalue()
`;

// Run in the restored interpreter: the browser's entry point answers a query.
const CHECK = `
import json
from calculator.web import compute
answer = json.loads(json.dumps(compute("examples=50000", "https://example.invalid/", "../")))
"ok" if answer["ok"] else "no answer"
`;

// Zeroes the heap's free memory before the snapshot is taken: what the
// interpreter freed while starting and importing (a fifth of the used pages)
// otherwise ships as noise that compresses badly. Blocks are taken with
// malloc, from the largest that fits, zeroed and freed again; never past the
// heap's end, so the heap does not grow (issue #6254 above). Only free chunks
// are touched, and freeing them again writes back their headers.
function zeroFreeMemory(module) {
  const end = module.HEAP8.length;
  const top = () => module._sbrk(0) >>> 0;
  const taken = [];
  for (let size = 1 << 22; size >= 256;) {
    const block = top() + size + 65536 > end ? 0 : module._malloc(size) >>> 0;
    if (!block) {
      size >>= 1;
      continue;
    }
    module.HEAPU8.fill(0, block, block + size);
    taken.push(block);
  }
  for (const block of taken) module._free(block);
}

function fail(message) {
  console.error(`make_snapshot: ${message}`);
  process.exit(1);
}

const [pyodideDir, archive, output, extraPython = ""] = process.argv.slice(2);
if (!pyodideDir || !archive || !output) {
  fail("arguments: PYODIDE_DIR ARCHIVE OUTPUT");
}

try {
  const base = `${resolve(pyodideDir)}/`;
  const { loadPyodide } = await import(pathToFileURL(`${base}pyodide.mjs`).href);
  const pyodide = await loadPyodide({ indexURL: base, _makeSnapshot: true });
  const startHeap = pyodide._module.HEAP8.length;
  pyodide.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", {
    extractDir: PACKAGE_DIR,
  });
  pyodide.runPython(RECIPE);
  const loaded = pyodide.runPython(LOADED_FILES);
  if (extraPython) pyodide.runPython(extraPython);
  zeroFreeMemory(pyodide._module);
  const heap = pyodide._module.HEAP8.length;
  const snapshot = pyodide.makeMemorySnapshot();
  if (!(snapshot instanceof Uint8Array) || snapshot.length < 1 << 20) {
    fail(`makeMemorySnapshot returned ${snapshot && snapshot.length} bytes`);
  }
  const mib = (bytes) => `${(bytes / 1048576).toFixed(1)} MiB (${bytes} bytes)`;
  const restored = await loadPyodide({ indexURL: base, _loadSnapshot: snapshot })
    .then((engine) => engine.runPython(CHECK))
    .catch((error) => `not restored: ${error}`);
  if (heap > startHeap || restored !== "ok") {
    fail(`the snapshot's heap is ${mib(heap)}, Pyodide ${pyodide.version} starts with `
      + `${mib(startHeap)} and restores no snapshot whose heap grew past that `
      + `(Pyodide issue #6254); restoring it here: ${restored}. Import less at `
      + "snapshot time, or move to a Pyodide that fixes #6254.");
  }
  // The trimmed library, proven the way the browser uses it: a normal boot
  // from it alone answers, with no archive unpacked.
  const compiler = await loadPyodide({ indexURL: base });
  compiler.unpackArchive(new Uint8Array(readFileSync(archive)), "zip", { extractDir: PACKAGE_DIR });
  compiler.globals.set("LOADED", loaded);
  const library = compiler.runPython(COMPILE_LIBRARY).toJs();
  writeFileSync(`${output}.stdlib.zip`, library);
  const trimmed = await loadPyodide({ indexURL: base, stdLibURL: `${output}.stdlib.zip` });
  const answered = trimmed.runPython(CHECK);
  if (answered !== "ok") fail(`a normal boot from the trimmed library answered: ${answered}`);
  writeFileSync(output, snapshot);
  console.log(`snapshot: ${snapshot.length} bytes, heap ${heap} of ${startHeap}, `
    + `Pyodide ${pyodide.version}; trimmed library: ${library.length} bytes`);
} catch (error) {
  fail(String((error && error.stack) || error));
}
"""


def pinned_pyodide_version(root: Path = ROOT) -> str:
    """The exact ``pyodide`` version pinned in ``package.json``."""
    manifest = json.loads((root / "package.json").read_text(encoding="utf-8"))
    return str(manifest["dependencies"]["pyodide"])


def installed_pyodide_version(root: Path = ROOT) -> str:
    """The version in ``node_modules``; fails loudly when it is missing or stale."""
    manifest = root / "node_modules" / "pyodide" / "package.json"
    if not manifest.is_file():
        raise BuildError(
            "node_modules/pyodide is missing: run 'bash scripts/setup.sh' first."
        )
    installed = str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    pinned = pinned_pyodide_version(root)
    if installed != pinned:
        raise BuildError(
            f"node_modules has pyodide {installed} but package.json pins {pinned}: "
            "run 'bash scripts/setup.sh'."
        )
    return installed


def calculator_archive(root: Path = ROOT) -> bytes:
    """Zip the ``calculator`` package's sources, byte-for-byte reproducibly."""
    buffer = io.BytesIO()
    sources = sorted(
        p for p in (root / "calculator").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in {".py", ".typed"}
    )
    if not sources:
        raise BuildError("calculator/ has no Python sources to ship.")
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sources:
            info = zipfile.ZipInfo(path.relative_to(root).as_posix(), _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def archive_name(data: bytes) -> str:
    """A content-addressed file name, so a changed package gets a new URL."""
    return f"calculator-{hashlib.sha256(data).hexdigest()[:12]}.zip"


def snapshot_name(archive: bytes, root: Path = ROOT) -> str:
    """A name that changes whenever anything deciding the snapshot's content changes."""
    digest = hashlib.sha256()
    package = root / "node_modules" / "pyodide"
    for name in (*PYODIDE_CORE_FILES, "package.json"):
        digest.update(name.encode() + b"\0" + (package / name).read_bytes())
    digest.update(b"maker\0" + SNAPSHOT_MAKER.encode("utf-8"))
    digest.update(b"pack\0" + str(snapshot_pack.VERSION).encode())
    digest.update(b"archive\0" + archive)
    return f"calculator-snapshot-{digest.hexdigest()[:12]}.bin.gz"


def make_snapshot(archive: bytes, name: str, root: Path = ROOT, extra_python: str = "") -> Path:
    """The cached compressed snapshot called ``name``; made with Node when missing.

    ``extra_python`` runs after the recipe (the tests grow the heap with it).
    """
    cache = Path(os.environ.get(SNAPSHOT_CACHE_ENV) or root / ".cache" / "snapshots")
    cached = cache / name
    if cached.is_file() and compiled_stdlib_path(cached).is_file():
        return cached
    node = shutil.which("node")
    if node is None:
        raise BuildError(
            "Node.js is needed to make the engine's memory snapshot: run 'bash scripts/setup.sh'."
        )
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="snapshot-", dir=cache) as temp:
        archive_file = Path(temp) / "calculator.zip"
        archive_file.write_bytes(archive)
        maker = Path(temp) / "make_snapshot.mjs"
        maker.write_text(SNAPSHOT_MAKER, encoding="utf-8")
        raw = Path(temp) / "snapshot.bin"
        try:
            process = subprocess.run(
                [node, str(maker), str(root / "node_modules" / "pyodide"), str(archive_file),
                 str(raw), extra_python],
                cwd=root, capture_output=True, text=True, timeout=SNAPSHOT_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise BuildError(
                f"Making the engine's memory snapshot took over {SNAPSHOT_TIMEOUT_S} s."
            ) from None
        if process.returncode != 0 or not raw.is_file():
            raise BuildError(
                "Could not make the engine's memory snapshot (the Node program "
                f"exited with {process.returncode}):\n{process.stdout[-2000:]}"
                f"{process.stderr[-4000:]}"
            )
        packed = Path(temp) / name
        packed.write_bytes(gzip.compress(_packed(raw.read_bytes(), root), 9, mtime=0))
        os.replace(Path(f"{raw}.stdlib.zip"), compiled_stdlib_path(cached))
        os.replace(packed, cached)  # atomic: parallel builds never see half a file
    return cached


def _packed(snapshot: bytes, root: Path) -> bytes:
    """The snapshot in its shipping form (``sitebuild.snapshot_pack``), proven to unpack."""
    wasm = (root / "node_modules" / "pyodide" / "pyodide.asm.wasm").read_bytes()
    try:
        packed = snapshot_pack.pack(snapshot, wasm)
        restored = snapshot_pack.unpack(packed, wasm)
    except snapshot_pack.PackError as error:
        raise BuildError(f"The engine's memory snapshot cannot be packed: {error}") from None
    if restored != snapshot:
        raise BuildError("The engine's packed memory snapshot does not unpack to the snapshot.")
    return packed


def asset_urls(root: Path) -> dict[str, str]:
    """The engine's site-relative URLs, known before any page renders (pages link them).

    Every name follows from the build's inputs alone, so nothing is made here:
    the trimmed standard library is cut from the snapshot's run and shares its
    name's digest.
    """
    version = installed_pyodide_version(root)
    archive = calculator_archive(root)
    base = f"assets/pyodide/{version}/"
    snapshot = snapshot_name(archive, root)
    return {
        "pyodide_version": version,
        "pyodide_base": base,
        "calculator_archive": f"assets/calculator/{archive_name(archive)}",
        "calculator_snapshot": base + snapshot,
        "pyodide_no_stdlib": base + NO_STDLIB_NAME,
        "pyodide_trimmed_stdlib": base + trimmed_stdlib_name(snapshot),
    }


def start_names(urls: dict[str, str]) -> dict[str, list[str]]:
    """Site-relative paths of the files each way to start downloads, in download order."""
    base = urls["pyodide_base"]
    common = [base + name for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm",
                                       "pyodide-lock.json")]
    return {
        "snapshot": [*common, urls["calculator_snapshot"], urls["pyodide_no_stdlib"]],
        "trimmed": [*common, urls["pyodide_trimmed_stdlib"]],
        "normal": [*common, base + "python_stdlib.zip", urls["calculator_archive"]],
    }


def compiled_stdlib_path(snapshot: Path) -> Path:
    """Where the maker's trimmed, compiled standard library is kept, beside the snapshot."""
    return snapshot.with_name(snapshot.name.removesuffix(".bin.gz") + ".stdlib.zip")


def trimmed_stdlib(snapshot: Path) -> bytes:
    """The standard library cut down to the modules the calculator loaded when the
    snapshot was made, compiled to ``.pyc`` by the snapshot's Pyodide (``SNAPSHOT_MAKER``):
    what a normal boot of the calculator needs, with nothing left to compile.

    Made with the snapshot and named by its digest, like the snapshot itself.
    """
    return compiled_stdlib_path(snapshot).read_bytes()


def trimmed_stdlib_name(snapshot: str) -> str:
    """The trimmed standard library's name: its snapshot's digest, as its contents come
    from that snapshot's run (``calculator-snapshot-<digest>.bin.gz``)."""
    digest = snapshot.removeprefix("calculator-snapshot-").removesuffix(".bin.gz")
    return f"python_stdlib-calculator-{digest}.zip"


def wire_size(data: bytes, name: str) -> int:
    """Bytes a compressing host sends for a file: gzip -6 unless it is compressed already."""
    if name.endswith((".gz", ".zip")):
        return len(data)
    return len(gzip.compress(data, compresslevel=6))


def engine_files(root: Path = ROOT) -> dict[str, list[list[object]]]:
    """For each way to start, ``[name, bytes, bytes sent]`` of every file it downloads.

    The page shows the engine's download progress against these figures and
    states the first visit's size from them; nothing is typed by hand. The
    snapshot is made (or taken from the cache) here, so its size is known
    before any page renders.
    """
    urls = asset_urls(root)
    archive = calculator_archive(root)
    snapshot = make_snapshot(archive, snapshot_name(archive, root), root)
    package = root / "node_modules" / "pyodide"
    made = {
        urls["calculator_snapshot"]: snapshot.read_bytes(),
        urls["pyodide_no_stdlib"]: EMPTY_ZIP,
        urls["pyodide_trimmed_stdlib"]: trimmed_stdlib(snapshot),
        urls["calculator_archive"]: archive,
    }

    def row(path: str) -> list[object]:
        name = path.rsplit("/", 1)[1]
        data = made[path] if path in made else (package / name).read_bytes()
        return [name, len(data), wire_size(data, name)]

    return {start: [row(path) for path in paths]
            for start, paths in start_names(urls).items()}


def versioned_dirs(root: Path) -> list[str]:
    """The engine's content-addressed folders: the Pyodide core's and the calculator's."""
    urls = asset_urls(root)
    return [urls["pyodide_base"], urls["calculator_archive"].rsplit("/", 1)[0] + "/"]


def install(site: Path, root: Path) -> None:
    """Copy the Pyodide core files, write the calculator archive and the snapshot."""
    extra = asset_urls(root)
    target = site / extra["pyodide_base"]
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_CORE_FILES:
        source = root / "node_modules" / "pyodide" / name
        if not source.is_file():
            raise BuildError(f"node_modules/pyodide/{name} is missing: reinstall with npm ci.")
        destination = target / name
        if not destination.is_file() or destination.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, destination)
    data = calculator_archive(root)
    archive = site / extra["calculator_archive"]
    archive.parent.mkdir(parents=True, exist_ok=True)
    for stale in archive.parent.glob("calculator-*.zip"):
        if stale != archive:
            stale.unlink()
    archive.write_bytes(data)
    snapshot = site / extra["calculator_snapshot"]
    cached = make_snapshot(data, snapshot.name, root)
    for stale in target.glob("calculator-snapshot-*"):
        if stale != snapshot:
            stale.unlink()
    if not snapshot.is_file() or snapshot.stat().st_size != cached.stat().st_size:
        shutil.copyfile(cached, snapshot)
    (site / extra["pyodide_no_stdlib"]).write_bytes(EMPTY_ZIP)
    for stale in target.glob("python_stdlib-calculator-*.zip"):
        stale.unlink()
    (site / extra["pyodide_trimmed_stdlib"]).write_bytes(trimmed_stdlib(cached))
