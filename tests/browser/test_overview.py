"""The overview as a first-time reader meets it: what to do is in the first screen, and the
decision flow stays readable on a phone (geometry and computed sizes in Chromium)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import SiteServer

pytestmark = pytest.mark.browser

SCREENS = {390: 844, 1280: 900, 1920: 1080}
MIN_TEXT_PX = 12.0

# Every text of the decision flow drawing on show, in CSS pixels on screen.
FLOW_TEXT = """() => {
  const shown = [...document.querySelectorAll('.tp-flow svg')]
    .filter((svg) => svg.getBoundingClientRect().width > 0);
  return shown.map((svg) => ({
    cls: svg.getAttribute('class'),
    width: svg.getBoundingClientRect().width,
    texts: [...svg.querySelectorAll('text')].map((t) => ({
      text: t.textContent,
      px: parseFloat(getComputedStyle(t).fontSize) * Math.abs(t.getScreenCTM().a),
    })),
  }));
}"""


@pytest.mark.parametrize("width", sorted(SCREENS))
def test_the_calculator_action_is_in_the_first_screen(browser: Any, site_server: SiteServer,
                                                      width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": SCREENS[width]},
                                  service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_server.page_url(""))
        action = page.locator(".md-content a.md-button--primary",
                              has_text="Run the calculator on your numbers")
        box = action.bounding_box()
        assert box is not None and action.is_visible()
        assert box["y"] >= 0 and box["y"] + box["height"] <= SCREENS[width], box
        action.click()
        page.wait_for_selector("#calculator", timeout=15_000)
        assert page.url.rstrip("/").endswith("calculator")
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_flow_reads_at_12_px_or_more(browser: Any, site_server: SiteServer,
                                         width: int) -> None:
    """One drawing on show at each width, its labels and questions at 12 px or more."""
    context = browser.new_context(viewport={"width": width, "height": SCREENS[width]},
                                  service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_server.page_url("#decision-flow"))
        drawings = page.evaluate(FLOW_TEXT)
        assert len(drawings) == 1, drawings
        small = [t for t in drawings[0]["texts"] if t["px"] < MIN_TEXT_PX]
        assert drawings[0]["texts"] and not small, (width, small[:3])
    finally:
        context.close()
