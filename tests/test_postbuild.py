"""``mkdocs build`` without its post-build work, then ``scripts/postbuild.py``, is today's build.

This is what lets the site move to another generator: every step the site
depends on (engine files and snapshot, policy, offline stamp, anchor guard,
release check) runs on the generator's output, and MkDocs' own hooks add
nothing that the command does not. The comparison is byte for byte; only the
snapshot's bytes (the interpreter's random state differs between two runs of
Node) and the service worker's version stamp (which hashes them) are set aside,
and only when they differ for that reason. The build the session already makes
is the reference, so this costs one build without the steps.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, build_site

RAW_BUILD = "TUNE_OR_PROMPT_RAW_BUILD"
SNAPSHOT = re.compile(r"^assets/pyodide/[^/]+/calculator-snapshot-[0-9a-f]{12}\.bin\.gz$")
STAMP_VERSION = re.compile(r'^(const BUILD = \{"version":)"[0-9a-f]{16}"', re.MULTILINE)


def _files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def _comparable(relative: str, path: Path) -> bytes:
    """The bytes to compare: a gzip's content (its header carries the build time)."""
    data = path.read_bytes()
    if relative.endswith(".xml.gz"):
        return gzip.decompress(data)
    if relative == "sw.js":
        return STAMP_VERSION.sub(r"\1<version>", data.decode("utf-8")).encode("utf-8")
    return data


@pytest.fixture(scope="module")
def finished(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A raw MkDocs build finished by the post-build command."""
    site = tmp_path_factory.mktemp("raw") / "site"
    os.environ[RAW_BUILD] = "1"
    try:
        process = build_site(site)
    finally:
        del os.environ[RAW_BUILD]
    assert process.returncode == 0, process.stdout + process.stderr
    assert not (site / "_headers").exists(), "the raw build ran the post-build steps"
    assert 'version: "unbuilt"' in (site / "sw.js").read_text(encoding="utf-8")
    command = [sys.executable, str(ROOT / "scripts" / "postbuild.py"), str(site)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return site


def test_raw_build_then_postbuild_matches_the_build(built_site: Path, finished: Path) -> None:
    expected = _files(built_site)
    found = _files(finished)
    assert sorted(found) == sorted(expected)
    snapshots_differ = False
    different = []
    for relative, path in sorted(expected.items()):
        if _comparable(relative, path) == _comparable(relative, found[relative]):
            continue
        if SNAPSHOT.match(relative):
            snapshots_differ = True
        else:
            different.append(relative)
    assert different == [], f"these files differ from the build's: {different}"
    if not snapshots_differ:
        assert (built_site / "sw.js").read_bytes() == (finished / "sw.js").read_bytes()


def test_postbuild_fails_with_a_message_on_a_folder_that_is_no_site(tmp_path: Path) -> None:
    command = [sys.executable, str(ROOT / "scripts" / "postbuild.py"), str(tmp_path)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "is not a built site: it has no index.html" in done.stderr
    assert "Traceback" not in done.stderr
