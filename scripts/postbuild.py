"""Finish any generator's output: run every build step of ``sitebuild`` on a built site.

    python scripts/postbuild.py SITE_DIR [--root PROJECT]

MkDocs runs the same steps itself (``overrides/hooks/postbuild.py``); this
command is for a build that did not: another generator's output, or
``mkdocs build`` with ``TUNE_OR_PROMPT_RAW_BUILD=1``. It writes the engine's
files and snapshot, guards the published anchors, puts the
Content-Security-Policy into every page and writes ``_headers``, stamps the
service worker, and checks the release version. Exit status 1, with the
reason, when a step fails; nothing is published half-finished silently.
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
    args = parser.parse_args(argv)
    try:
        report = steps.apply(args.site_dir.resolve(), args.root.resolve())
    except BuildError as error:
        print(f"postbuild: {error}", file=sys.stderr)
        return 1
    if report.unrecorded_anchors:
        print(f"postbuild: {report.unrecorded_anchors} anchors are not in anchors.json yet; "
              "run: python scripts/anchors.py record")
    print(f"postbuild: finished {args.site_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
