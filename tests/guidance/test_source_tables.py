"""Tables of cited sources fit the page: long source addresses wrap inside their cells.

Seen in review at 1280 px: the provider-minimums table on Fundamentals ran
past the text column because each source URL is one unbreakable word. Pinned
here as geometry, not pixels.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import SiteServer

# Pages that show the provider-minimums table, and the heading it follows.
TABLE_PAGES = (("fundamentals/", "how-much-data"), ("methodology/", "vendor-minimums"))


@pytest.mark.browser
@pytest.mark.parametrize(("site_path", "anchor"), TABLE_PAGES)
def test_provider_table_fits_the_text_column(page: Any, site_server: SiteServer,
                                             site_path: str, anchor: str) -> None:
    """At desktop width the table is no wider than the article, so nothing scrolls sideways."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_server.page_url(f"{site_path}#{anchor}"))
    table = page.locator(f"#{anchor} ~ .md-typeset__scrollwrap table").first
    assert "A job accepts from" in table.inner_text()
    widths = table.evaluate(
        "t => [t.getBoundingClientRect().width, t.closest('article').clientWidth]")
    assert widths[0] <= widths[1], widths
    wrap = table.locator("td a[href^='http']").first.evaluate(
        "a => getComputedStyle(a).overflowWrap")
    assert wrap == "anywhere"
