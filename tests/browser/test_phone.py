"""The calculator page on a 390 px phone: what a thumb reaches and what covers what.

Geometry in Debian's Chromium, never pixels: the theme's "Back to top" pill
never covers the sticky verdict summary, Copy link is within the first screen
and stays there while the form scrolls, the toolbar's buttons share one row,
and the cost chart's plot spans its column.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import SiteServer

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
UI_TIMEOUT = 15_000
ENGINE_TIMEOUT = 90_000
MIN_PLOT_SHARE = 0.82
"""The plot's share of the column; the rest holds the axis labels (was 278 of 358 px)."""


@pytest.fixture
def phone(browser: Any, site_server: SiteServer) -> Iterator[Any]:
    context = browser.new_context(viewport=PHONE, service_workers="block")
    context.grant_permissions(["clipboard-read", "clipboard-write"],
                              origin=site_server.url.rstrip("/"))
    try:
        page = context.new_page()
        page.goto(site_server.page_url("calculator/"))
        yield page
    finally:
        context.close()


def box(page: Any, selector: str) -> dict[str, float]:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, f"{selector} is not on screen"
    return dict(found)


def overlap(a: dict[str, float], b: dict[str, float]) -> bool:
    return (a["x"] < b["x"] + b["width"] and b["x"] < a["x"] + a["width"]
            and a["y"] < b["y"] + b["height"] and b["y"] < a["y"] + a["height"])


def test_back_to_top_never_covers_the_sticky_summary(phone: Any) -> None:
    """Scrolling up shows the theme's pill; it must leave the summary uncovered."""
    page = phone
    page.evaluate("window.scrollTo(0, 2500)")
    page.wait_for_timeout(300)
    for _ in range(3):  # the theme shows the pill while the reader scrolls up
        page.mouse.wheel(0, -150)
        page.wait_for_timeout(150)
    page.wait_for_selector(".md-top:not([hidden])", timeout=UI_TIMEOUT)
    page.wait_for_timeout(300)  # its transition
    pill, summary = box(page, ".md-top"), box(page, "#calculator-glance")
    assert summary["y"] < 120, summary  # the summary is stuck under the header
    assert not overlap(pill, summary), (pill, summary)
    assert pill["y"] + pill["height"] <= PHONE["height"], pill


def test_copy_link_is_in_the_first_screen_and_stays_in_reach(phone: Any) -> None:
    page = phone
    button = page.locator('#calculator-glance [data-glance-action="copy-link"]')
    first = box(page, '#calculator-glance [data-glance-action="copy-link"]')
    assert first["y"] + first["height"] <= PHONE["height"] and button.is_visible(), first
    page.locator("#calculator [name='evals']").scroll_into_view_if_needed()
    assert page.evaluate("window.scrollY") > 500
    later = box(page, '#calculator-glance [data-glance-action="copy-link"]')
    assert 0 <= later["y"] <= 160, later
    page.wait_for_selector("#calculator[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    page.fill("#calculator [name='examples']", "50000")
    page.wait_for_function("() => location.search.includes('examples=50000')",
                           timeout=ENGINE_TIMEOUT)
    page.evaluate("navigator.clipboard.writeText('')")
    button.click()
    page.wait_for_function("async () => (await navigator.clipboard.readText()).length > 0",
                           timeout=UI_TIMEOUT, polling=100)
    assert page.evaluate("navigator.clipboard.readText()") == page.url
    assert page.locator("#calculator-glance .tp-glance-feedback").inner_text() == "Link copied."


def test_toolbar_buttons_share_one_row(phone: Any) -> None:
    """No "Pin as A" on a row of its own; each label stays on one line."""
    # Measured in one go: the page may still move (a live result arriving) between calls.
    boxes = phone.evaluate("""() => [...document.querySelectorAll('.tp-toolbar .md-button')]
      .map((b) => { const r = b.getBoundingClientRect();
                    return {x: r.x, y: r.y, width: r.width, height: r.height}; })""")
    assert len(boxes) == 3 and all(boxes)
    tops = {round(b["y"]) for b in boxes if b}
    heights = {round(b["height"]) for b in boxes if b}
    assert len(tops) == 1, boxes
    assert max(heights) < 40, boxes  # one line of text each


def test_cost_chart_fills_its_column(phone: Any) -> None:
    measured = phone.evaluate("""() => {
      const result = document.querySelector('#calculator-result .tp-result');
      const style = getComputedStyle(result);
      const column = result.getBoundingClientRect();
      const left = column.left + parseFloat(style.paddingLeft);
      const right = column.right - parseFloat(style.paddingRight);
      const svg = result.querySelector('svg.tp-chart');
      const texts = [...svg.querySelectorAll('text')].map((t) => t.getBoundingClientRect());
      return {left, right, plot: svg.getBoundingClientRect().width,
              textLeft: Math.min(...texts.map((b) => b.left)),
              textRight: Math.max(...texts.map((b) => b.right))};
    }""")
    column = measured["right"] - measured["left"]
    assert measured["plot"] >= MIN_PLOT_SHARE * column, measured
    # Nothing drawn outside the column: the labels fit the margins left to them.
    assert measured["textLeft"] >= measured["left"] - 1, measured
    assert measured["textRight"] <= measured["right"] + 1, measured


@pytest.mark.parametrize("width", [390, 1280])
def test_scrolling_leaves_the_address_alone(browser: Any, site_server: SiteServer,
                                            width: int) -> None:
    """The address is the result's link: reading down the page adds no #section to it."""
    context = browser.new_context(viewport={"width": width, "height": 844},
                                  service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_server.page_url("calculator/?examples=5000"))
        page.wait_for_load_state("load")
        for anchor in ("compare", "how-it-runs"):
            page.evaluate("(id) => document.getElementById(id).scrollIntoView()", anchor)
            page.wait_for_timeout(400)
            page.mouse.wheel(0, 40)
            page.wait_for_timeout(400)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(600)
        assert page.evaluate("window.scrollY") > 1000
        assert page.evaluate("location.hash") == ""
        assert page.evaluate("location.search").startswith("?examples=5000")
    finally:
        context.close()
