"""A tiny project and a tiny built site, so each build step can be run on its own.

The real site is large and slow to build; these fixtures hold just what a step
reads: a few pages, a service worker with its ``BUILD`` line, the offline page,
a pinned Pyodide with stand-in files, a calculator package and an anchor list.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from sitebuild import engine

PYODIDE_VERSION = "9.9.9"

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>{title}</title>
<script>var palette = 1;</script></head>
<body><h1 id="{title}">{title}</h1><h2 id="{title}-more">More</h2>{body}</body></html>
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project root: package.json pin, node_modules/pyodide, calculator/, anchors.json."""
    root = tmp_path / "project"
    write(root / "package.json", json.dumps({"dependencies": {"pyodide": PYODIDE_VERSION}}))
    package = root / "node_modules" / "pyodide"
    write(package / "package.json", json.dumps({"version": PYODIDE_VERSION}))
    for name in engine.PYODIDE_CORE_FILES:
        write(package / name, f"stand-in {name}")
    # A real zip for the standard library: the build cuts a trimmed copy from it.
    with zipfile.ZipFile(package / "python_stdlib.zip", "w") as stdlib:
        stdlib.writestr("json/__init__.py", "# stand-in\n")
        stdlib.writestr("tomllib/__init__.py", "# not loaded\n")
    write(root / "calculator" / "__init__.py", '"""A stand-in package."""\n')
    write(root / "calculator" / "version.py", '__version__ = "1.2.3"\n')
    write(root / "anchors.json", json.dumps({
        "pages": {"": ["home", "home-more"], "guide/": ["guide"]},
        "moved": {},
    }))
    # A made snapshot in the cache: the steps never need Node here.
    cache = tmp_path / "snapshots"
    monkeypatch.setenv(engine.SNAPSHOT_CACHE_ENV, str(cache))
    name = engine.snapshot_name(engine.calculator_archive(root), root)
    write(cache / name, "snapshot")
    # The trimmed, compiled library the snapshot's run made, kept beside it.
    with zipfile.ZipFile(engine.compiled_stdlib_path(cache / name), "w") as library:
        library.writestr("json/__init__.pyc", b"stand-in")
    monkeypatch.delenv("MIKE_DOCS_VERSION", raising=False)
    return root


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A generator's raw output: two pages, the error pages and the unstamped worker."""
    site = tmp_path / "site"
    write(site / "index.html", PAGE.format(title="home", body=""))
    write(site / "guide" / "index.html", PAGE.format(title="guide", body=""))
    write(site / "404.html", PAGE.format(title="missing", body=""))
    write(site / "503.html", PAGE.format(title="offline", body=""))
    write(site / "sw.js", 'const BUILD = {"version":"unbuilt"};\nself.addEventListener("x", f);\n')
    write(site / "assets" / "javascripts" / "bundle.0123abcd.min.js", "theme();")
    write(site / "search" / "search_index.json", "{}")
    return site
