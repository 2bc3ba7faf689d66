"""Build step: a release is published under the calculator's own version, and no other.

``mike deploy <version>`` builds the site with ``MIKE_DOCS_VERSION`` set.
Frozen links (the calculator's "Copy link", the decision record) are built from
the published URL, so the path a release is published under must be
``calculator.__version__`` exactly. The version is read from the project's
``calculator/version.py`` as text, so the check speaks of the project at
``root`` whichever Python runs it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from sitebuild.anchors import built_pages
from sitebuild.errors import BuildError

VERSION_VARIABLE = "MIKE_DOCS_VERSION"
VERSION_FILE = Path("calculator") / "version.py"
_VERSION_LINE = re.compile(r'^__version__ = "([^"]+)"$', re.MULTILINE)


def project_version(root: Path) -> str:
    """``calculator.__version__`` of the project at ``root``."""
    path = root / VERSION_FILE
    match = _VERSION_LINE.search(path.read_text(encoding="utf-8"))
    if match is None:
        raise BuildError(f'{path}: expected a line __version__ = "X.Y.Z"')
    return match.group(1)


def published_version() -> str | None:
    """The version this build is published under (mike sets it), or None for a plain build."""
    return os.environ.get(VERSION_VARIABLE)


def check_version(root: Path, published: str | None) -> str:
    """The project's version; fails when the build is published under another one."""
    version = project_version(root)
    if published is not None and published != version:
        raise BuildError(
            f"this build is published as version {published!r}, but calculator.__version__ is "
            f"{version!r}: deploy with 'mike deploy {version} latest' (scripts/release.sh does)")
    return version


def release_banner(version: str) -> str:
    """The words every page of a published release shows (overrides/main.html)."""
    return f"You are reading release <strong>{version}</strong>"


def check(site_dir: Path, root: Path, published: str | None = None) -> None:
    """Check the published version and, for a release, that every page names it.

    ``published`` defaults to the environment's ``MIKE_DOCS_VERSION``.
    """
    if published is None:
        published = published_version()
    version = check_version(root, published)
    if published is None:
        return
    banner = release_banner(version)
    missing = [url or "(home)" for url, file in built_pages(site_dir)
               if banner not in file.read_text(encoding="utf-8")]
    if missing:
        raise BuildError(f"release {version}: these pages do not name it in the release "
                         f"banner: {', '.join(missing)}")
