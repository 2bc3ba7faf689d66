#!/usr/bin/env bash
# Cut a release: set calculator.__version__ (the one version of the package and
# the site), check and build strictly, then commit and tag v<version>.
# Pushing the tag makes CI run every test and publish the release with mike
# under /<version>/, moving the `latest` alias to it.
#
#   bash scripts/release.sh 0.2.0           # bump, check, commit, tag
#   bash scripts/release.sh 0.2.0 --local   # also publish into the local gh-pages
#                                           # branch (no push), to preview with `mike serve`
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

die() { printf '[release] %s\n' "$*" >&2; exit 1; }
say() { printf '[release] %s\n' "$*"; }

version="${1:-}"
local_publish="${2:-}"
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "usage: scripts/release.sh X.Y.Z [--local]"
[[ -z "$local_publish" || "$local_publish" == "--local" ]] || die "unknown option: $local_publish"
git diff --quiet && git diff --cached --quiet || die "commit or stash your changes first"
git rev-parse -q --verify "refs/tags/v$version" >/dev/null && die "tag v$version exists already"

bash scripts/setup.sh
current="$(.venv/bin/python -c 'import calculator; print(calculator.__version__)')"
[[ "$current" != "$version" ]] || die "calculator.__version__ is $version already"
say "version $current -> $version"
sed -i "s/^__version__ = \"$current\"$/__version__ = \"$version\"/" calculator/version.py
grep -q "^__version__ = \"$version\"$" calculator/version.py || die "could not set __version__"

# Quick gates here; the full suite runs in CI on the tag before anything is published.
export NO_MKDOCS_2_WARNING=1
export PATH="$root/.venv/bin:$PATH"  # mike runs `mkdocs` from the PATH
.venv/bin/ruff check calculator sitebuild tests scripts overrides
.venv/bin/mypy
.venv/bin/python scripts/anchors.py check
.venv/bin/python -m pytest tests/calculator tests/release/test_version_source.py -q
.venv/bin/mkdocs build --strict --site-dir "$(mktemp -d)"

git add calculator/version.py
git commit -q -m "Release $version"
git tag -a "v$version" -m "Release $version"
say "tagged v$version"

if [[ "$local_publish" == "--local" ]]; then
  .venv/bin/mike deploy --update-aliases "$version" latest
  .venv/bin/mike set-default latest
  say "published $version into the local gh-pages branch; preview: .venv/bin/mike serve"
fi
say "publish: git push origin HEAD v$version"
