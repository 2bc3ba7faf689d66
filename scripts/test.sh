#!/usr/bin/env bash
# Set up whatever is missing, then run every check: lint, types, and the whole
# pytest suite (unit, property, build, in-Pyodide and browser tests).
# Extra arguments go to pytest, e.g. scripts/test.sh -k calculator
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
echo "[test] ruff"
.venv/bin/ruff check calculator sitebuild tests scripts overrides
echo "[test] mypy --strict calculator sitebuild"
.venv/bin/mypy
echo "[test] pytest"
# -n auto: one pytest-xdist worker per core; they share one build of the site.
# --dist loadfile: each test file runs on one worker, so what its tests share
# (two published releases, one axe crawl of every page) is made once, not once
# per worker.
exec .venv/bin/python -m pytest -n auto --dist loadfile "$@"
