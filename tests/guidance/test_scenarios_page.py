"""The scenario gallery page: rendered from calculator.gallery, every row opens the calculator."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from calculator import decode_query
from calculator.gallery import GALLERY

from .helpers import load_macros


class _Links(HTMLParser):
    """Ids, and the links inside the first table of a page's content."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.table_links: list[str] = []
        self._tables = 0
        self._in_table = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "table":
            self._tables += 1
            self._in_table = self._tables == 1
        if tag == "a" and self._in_table:
            self.table_links.append(values.get("href", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = False


def _page(built_site: Path) -> _Links:
    parser = _Links()
    parser.feed((built_site / "scenarios" / "index.html").read_text(encoding="utf-8"))
    return parser


def test_every_team_has_an_anchor_and_a_row_opening_it_in_the_calculator(
        built_site: Path) -> None:
    page = _page(built_site)
    calculator_links = [h for h in page.table_links if "calculator/" in h]
    assert len(calculator_links) == len(GALLERY)
    for team, href in zip(GALLERY, calculator_links, strict=True):
        assert team.id in page.ids
        url = urlsplit(href)
        assert url.path == "../calculator/"
        assert decode_query(unquote(url.query)) == team.scenario
    assert {f"#{team.id}" for team in GALLERY} <= set(page.table_links)


def test_the_page_is_in_the_guidance_navigation(built_site: Path) -> None:
    html = (built_site / "decision" / "index.html").read_text(encoding="utf-8")
    assert 'href="../scenarios/"' in html
    for anchor in ("scenario-gallery", "teams", "how-to-read", "team-details"):
        assert anchor in _page(built_site).ids


@pytest.fixture()
def gallery_macros() -> object:
    return load_macros("gallery")


def test_a_team_the_model_disagrees_with_fails_the_build(
        gallery_macros: object, monkeypatch: pytest.MonkeyPatch) -> None:
    from calculator import Verdict, gallery

    first = GALLERY[0]
    wrong = gallery.Team(first.id, first.name, first.story, Verdict.FINE_TUNING, first.why,
                         first.inputs)
    monkeypatch.setattr(gallery_macros, "GALLERY", (wrong, *GALLERY[1:]))
    with pytest.raises(ValueError, match="the gallery expects fine-tuning"):
        gallery_macros.scenario_gallery()  # type: ignore[attr-defined]
