"""Finish any generator's output: run every build step of ``sitebuild`` on a built site.

    python scripts/postbuild.py SITE_DIR [--root PROJECT] [--keep-going]

MkDocs runs the same steps itself (``overrides/hooks/postbuild.py``); this
command is for a build that did not: another generator's output, or
``mkdocs build`` with ``TUNE_OR_PROMPT_RAW_BUILD=1``. It writes the engine's
files and snapshot, guards the published anchors, puts the
Content-Security-Policy into every page and writes ``_headers``, stamps the
service worker, and checks the release version. Exit status 1, with the
reason, when a step fails; nothing is published half-finished silently.
``--keep-going`` runs every step even after one fails and prints one line per
step (``ok`` or ``FAILED``), for trying a generator (scripts/try_generator.sh).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sitebuild import steps  # noqa: E402
from sitebuild.errors import BuildError  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_dir", type=Path, help="the generator's output folder")
    parser.add_argument("--root", type=Path, default=ROOT,
                        help="the project the site was built from (default: this one)")
    parser.add_argument("--keep-going", action="store_true",
                        help="run every step even after one fails; one line per step")
    args = parser.parse_args(argv)
    if args.keep_going:
        return _keep_going(args.site_dir.resolve(), args.root.resolve())
    try:
        notes = steps.apply(args.site_dir.resolve(), args.root.resolve())
    except BuildError as error:
        print(f"postbuild: {error}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"postbuild: {note}")
    print(f"postbuild: finished {args.site_dir}")
    return 0



def _keep_going(site_dir: Path, root: Path) -> int:
    try:
        outcomes = steps.apply_each(site_dir, root)
    except BuildError as error:
        print(f"postbuild: {error}", file=sys.stderr)
        return 1
    for name, error, note in outcomes:
        if error is None:
            print(f"step {name}: ok" + (f" ({note})" if note else ""))
        else:
            print(f"step {name}: FAILED: " + " ".join(str(error).split())[:300])
    return 1 if any(error for _, error, _ in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
