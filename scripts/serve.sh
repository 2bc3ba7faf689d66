#!/usr/bin/env bash
# Set up whatever is missing, then serve the site with live reload on 127.0.0.1.
# Usage: scripts/serve.sh [PORT]   (default 8000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
port="${1:-${PORT:-8000}}"
export NO_MKDOCS_2_WARNING=1
echo "[serve] Tune or Prompt at http://127.0.0.1:${port}/  (Ctrl-C to stop)"
exec .venv/bin/mkdocs serve --dev-addr "127.0.0.1:${port}" --livereload
