"""Every build step, in the order a built site needs them.

The order matters: the engine's files must be in place before the policy lists
the content-addressed folders, the anchors' aliases must be in the pages before
the policy reads them, and the service worker's stamp hashes the finished files,
so it comes last. Any generator's output goes through :func:`apply` (the MkDocs
adapter and ``scripts/postbuild.py`` both call it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sitebuild import anchors, engine, offline, policy, release
from sitebuild.errors import BuildError


@dataclass(frozen=True)
class Report:
    """What the steps found that is worth a line in the build log."""

    unrecorded_anchors: int


def apply(site_dir: Path, root: Path) -> Report:
    """Run every step on the built site ``site_dir`` of the project at ``root``."""
    if not (site_dir / "index.html").is_file():
        raise BuildError(f"{site_dir} is not a built site: it has no index.html")
    release.check(site_dir, root)
    engine.install(site_dir, root)
    unrecorded = anchors.guard(site_dir, root)
    policy.apply(site_dir, root)
    offline.stamp_site(site_dir, root)
    return Report(unrecorded_anchors=unrecorded)
