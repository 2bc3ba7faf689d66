#!/usr/bin/env bash
# Idempotent set-up for a fresh machine: Debian's Chromium, the Python virtual
# environment (.venv) and the npm packages (Pyodide, axe-core, Lighthouse).
# Each step is skipped when its inputs have not changed since the last run, so a
# second run takes about a second and changes nothing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
stamps="$root/.stamps"
mkdir -p "$stamps"

say() { printf '[setup] %s\n' "$*"; }

# Hash of the files that decide a step's result; a step re-runs when it changes.
fingerprint() { cat "$@" | sha256sum | cut -d' ' -f1; }

up_to_date() { [ -f "$stamps/$1" ] && [ "$(cat "$stamps/$1")" = "$2" ]; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# 1. Debian's Chromium for the browser tests and benchmarks.
if [ "${SKIP_CHROMIUM:-0}" != "1" ] && ! command -v chromium >/dev/null 2>&1; then
  say "installing Debian's chromium (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
fi

# 2. Python virtual environment with the locked tools and the calculator itself.
# Every package comes from requirements-dev.lock and must match one of its
# hashes (regenerate the lock with scripts/lock.sh after changing pyproject.toml);
# wheels only, so no build step runs unchecked code. The project itself is
# installed without its dependencies, built by the locked setuptools.
python_bin="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  "$python_bin" -m venv .venv
  rm -f "$stamps/python"
fi
py_fp="$(fingerprint pyproject.toml requirements-dev.lock)"
if ! up_to_date python "$py_fp"; then
  say "installing the locked Python tools into .venv (hash-checked)"
  pip_install=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
  "${pip_install[@]}" --require-hashes --only-binary=:all: -r requirements-dev.lock
  "${pip_install[@]}" --no-deps --no-build-isolation -e .
  echo "$py_fp" > "$stamps/python"
fi

# 3. npm packages, exactly as locked.
npm_fp="$(fingerprint package.json package-lock.json)"
if [ ! -d node_modules/pyodide ] || ! up_to_date npm "$npm_fp"; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$npm_fp" > "$stamps/npm"
fi

# 4. Pure-Python wheels that the in-Pyodide test run loads from local files.
wheels_fp="$(fingerprint scripts/setup.sh scripts/pyodide-test-requirements.txt 2>/dev/null || true)"
if [ -f scripts/pyodide-test-requirements.txt ] && ! up_to_date wheels "$wheels_fp"; then
  say "downloading pure-Python wheels for the in-Pyodide tests"
  rm -rf .cache/pyodide-wheels
  .venv/bin/python -m pip download --quiet --disable-pip-version-check --no-deps \
    --require-hashes --only-binary=:all: --platform any --python-version 3.14 \
    -d .cache/pyodide-wheels -r scripts/pyodide-test-requirements.txt
  echo "$wheels_fp" > "$stamps/wheels"
fi

say "ready"
