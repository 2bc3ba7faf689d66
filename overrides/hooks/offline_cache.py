"""MkDocs hook: stamp the service worker with this build's cache version and file lists.

Why a hook: the service worker (``docs/sw.js``, published at the site root so
that its scope covers every page, the calculator included) keeps the site
usable without a network after one visit. Returning visitors must never be
served files of an older deploy, so every build gives the worker a cache
version derived from the built files' contents: a deploy that changes any file
changes ``sw.js`` byte-for-byte, the browser installs the new worker and the
new worker drops the old caches.

The worker also needs to know, without fetching anything, which files make up

* the *shell*: the theme's scripts and stylesheets, the site's own scripts and
  stylesheets, images and the search index (small; cached when it installs);
* the *engine*: the self-hosted Pyodide core files and the calculator archive
  (about 14 MB; cached only after the calculator has started on a page, so
  guidance pages never download them).

``docs/sw.js`` holds one line ``const BUILD = {...};`` with unbuilt
placeholder values; this hook rewrites that line in the built copy and fails
the build when the line is missing or appears twice.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

WORKER = "sw.js"
BUILD_LINE = re.compile(r"^const BUILD = .*;$", re.MULTILINE)

# Build outputs that change on every build without changing the site
# (sitemaps carry the build date) or that the version must not depend on.
UNVERSIONED = ("sw.js", "_headers", "sitemap.xml", "sitemap.xml.gz")

# Shell folders, relative to the site root; source maps and the search
# language packs for other languages are left out.
SHELL_GLOBS = (
    "assets/javascripts/*.js",
    "assets/javascripts/workers/*.js",
    "assets/stylesheets/*.css",
    "assets/images/**/*",
    "javascripts/**/*",
    "stylesheets/**/*",
    "search/search_index.json",
)


def cache_version(site_dir: Path) -> str:
    """A short digest of every built file's path and contents."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        relative = path.relative_to(site_dir).as_posix()
        if relative in UNVERSIONED:
            continue
        digest.update(relative.encode("utf-8") + b"\0")
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()[:16]


def shell_files(site_dir: Path) -> list[str]:
    """Site-relative paths of the small files every page needs."""
    found = {
        p.relative_to(site_dir).as_posix()
        for pattern in SHELL_GLOBS
        for p in site_dir.glob(pattern)
        if p.is_file() and p.suffix != ".map"
    }
    return sorted(found)


def engine_files(site_dir: Path, config: Any) -> list[str]:
    """Site-relative paths of the calculator engine: Pyodide and the calculator archive."""
    extra = config["extra"]
    try:
        base = str(extra["pyodide_base"])
        archive = str(extra["calculator_archive"])
    except KeyError as missing:
        raise PluginError(
            f"offline_cache needs extra.{missing.args[0]} from the pyodide_assets hook: "
            "list overrides/hooks/pyodide_assets.py before it under hooks: in mkdocs.yml."
        ) from None
    files = sorted(p.relative_to(site_dir).as_posix() for p in (site_dir / base).iterdir())
    if not files:
        raise PluginError(f"{base} is empty in the built site: nothing to cache for offline use.")
    return [*files, archive]


def stamp(source: str, build: dict[str, object]) -> str:
    """``sw.js`` with its ``const BUILD = …;`` line replaced by this build's values."""
    matches = BUILD_LINE.findall(source)
    if len(matches) != 1:
        raise PluginError(
            f"{WORKER} must contain exactly one line 'const BUILD = {{...}};' "
            f"for the build to fill in; found {len(matches)}."
        )
    line = f"const BUILD = {json.dumps(build, separators=(',', ':'))};"
    return BUILD_LINE.sub(lambda _: line, source)


def on_post_build(config: Any) -> None:
    """Rewrite the built ``sw.js`` with the cache version and the file lists."""
    site_dir = Path(config["site_dir"])
    worker = site_dir / WORKER
    if not worker.is_file():
        raise PluginError(f"docs/{WORKER} is missing from the built site.")
    build = {
        "version": cache_version(site_dir),
        "shell": shell_files(site_dir),
        "engine": engine_files(site_dir, config),
    }
    worker.write_text(stamp(worker.read_text(encoding="utf-8"), build), encoding="utf-8")
