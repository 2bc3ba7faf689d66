"""Pinning a result as A, and the folded "Costs and prices" section, in Debian's Chromium.

A comparison lives in the link (``pin=``), so a pasted link or a reload opens
the same comparison, and the Markdown record holds both scenarios. The costs
section stays folded unless a link sets one of its fields, one of them is
invalid, or a "what would change" link changes one of them.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest

from calculator.schema import format_number
from calculator.web import compute
from tests.browser.test_calculator_page import clipboard_after
from tests.conftest import SiteServer

pytestmark = pytest.mark.browser

ENGINE_TIMEOUT = 90_000
UI_TIMEOUT = 15_000
# A fine-tuning result whose "what would change" offers a tuned-model price (a cost field).
# A general task on a prompted model half the tuned one's input price: the tuned input
# price is a lever that would change the verdict.
COST_LEVER = ("examples=30000&deadline_weeks=20&monthly_requests=2000000&consistency=flexible"
              "&task=general&tuned_price_input=0.8&base_price_input=0.4&stage=scaling"
              "&evals=rigorous")
TUNING = ("examples=50000&consistency=critical&latency=critical&stage=scaling"
          "&deadline_weeks=20")


def _wait_live(page: Any) -> None:
    page.wait_for_selector("#calculator[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    page.wait_for_selector("#calculator-result[data-source=live][data-state=fresh]",
                           timeout=ENGINE_TIMEOUT)


def _marks(page: Any) -> int:
    return int(page.evaluate("performance.getEntriesByName('calculator:result').length"))


def _wait_result_after(page: Any, before: int) -> None:
    page.wait_for_function(
        "(n) => performance.getEntriesByName('calculator:result').length > n"
        " && document.getElementById('calculator-result').dataset.state === 'fresh'",
        arg=before, timeout=ENGINE_TIMEOUT)


def _expected(page: Any, query: str) -> dict[str, Any]:
    return compute(query, page.get_attribute("#calculator", "data-site-url"),
                   page.get_attribute("#calculator", "data-page-prefix"))


def test_pin_change_copy_and_reload_keep_the_comparison(
    clipboard_page: Any, site_server: SiteServer
) -> None:
    page = clipboard_page
    page.goto(site_server.page_url("calculator/") + "?examples=2000")
    _wait_live(page)
    assert page.locator("#calculator-result .tp-compare").count() == 0

    before = _marks(page)
    page.get_by_role("button", name="Pin as A").click()
    _wait_result_after(page, before)
    assert page.get_by_role("button", name="Unpin A").is_visible()
    assert "None: the same inputs as A." in page.inner_text("#calculator-result .tp-compare")

    before = _marks(page)
    page.locator("#calculator [name='stage']").select_option("scaling")
    _wait_result_after(page, before)
    query = "examples=2000&stage=scaling&pin=" + quote("examples=2000", safe="")
    want = _expected(page, query)
    assert page.url.endswith("/calculator/?" + want["query"]), page.url
    compare = page.inner_text("#calculator-result .tp-compare")
    assert "Stage: Validated → Scaling" in compare
    assert page.get_attribute("#calculator-result", "data-verdict") == want["verdict"]

    markdown = clipboard_after(page, '[data-action="copy-markdown"]')
    assert markdown == want["markdown"]
    assert "## Current inputs: decision record" in markdown
    assert "## A (pinned): decision record" in markdown
    assert clipboard_after(page, '[data-action="copy-link"]') == page.url

    # A pasted link (here: a reload) opens as the same comparison.
    link = page.url
    page.goto(link)
    _wait_live(page)
    assert page.url == link
    assert page.get_by_role("button", name="Unpin A").is_visible()
    assert "Stage: Validated → Scaling" in page.inner_text("#calculator-result .tp-compare")

    # Editing keeps the pin; unpinning drops it from the link and the view.
    before = _marks(page)
    page.locator("#calculator [name='examples']").fill("3000")
    _wait_result_after(page, before)
    assert "pin=examples%3D2000" in page.url
    before = _marks(page)
    page.get_by_role("button", name="Unpin A").click()
    _wait_result_after(page, before)
    assert "pin=" not in page.url
    assert page.locator("#calculator-result .tp-compare").count() == 0
    assert page.get_by_role("button", name="Pin as A").is_visible()


def test_a_link_setting_a_cost_field_opens_the_costs_section(
    page: Any, site_server: SiteServer
) -> None:
    page.goto(site_server.page_url("calculator/") + "?epochs=2")
    assert page.evaluate("document.getElementById('calculator-costs').open")
    assert page.locator("#calculator [name='epochs']").is_visible()
    page.goto(site_server.page_url("calculator/") + "?" + TUNING)
    assert not page.evaluate("document.getElementById('calculator-costs').open")
    assert not page.locator("#calculator [name='epochs']").is_visible()


def test_folded_summary_follows_typing_and_a_change_link_unfolds(
    page: Any, site_server: SiteServer
) -> None:
    page.goto(site_server.page_url("calculator/"))
    _wait_live_default(page)
    summary = page.locator("#calculator-costs summary")
    assert "fine-tuning work USD 8,000" in summary.inner_text()
    # Unfold with the keyboard, change a figure, fold again: the line shows it.
    summary.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.getElementById('calculator-costs').open")
    page.locator("#calculator [name='fine_tuning_fixed_cost']").fill("30000")
    summary.focus()
    page.keyboard.press("Enter")
    assert not page.evaluate("document.getElementById('calculator-costs').open")
    assert "fine-tuning work USD 30,000" in summary.inner_text()

    # A "what would change" link that sets a cost field shows and focuses it.
    page.goto(site_server.page_url("calculator/") + "?" + COST_LEVER)
    link = page.locator("#calculator-result .tp-changes a[data-field='tuned_price_input']")
    link.wait_for(timeout=ENGINE_TIMEOUT)
    page.wait_for_selector('#calculator[data-engine="ready"]', timeout=ENGINE_TIMEOUT)
    page.evaluate("document.getElementById('calculator-costs').open = false")
    link.click()
    page.wait_for_function("() => document.getElementById('calculator-costs').open")
    assert page.evaluate("document.activeElement.name") == "tuned_price_input"
    assert page.locator("#calculator [name='tuned_price_input']").is_visible()


@pytest.mark.parametrize("typed", ["0.4", "2.125", "12500.5", "1234567", "0.0000004", "1,250"])
def test_folded_line_prints_a_figure_as_the_build_does(
    page: Any, site_server: SiteServer, typed: str
) -> None:
    """The page's own number formatting agrees with calculator.schema.format_number."""
    page.goto(site_server.page_url("calculator/"))
    field = page.locator("#calculator [name='fine_tuning_fixed_cost']")
    page.evaluate("document.getElementById('calculator-costs').open = true")
    field.fill(typed)
    slot = page.locator("#calculator-costs [data-summary-field='fine_tuning_fixed_cost']")
    assert slot.text_content() == format_number(float(typed.replace(",", "")))


def _wait_live_default(page: Any) -> None:
    page.wait_for_selector("#calculator[data-engine=ready]", timeout=ENGINE_TIMEOUT)
