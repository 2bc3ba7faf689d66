"""Pages preview well where links are pasted, show when they were reviewed, and 404s help.

Open Graph and Twitter tags come from each page's front matter through the
theme override; a page without a description would preview with the site's
generic text, so every guidance page must have its own.
"""

from __future__ import annotations

import datetime
import importlib.util
import struct
from pathlib import Path

import pytest

from tests.conftest import ROOT

from .helpers import GUIDANCE_PAGES, front_matter, parse_page
from .test_anchors import CRITERION_HEADINGS

SOCIAL_CARD = ROOT / "docs" / "assets" / "images" / "social-card.png"


def _site_url() -> str:
    from tests.quality.support import site_url

    return site_url()


def _all_pages(site: Path) -> list[str]:
    pages = []
    for file in sorted(site.rglob("index.html")):
        relative = file.parent.relative_to(site).as_posix()
        if relative.startswith("assets"):
            continue
        pages.append("" if relative == "." else relative + "/")
    return pages


@pytest.mark.parametrize("source", sorted(GUIDANCE_PAGES))
def test_front_matter_has_title_description_and_review_date(source: str) -> None:
    """Each guidance page states its title, its own description and when it was reviewed."""
    meta = front_matter(source)
    assert isinstance(meta.get("title"), str) and meta["title"], source
    description = meta.get("description")
    assert isinstance(description, str), source
    assert 50 <= len(description) <= 300, (source, len(description))
    assert isinstance(meta.get("reviewed"), datetime.date), source


def test_descriptions_are_distinct() -> None:
    """No two pages share a description (each previews as itself)."""
    descriptions = [front_matter(source)["description"] for source in GUIDANCE_PAGES]
    assert len(set(descriptions)) == len(descriptions)


def test_every_page_has_description_and_link_preview_tags(built_site: Path) -> None:
    """One description, the Open Graph and Twitter tags, and a canonical URL, on every page."""
    site_url = _site_url()
    pages = _all_pages(built_site)
    assert len(pages) >= len(GUIDANCE_PAGES) + 1
    for path in pages:
        page = parse_page(built_site, path)
        meta = page.meta
        assert len(meta.get("description", [])) == 1, path
        description = meta["description"][0]
        assert description, path
        assert meta.get("og:description") == [description], path
        assert meta.get("twitter:description") == [description], path
        for key in ("og:title", "og:type", "og:site_name", "twitter:title"):
            assert len(meta.get(key, [])) == 1 and meta[key][0], (path, key)
        assert meta["twitter:card"] == ["summary_large_image"], path
        canonical = site_url + path
        assert page.links.get("canonical") == [canonical], path
        assert meta.get("og:url") == [canonical], path
        image = site_url + "assets/images/social-card.png"
        assert meta.get("og:image") == [image], path
        assert meta.get("twitter:image") == [image], path
        assert (built_site / "assets" / "images" / "social-card.png").is_file()


@pytest.mark.parametrize(("source", "path"), sorted(GUIDANCE_PAGES.items()))
def test_page_description_comes_from_front_matter(built_site: Path, source: str,
                                                  path: str) -> None:
    """The description in the page head is the page's own, not the site's."""
    meta = parse_page(built_site, path).meta
    assert meta["description"] == [front_matter(source)["description"]]


@pytest.mark.parametrize(("source", "path"), sorted(GUIDANCE_PAGES.items()))
def test_last_reviewed_date_is_shown(built_site: Path, source: str, path: str) -> None:
    """The page says when it was last reviewed, from its front matter."""
    reviewed = front_matter(source)["reviewed"]
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    assert f'Last reviewed: <time datetime="{reviewed}">{reviewed}</time>' in html


def test_not_found_page_is_helpful_and_not_indexed(built_site: Path) -> None:
    """The 404 page asks search engines not to index it and links to the main pages."""
    page = parse_page(built_site, "404.html")
    assert page.meta.get("robots") == ["noindex"]
    assert "Page not found" in page.text
    prefix = _site_url().split("://", 1)[1].split("/", 1)[1]
    for target in ("", "calculator/", "methodology/", "checklist/", "glossary/"):
        assert f"/{prefix}{target}" in page.hrefs, target
    assert page.meta.get("og:image"), "the 404 page still previews with the card"


def test_social_card_is_a_1200_by_630_png() -> None:
    """The preview image is a PNG of the size link previews expect."""
    data = SOCIAL_CARD.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1200, 630)


def test_social_card_matches_its_script() -> None:
    """The committed PNG is exactly what the script draws (regenerate it after edits)."""
    path = ROOT / "scripts" / "make_social_card.py"
    spec = importlib.util.spec_from_file_location("_make_social_card", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.draw_card().png() == SOCIAL_CARD.read_bytes()


def test_print_styles_hide_site_chrome() -> None:
    """The stylesheet has print rules that drop navigation and keep tables whole."""
    css = (ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    start = css.index("@media print")
    block = css[start:]
    for needle in (".md-header", ".md-sidebar", ".md-footer", "break-inside: avoid"):
        assert needle in block, needle


def test_criterion_names_appear_on_overview(built_site: Path) -> None:
    """Every criterion is named on the overview, so a reader finds it in one click."""
    text = parse_page(built_site, "").text
    for heading in CRITERION_HEADINGS.values():
        assert heading in text, heading
