"""The anchor guard: published anchors stay, moves get an alias, losses fail the build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitebuild import anchors
from sitebuild.errors import BuildError

from .conftest import PAGE, write


def _list(project: Path, pages: dict[str, list[str]], moved: dict[str, str]) -> None:
    write(project / "anchors.json", json.dumps({"pages": pages, "moved": moved}))


def test_a_complete_site_passes_and_counts_new_anchors(project: Path, site: Path) -> None:
    before = (site / "index.html").read_text(encoding="utf-8")
    assert anchors.guard(site, project) == 1  # guide-more is not recorded
    assert (site / "index.html").read_text(encoding="utf-8") == before


def test_a_lost_anchor_fails_naming_it(project: Path, site: Path) -> None:
    _list(project, {"": ["home"], "guide/": ["guide", "gone"]}, {})
    with pytest.raises(BuildError, match=r"guide/#gone was published and is gone"):
        anchors.guard(site, project)


def test_a_lost_page_fails(project: Path, site: Path) -> None:
    _list(project, {"": ["home"], "old/": ["old"]}, {})
    with pytest.raises(BuildError, match=r"page old/ was published and is gone"):
        anchors.guard(site, project)


def test_a_recorded_move_keeps_the_old_id_inside_the_new_target(
    project: Path, site: Path
) -> None:
    _list(project, {"guide/": ["guide", "former"]}, {"guide/#former": "guide/#guide-more"})
    anchors.guard(site, project)
    html = (site / "guide" / "index.html").read_text(encoding="utf-8")
    assert ('<h2 id="guide-more"><span id="former" class="tp-anchor-alias"></span>More</h2>'
            in html)


def test_a_move_to_another_page_fails(project: Path, site: Path) -> None:
    _list(project, {"guide/": ["former"]}, {"guide/#former": "#home"})
    with pytest.raises(BuildError, match="moved to another page"):
        anchors.guard(site, project)


def test_error_pages_and_assets_are_no_pages(site: Path) -> None:
    write(site / "assets" / "x" / "index.html", PAGE.format(title="asset", body=""))
    assert sorted(url for url, _ in anchors.built_pages(site)) == ["", "guide/"]


def test_a_missing_list_fails(project: Path, site: Path) -> None:
    (project / "anchors.json").unlink()
    with pytest.raises(BuildError, match=r"anchors\.json is missing"):
        anchors.guard(site, project)
