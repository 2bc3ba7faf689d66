"""The scenario gallery page as readers see it: fits a phone, light and dark, links work."""

from __future__ import annotations

from typing import Any

import pytest

from calculator import recommend
from calculator.gallery import GALLERY
from tests.conftest import SiteServer


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_gallery_table_fits_the_viewport(browser: Any, site_server: SiteServer,
                                              width: int, scheme: str) -> None:
    """No horizontal scroll: the three-column table fits a 390 px phone and a desktop."""
    context = browser.new_context(viewport={"width": width, "height": 900},
                                  color_scheme=scheme, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_server.page_url("scenarios/"))
        geometry = page.evaluate("""() => {
            const table = document.querySelector('.md-typeset table');
            const wrap = table.closest('.md-typeset__scrollwrap') || table.parentElement;
            const link = table.querySelector('tbody a');
            return {page: document.documentElement.scrollWidth,
                    table: table.scrollWidth, wrap: wrap.clientWidth,
                    right: table.getBoundingClientRect().right,
                    rows: table.tBodies[0].rows.length,
                    columns: table.tHead.rows[0].cells.length,
                    link: getComputedStyle(link).color,
                    text: getComputedStyle(table).color};
        }""")
        assert geometry["page"] <= width
        assert geometry["table"] <= geometry["wrap"] + 1
        assert geometry["right"] <= width
        assert geometry["rows"] == len(GALLERY) and geometry["columns"] == 3
        assert geometry["link"] != geometry["text"]  # links stand out in both schemes
    finally:
        context.close()


def test_a_gallery_link_opens_the_team_in_the_calculator(page: Any,
                                                         site_server: SiteServer) -> None:
    """Following a row's calculator link shows that team's pre-computed verdict once live."""
    team = GALLERY[-1]
    page.goto(site_server.page_url("scenarios/"))
    page.get_by_role("link", name="Open in the calculator").last.click()
    page.wait_for_url("**/calculator/?**")
    assert team.query in page.url
    expected = recommend(team.scenario).verdict.value
    page.wait_for_function(
        "(v) => document.getElementById('calculator-result').dataset.verdict === v",
        arg=expected, timeout=90_000)
