#!/usr/bin/env bash
# Regenerate requirements-dev.lock from pyproject.toml's `dev` extra: every
# package pinned, with the hashes of all its published files, for Python 3.11
# and later on any platform. Run it after changing the dev list, then
# `bash scripts/setup.sh` to install the new lock.
#
# Uses the uv that the lock itself pins (installed in .venv); on a machine
# without .venv yet, any uv works: `pip install uv` then run this script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
uv_bin=".venv/bin/uv"
[ -x "$uv_bin" ] || uv_bin="$(command -v uv)" || { echo "lock: uv not found" >&2; exit 1; }
exec "$uv_bin" pip compile pyproject.toml --extra dev --generate-hashes --universal \
  --python-version 3.11 --no-header --quiet --output-file requirements-dev.lock
