"""End to end: choosing a preset on the calculator page, and opening a link that names one.

Expected values come from ``calculator`` itself; the page must show the figures
the preset fills, keep a figure the reader typed, and write a link that gives
the same result when opened again.
"""

from __future__ import annotations

from typing import Any

import pytest

from calculator.preset_fill import preset_values
from calculator.presets import PRESETS_CHECKED
from calculator.schema import FIELDS, Group
from tests.conftest import SiteServer

from .test_calculator_page import expected, result, set_fields_and_wait, wait_live

pytestmark = pytest.mark.browser

PRESET = "openai-gpt-4.1-mini"
AS_OF = PRESETS_CHECKED.isoformat()


def form_value(page: Any, name: str) -> str:
    return str(page.locator(f"#calculator [name='{name}']").input_value())


def test_the_preset_select_sits_at_the_top_of_the_costs_group(page: Any,
                                                              site_server: SiteServer) -> None:
    page.goto(site_server.page_url("calculator/"))
    names = page.eval_on_selector_all(
        "#calculator fieldset", "(sets) => sets.map((s) => [s.querySelector('legend')"
        ".textContent, [...s.querySelectorAll('[name]')].map((c) => c.name)])")
    costs = next(fields for legend, fields in names if legend == "Your costs")
    assert costs[:2] == ["preset", "as_of"]


def test_choosing_a_preset_fills_its_figures_and_pins_the_link(page: Any,
                                                               site_server: SiteServer) -> None:
    """The preset's figures appear in the form, the link names the preset and its date, and
    the result warns that the base model retires before the plan completes."""
    page.goto(site_server.page_url("calculator/"))
    wait_live(page)
    set_fields_and_wait(page, {"preset": PRESET})
    filled = preset_values(PRESET, AS_OF)
    for name, value in filled.items():
        assert float(form_value(page, name)) == pytest.approx(value), name
    search = page.evaluate("location.search")
    assert search.startswith(f"?preset={PRESET}&as_of={AS_OF}")
    assert "base_price_input" not in search  # filled by the preset, so not repeated
    want = expected(search.lstrip("?"), page)
    assert result(page, "verdict") == want["verdict"]
    text = page.inner_text("#calculator-result")
    assert "retires before the plan completes" in text


def test_a_typed_figure_wins_over_the_preset_and_the_link_reproduces_it(
        page: Any, site_server: SiteServer) -> None:
    page.goto(site_server.page_url("calculator/"))
    wait_live(page)
    set_fields_and_wait(page, {"preset": PRESET})
    set_fields_and_wait(page, {"base_price_input": "9"})
    search = page.evaluate("location.search")
    assert f"preset={PRESET}" in search and "base_price_input=9" in search
    verdict = result(page, "verdict")
    page.goto(site_server.page_url("calculator/") + search)
    wait_live(page)
    assert result(page, "verdict") == verdict
    assert form_value(page, "base_price_input") == "9"
    # The link's other preset figures are shown in the form once computed.
    assert float(form_value(page, "base_price_output")) == pytest.approx(
        preset_values(PRESET, AS_OF)["base_price_output"])


def test_an_ended_preset_is_refused_by_name(page: Any, site_server: SiteServer) -> None:
    page.goto(site_server.page_url("calculator/") + f"?preset={PRESET}&as_of=2027-02-01")
    page.wait_for_selector("#f-preset-error:not(:empty)", timeout=90_000)
    assert "not available as of 2027-02-01" in page.inner_text("#f-preset-error")


@pytest.mark.parametrize("width", [390, 1280])
def test_preset_and_date_controls_line_up_with_the_other_inputs(
        context: Any, site_server: SiteServer, width: int) -> None:
    """Seen at 390 and 1280 px: the select and the date input are as wide as the inputs
    below them and start at the same left edge."""
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site_server.page_url("calculator/"))
    page.evaluate("document.getElementById('calculator-costs').open = true")
    below = next(f.name for f in FIELDS if f.group is Group.COSTS
                 and f.name not in ("preset", "as_of"))
    boxes = {name: page.locator(f"#calculator [name='{name}']").bounding_box()
             for name in ("preset", "as_of", below)}
    reference = boxes[below]
    for name in ("preset", "as_of"):
        box = boxes[name]
        assert box is not None and reference is not None
        assert abs(box["x"] - reference["x"]) <= 1, name
        assert abs(box["width"] - reference["width"]) <= 1, name


def test_preset_tables_fit_the_text_column_at_desktop_width(page: Any,
                                                            site_server: SiteServer) -> None:
    """Seen at 1280 px: every preset table on the methodology page is no wider than the
    article, so a reader never scrolls sideways to find a source."""
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_server.page_url("methodology/#price-sources"))
    widths = page.eval_on_selector_all(
        "#price-sources ~ .md-typeset__scrollwrap table",
        "ts => ts.map(t => [t.getBoundingClientRect().width, t.closest('article').clientWidth,"
        " t.innerText.slice(0, 40)])")
    assert len(widths) >= 7  # summary, one per preset, the defaults
    for table, article, head in widths:
        assert table <= article, (head, table, article)


def test_each_price_says_where_its_figure_came_from(page: Any,
                                                    site_server: SiteServer) -> None:
    """Under each price a line names its source; typing a figure turns it into "your
    entry", and a prompted model names itself on the prompted side only."""
    page.goto(site_server.page_url(f"calculator/?preset={PRESET}&as_of={AS_OF}"))
    wait_live(page)
    page.evaluate("document.querySelector('#calculator-costs').open = true")
    line = page.locator("#f-tuned_price_input-source")
    assert line.inner_text().startswith(f"From: this option's own figure ({PRESET}")
    set_fields_and_wait(page, {"tuned_price_input": "0.9",
                               "prompt_preset": "anthropic-claude-opus-5-5"})
    page.wait_for_function("document.querySelector('#f-tuned_price_input-source')"
                           ".textContent === 'From: your entry.'")
    prompted = page.locator("#f-base_price_input-source").inner_text()
    assert "(anthropic-claude-opus-5-5, checked" in prompted
    assert PRESET in page.locator("#f-training_price-source").inner_text()
    box = page.locator("#f-tuned_price_input").bounding_box()
    below = line.bounding_box()
    assert box is not None and below is not None and below["y"] >= box["y"] + box["height"]
    style = line.evaluate("(e) => getComputedStyle(e).fontStyle")
    assert style == "italic"
