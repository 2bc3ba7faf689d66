"""The offline step: the service worker carries this build's version and file lists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from sitebuild import engine, offline
from sitebuild.errors import BuildError

from .conftest import write


def _build_line(site: Path) -> dict[str, object]:
    text = (site / "sw.js").read_text(encoding="utf-8")
    match = re.search(r"^const BUILD = (.*);$", text, re.MULTILINE)
    assert match, text
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_stamp_lists_pages_shell_and_engine(project: Path, site: Path) -> None:
    engine.install(site, project)
    offline.stamp_site(site, project)
    build = _build_line(site)
    assert build["pages"] == ["guide/", ""]  # sorted by file path
    assert build["offline"] == "503.html"
    assert build["shell"] == ["assets/javascripts/bundle.0123abcd.min.js",
                              "search/search_index.json"]
    assert build["versioned"] == engine.versioned_dirs(project)
    engine_files = build["engine"]
    assert isinstance(engine_files, list)
    assert engine.asset_urls(project)["calculator_snapshot"] in engine_files
    assert build["version"] == offline.cache_version(site)


def test_any_changed_file_changes_the_version(project: Path, site: Path) -> None:
    engine.install(site, project)
    offline.stamp_site(site, project)
    first = _build_line(site)["version"]
    write(site / "guide" / "index.html", "changed")
    offline.stamp_site(site, project)
    assert _build_line(site)["version"] != first


def test_a_worker_without_its_build_line_fails(project: Path, site: Path) -> None:
    engine.install(site, project)
    write(site / "sw.js", "self.addEventListener('x', f);\n")
    with pytest.raises(BuildError, match="exactly one line 'const BUILD"):
        offline.stamp_site(site, project)


def test_a_site_without_the_offline_page_fails(project: Path, site: Path) -> None:
    engine.install(site, project)
    (site / "503.html").unlink()
    with pytest.raises(BuildError, match=r"503\.html is missing"):
        offline.stamp_site(site, project)
