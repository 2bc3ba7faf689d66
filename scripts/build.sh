#!/usr/bin/env bash
# Set up whatever is missing, then build the deployable site into site/.
# The strict build fails on any broken link or anchor (never add -v here:
# MkDocs 1.6 skips anchor validation at debug verbosity).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
export NO_MKDOCS_2_WARNING=1
.venv/bin/mkdocs build --strict --site-dir "${SITE_DIR:-site}"
echo "[build] site ready in ${SITE_DIR:-site}/"
