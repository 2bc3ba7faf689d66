"""A guidance page printed (or saved as PDF) carries the content without the site's chrome."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import SiteServer


@pytest.mark.browser
def test_printed_page_shows_content_only(page: Any, site_server: SiteServer) -> None:
    """Print media hides header, sidebars and footer, and shows every tab of the overview."""
    page.emulate_media(media="print")
    page.goto(site_server.page_url("decision/"))
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h1").is_visible()
    assert page.locator("#budget").is_visible()
    assert page.locator(".tp-reviewed").is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")

    page.goto(site_server.page_url(""))
    blocks = page.locator(".tabbed-set .tabbed-block")
    assert blocks.count() == 4
    for index in range(blocks.count()):
        assert blocks.nth(index).is_visible(), index
