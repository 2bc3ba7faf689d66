"""MkDocs hook: ship a self-hosted Pyodide and the calculator package with the site.

Why a hook: ``mkdocs build`` alone must yield the complete deployable site, so
the build itself copies the Pyodide core files from the pinned npm package in
``node_modules`` and zips ``calculator/`` into an archive the browser worker
unpacks. Nothing is hand-copied into ``docs/`` and nothing comes from a CDN.

It also makes the engine's memory snapshot (``scripts/make_snapshot.mjs``):
the pinned Pyodide, booted in Node with the calculator imported, saved as a
heap image the browser restores in a fraction of a boot. It is stored gzipped
(``.bin.gz``, decompressed by the worker) so that every host sends it
compressed, GitHub Pages included. Its name hashes every input that decides
its content (Pyodide's files, the archive, the recipe): the bytes themselves
differ between two runs (the interpreter's random state), so a name taken from
them would change on every build. Made snapshots are kept in
``.cache/snapshots/`` under that name, so a rebuild with the same inputs ships
the same file without running Node again. If it cannot be made, the build fails.

All land under content-addressed paths (the Pyodide version, the archive's
hash, the snapshot's inputs' hash) so that hosts can cache them forever. Their
site-relative URLs are put in ``config.extra`` for templates and macros:

* ``extra.pyodide_base``: e.g. ``assets/pyodide/314.0.7/``
* ``extra.calculator_archive``: e.g. ``assets/calculator/calculator-1a2b3c4d5e6f.zip``
* ``extra.calculator_snapshot``: e.g.
  ``assets/pyodide/314.0.7/calculator-snapshot-0a1b2c3d4e5f.bin.gz``
* ``extra.pyodide_no_stdlib``: an empty zip the worker gives a restored
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
from typing import Any

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
CALCULATOR_DIR = ROOT / "calculator"
SNAPSHOT_MAKER = ROOT / "scripts" / "make_snapshot.mjs"
SNAPSHOT_CACHE = ROOT / ".cache" / "snapshots"
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


def pinned_pyodide_version() -> str:
    """The exact ``pyodide`` version pinned in ``package.json``."""
    manifest = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    return str(manifest["dependencies"]["pyodide"])


def installed_pyodide_version() -> str:
    """The version in ``node_modules``; fails loudly when it is missing or stale."""
    manifest = PYODIDE_PACKAGE / "package.json"
    if not manifest.is_file():
        raise PluginError(
            "node_modules/pyodide is missing: run 'bash scripts/setup.sh' first."
        )
    installed = str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
    pinned = pinned_pyodide_version()
    if installed != pinned:
        raise PluginError(
            f"node_modules has pyodide {installed} but package.json pins {pinned}: "
            "run 'bash scripts/setup.sh'."
        )
    return installed


def calculator_archive() -> bytes:
    """Zip the ``calculator`` package's sources, byte-for-byte reproducibly."""
    buffer = io.BytesIO()
    sources = sorted(
        p for p in CALCULATOR_DIR.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix in {".py", ".typed"}
    )
    if not sources:
        raise PluginError("calculator/ has no Python sources to ship.")
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sources:
            info = zipfile.ZipInfo(path.relative_to(ROOT).as_posix(), _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()


def archive_name(data: bytes) -> str:
    """A content-addressed file name, so a changed package gets a new URL."""
    return f"calculator-{hashlib.sha256(data).hexdigest()[:12]}.zip"


def snapshot_name(archive: bytes) -> str:
    """A name that changes whenever anything deciding the snapshot's content changes."""
    digest = hashlib.sha256()
    for name in (*PYODIDE_CORE_FILES, "package.json"):
        digest.update(name.encode() + b"\0" + (PYODIDE_PACKAGE / name).read_bytes())
    digest.update(b"maker\0" + SNAPSHOT_MAKER.read_bytes())
    digest.update(b"archive\0" + archive)
    return f"calculator-snapshot-{digest.hexdigest()[:12]}.bin.gz"


def make_snapshot(archive: bytes, name: str) -> Path:
    """The cached compressed snapshot called ``name``; made with Node when missing."""
    cached = SNAPSHOT_CACHE / name
    if cached.is_file():
        return cached
    node = shutil.which("node")
    if node is None:
        raise PluginError(
            "Node.js is needed to make the engine's memory snapshot: run 'bash scripts/setup.sh'."
        )
    SNAPSHOT_CACHE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="snapshot-", dir=SNAPSHOT_CACHE) as temp:
        archive_file = Path(temp) / "calculator.zip"
        archive_file.write_bytes(archive)
        raw = Path(temp) / "snapshot.bin"
        try:
            process = subprocess.run(
                [node, str(SNAPSHOT_MAKER), str(PYODIDE_PACKAGE), str(archive_file), str(raw)],
                cwd=ROOT, capture_output=True, text=True, timeout=SNAPSHOT_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise PluginError(
                f"Making the engine's memory snapshot took over {SNAPSHOT_TIMEOUT_S} s."
            ) from None
        if process.returncode != 0 or not raw.is_file():
            raise PluginError(
                "Could not make the engine's memory snapshot (scripts/make_snapshot.mjs "
                f"exited with {process.returncode}):\n{process.stdout[-2000:]}"
                f"{process.stderr[-4000:]}"
            )
        packed = Path(temp) / name
        with raw.open("rb") as source, packed.open("wb") as sink, gzip.GzipFile(
            fileobj=sink, mode="wb", compresslevel=9, mtime=0, filename=""
        ) as compressed:
            shutil.copyfileobj(source, compressed, 1 << 20)
        os.replace(packed, cached)  # atomic: parallel builds never see half a file
    return cached


def on_config(config: Any) -> Any:
    """Publish the asset URLs before any page renders."""
    version = installed_pyodide_version()
    archive = calculator_archive()
    base = f"assets/pyodide/{version}/"
    config["extra"]["pyodide_version"] = version
    config["extra"]["pyodide_base"] = base
    config["extra"]["calculator_archive"] = f"assets/calculator/{archive_name(archive)}"
    config["extra"]["calculator_snapshot"] = base + snapshot_name(archive)
    config["extra"]["pyodide_no_stdlib"] = base + NO_STDLIB_NAME
    return config


def on_post_build(config: Any) -> None:
    """Copy the Pyodide core files and write the calculator archive."""
    site = Path(config["site_dir"])
    target = site / config["extra"]["pyodide_base"]
    target.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_CORE_FILES:
        source = PYODIDE_PACKAGE / name
        if not source.is_file():
            raise PluginError(f"node_modules/pyodide/{name} is missing: reinstall with npm ci.")
        destination = target / name
        if not destination.is_file() or destination.stat().st_size != source.stat().st_size:
            shutil.copyfile(source, destination)
    data = calculator_archive()
    archive = site / config["extra"]["calculator_archive"]
    archive.parent.mkdir(parents=True, exist_ok=True)
    for stale in archive.parent.glob("calculator-*.zip"):
        if stale != archive:
            stale.unlink()
    archive.write_bytes(data)
    snapshot = site / config["extra"]["calculator_snapshot"]
    cached = make_snapshot(data, snapshot.name)
    for stale in target.glob("calculator-snapshot-*"):
        if stale != snapshot:
            stale.unlink()
    if not snapshot.is_file() or snapshot.stat().st_size != cached.stat().st_size:
        shutil.copyfile(cached, snapshot)
    (site / config["extra"]["pyodide_no_stdlib"]).write_bytes(EMPTY_ZIP)
