#!/usr/bin/env bash
# Set up whatever is missing, then serve the site with live reload on 127.0.0.1.
# Usage: scripts/serve.sh [PORT]   (default 8000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh
port="${1:-${PORT:-8000}}"
export NO_MKDOCS_2_WARNING=1
# mkdocs serve mounts the site under site_url's path (e.g. /tune-or-prompt/).
path="$(.venv/bin/python -c 'import re,urllib.parse as u;t=open("mkdocs.yml",encoding="utf-8").read();m=re.search(r"^site_url:\s*(\S+)",t,re.M);print(u.urlsplit(m.group(1)).path if m else "/")')"
echo "[serve] Tune or Prompt at http://127.0.0.1:${port}${path:-/}  (Ctrl-C to stop)"
exec .venv/bin/mkdocs serve --dev-addr "127.0.0.1:${port}" --livereload
