"""MkDocs hook: ship a self-hosted Pyodide and the calculator package with the site.

Why a hook: ``mkdocs build`` alone must yield the complete deployable site, so
the build itself copies the Pyodide core files from the pinned npm package in
``node_modules`` and zips ``calculator/`` into an archive the browser worker
unpacks. Nothing is hand-copied into ``docs/`` and nothing comes from a CDN.

Both land under content-addressed paths (the Pyodide version, the archive's
hash) so that hosts can cache them forever. Their site-relative URLs are put in
``config.extra`` for templates and macros:

* ``extra.pyodide_base``: e.g. ``assets/pyodide/314.0.7/``
* ``extra.calculator_archive``: e.g. ``assets/calculator/calculator-1a2b3c4d5e6f.zip``
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
CALCULATOR_DIR = ROOT / "calculator"

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


def on_config(config: Any) -> Any:
    """Publish the asset URLs before any page renders."""
    version = installed_pyodide_version()
    config["extra"]["pyodide_version"] = version
    config["extra"]["pyodide_base"] = f"assets/pyodide/{version}/"
    config["extra"]["calculator_archive"] = (
        f"assets/calculator/{archive_name(calculator_archive())}"
    )
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
