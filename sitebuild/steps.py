"""Every build step, in the order a built site needs them.

The order matters: the engine's files must be in place before the policy lists
the content-addressed folders, the anchors' aliases must be in the pages before
the policy reads them, and the service worker's stamp hashes the finished files,
so it comes last. Any generator's output goes through :func:`apply` (the MkDocs
adapter and ``scripts/postbuild.py`` both call it).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sitebuild import anchors, engine, offline, policy, release
from sitebuild.errors import BuildError


def _anchors(site_dir: Path, root: Path) -> str:
    unrecorded = anchors.guard(site_dir, root)
    if not unrecorded:
        return ""
    return (f"{unrecorded} anchors are not in anchors.json yet; "
            "run: python scripts/anchors.py record")


def _plain(step: Callable[[Path, Path], object]) -> Callable[[Path, Path], str]:
    def run(site_dir: Path, root: Path) -> str:
        step(site_dir, root)
        return ""
    return run


# (name, step): each step returns a note for the log ("" when it has none).
STEPS: tuple[tuple[str, Callable[[Path, Path], str]], ...] = (
    ("release check", _plain(release.check)),
    ("engine files and snapshot", _plain(engine.install)),
    ("anchor guard", _anchors),
    ("policy", _plain(policy.apply)),
    ("offline stamp", _plain(offline.stamp_site)),
)


def _check_site(site_dir: Path) -> None:
    if not (site_dir / "index.html").is_file():
        raise BuildError(f"{site_dir} is not a built site: it has no index.html")


def apply(site_dir: Path, root: Path) -> list[str]:
    """Run every step on ``site_dir``, built from the project at ``root``; stop at a failure.

    Returns the steps' notes for the build log.
    """
    _check_site(site_dir)
    notes = [step(site_dir, root) for _, step in STEPS]
    return [note for note in notes if note]


def apply_each(site_dir: Path, root: Path) -> list[tuple[str, BuildError | None, str]]:
    """Run every step even after one fails: ``(name, error or None, note)`` per step.

    For trying another generator: one missing piece of its output must not hide
    what the other steps make of it. A publishable build uses :func:`apply`.
    """
    _check_site(site_dir)
    outcomes: list[tuple[str, BuildError | None, str]] = []
    for name, step in STEPS:
        try:
            note = step(site_dir, root)
        except BuildError as error:
            outcomes.append((name, error, ""))
        else:
            outcomes.append((name, None, note))
    return outcomes
