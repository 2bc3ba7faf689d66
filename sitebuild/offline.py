"""Build step: stamp the service worker with this build's cache version and file lists.

Why at build time: the service worker (``docs/sw.js``, published at the site root so
that its scope covers every page, the calculator included) keeps the site
usable without a network after one visit, across deploys. Returning visitors
must never be served files of an older deploy, so every build gives the worker
a cache version derived from the built files' contents: a deploy that changes
any file changes ``sw.js`` byte-for-byte, the browser installs the new worker,
and the new worker fills a new cache before it drops the old ones.

The worker also needs to know, without fetching anything, which files make up

* the *pages*: every HTML page of the site (small; cached when it installs);
* the *offline page* shown for an address it has no copy of;
* the *shell*: the theme's scripts and stylesheets, the site's own scripts and
  stylesheets, images and the search index (small; cached when it installs);
* the *engine*: every file under the content-versioned folders, the
  self-hosted Pyodide core (``assets/pyodide/<version>/``) and the calculator
  folder (``assets/calculator/``, the archive and anything else the engine
  adds there), of which the page keeps the files of the start its engine
  made (about 13 MB, or 25 MB for the snapshot start, kept decoded): cached
  only after the calculator has started on a page, so guidance pages never
  download them, and carried over from the
  previous cache at the next deploy when their URLs did not change (a
  versioned URL always names the same bytes).

``docs/sw.js`` holds one line ``const BUILD = {...};`` with unbuilt
placeholder values; :func:`stamp_site` rewrites that line in the built copy and fails
the build when the line is missing or appears twice.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from sitebuild import engine
from sitebuild.errors import BuildError

WORKER = "sw.js"
BUILD_LINE = re.compile(r"^const BUILD = .*;$", re.MULTILINE)

# The page shown for addresses without a saved copy (overrides/503.html), and
# the pages that are never worth keeping.
OFFLINE_PAGE = "503.html"
ERROR_PAGES = ("404.html", OFFLINE_PAGE)

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


def page_urls(site_dir: Path) -> list[str]:
    """Site-relative URLs of every page (``""``, ``fundamentals/``…), error pages excluded."""
    urls = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative in ERROR_PAGES or relative.startswith("assets/"):
            continue
        urls.append(relative.removesuffix("index.html"))
    if not urls:
        raise BuildError("the built site has no HTML pages to keep for offline use.")
    return urls


def engine_files(site_dir: Path, versioned_dirs: list[str]) -> list[str]:
    """Site-relative paths of every file in the engine's content-versioned folders."""
    files: list[str] = []
    for folder in versioned_dirs:
        found = sorted(
            p.relative_to(site_dir).as_posix() for p in (site_dir / folder).rglob("*")
            if p.is_file()
        )
        if not found:
            raise BuildError(
                f"{folder} is empty in the built site: nothing to cache for offline use."
            )
        files += found
    return files


def start_files(root: Path) -> dict[str, list[str]]:
    """Site-relative paths of the files each way to start the engine downloads.

    After a start, the service worker keeps only that start's files, so the
    offline copy holds nothing the reader's start does not use (the other
    standard library, say). From :func:`sitebuild.engine.start_names`.
    """
    return engine.start_names(engine.asset_urls(root))


def stamp(source: str, build: dict[str, object]) -> str:
    """``sw.js`` with its ``const BUILD = …;`` line replaced by this build's values."""
    matches = BUILD_LINE.findall(source)
    if len(matches) != 1:
        raise BuildError(
            f"{WORKER} must contain exactly one line 'const BUILD = {{...}};' "
            f"for the build to fill in; found {len(matches)}."
        )
    line = f"const BUILD = {json.dumps(build, separators=(',', ':'))};"
    return BUILD_LINE.sub(lambda _: line, source)


def stamp_site(site_dir: Path, root: Path) -> None:
    """Rewrite the built ``sw.js`` with the cache version and the file lists."""
    worker = site_dir / WORKER
    if not worker.is_file():
        raise BuildError(f"docs/{WORKER} is missing from the built site.")
    if not (site_dir / OFFLINE_PAGE).is_file():
        raise BuildError(
            f"{OFFLINE_PAGE} is missing from the built site (overrides/{OFFLINE_PAGE}; "
            "MkDocs builds it from theme.static_templates)."
        )
    versioned = engine.versioned_dirs(root)
    build: dict[str, object] = {
        "version": cache_version(site_dir),
        "pages": page_urls(site_dir),
        "offline": OFFLINE_PAGE,
        "shell": shell_files(site_dir),
        "versioned": versioned,
        "engine": engine_files(site_dir, versioned),
        "starts": start_files(root),
    }
    worker.write_text(stamp(worker.read_text(encoding="utf-8"), build), encoding="utf-8")
