#!/usr/bin/env bash
# Try the site on another generator (properdocs or zensical): build it in a
# throwaway environment, finish it with scripts/postbuild.py, run the site's
# own checks against it, and print a table of what holds and what differs.
# Not part of the test suite (it installs packages; a few minutes).
#
#   bash scripts/try_generator.sh properdocs
#   bash scripts/try_generator.sh zensical
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -x .venv/bin/python ] || bash scripts/setup.sh
exec .venv/bin/python scripts/try_generator.py "$@"
