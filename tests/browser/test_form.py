"""The form as a reader uses it, in Debian's Chromium: the volume questions in view, a reset,
"None" after a preset, and a preset applied only on a deliberate choice.

Expected figures come from the calculator package (its defaults and its presets).
"""

from __future__ import annotations

from typing import Any

import pytest

from calculator import Scenario, recommend
from calculator.preset_fill import preset_fields, preset_values
from calculator.presets import PRESETS_CHECKED
from calculator.query import format_value
from calculator.schema import FIELDS, Group
from tests.conftest import SiteServer

from .test_calculator_page import (
    ENGINE_TIMEOUT,
    result_marks,
    set_fields_and_wait,
    wait_live,
)

pytestmark = pytest.mark.browser

DEFAULTS = Scenario().to_dict()


def form_value(page: Any, name: str) -> str:
    return str(page.locator(f"#calculator [name='{name}']").input_value())


def preset_options(page: Any) -> list[str]:
    return [v for v in page.eval_on_selector_all(
        "#calculator [name='preset'] option", "(os) => os.map((o) => o.value)") if v]


def test_volume_and_tokens_are_in_view_without_unfolding(page: Any,
                                                         site_server: SiteServer) -> None:
    page.goto(site_server.page_url("calculator/"))
    assert page.evaluate("document.getElementById('calculator-costs').open") is False
    for field in (f for f in FIELDS if f.group is Group.USAGE):
        assert page.locator(f"#calculator [name='{field.name}']").is_visible(), field.name
    hidden = [f.name for f in FIELDS if f.group is Group.COSTS
              and page.locator(f"#calculator [name='{f.name}']").is_visible()]
    assert hidden == [], "price-level figures stay folded until opened"


def test_reset_restores_the_defaults_and_the_bare_address(page: Any,
                                                          site_server: SiteServer) -> None:
    page.goto(site_server.page_url("calculator/?examples=50000&stage=scaling"))
    wait_live(page)
    assert form_value(page, "examples") == "50000"
    before = result_marks(page)
    page.get_by_role("button", name="Reset to defaults").click()
    page.wait_for_function("(n) => performance.getEntriesByName('calculator:result').length > n"
                           " && location.search === ''", arg=before, timeout=ENGINE_TIMEOUT)
    for name in ("examples", "stage", "monthly_requests"):
        assert form_value(page, name) == format_value(DEFAULTS[name]), name
    assert page.get_attribute("#calculator-result", "data-verdict") == \
        recommend(Scenario()).verdict.value
    assert page.get_attribute("#calculator-result", "data-state") == "fresh"


def test_none_after_a_preset_restores_the_default_figures(page: Any,
                                                          site_server: SiteServer) -> None:
    page.goto(site_server.page_url("calculator/"))
    wait_live(page)
    # A preset other than the default option, one that changes default figures.
    day = PRESETS_CHECKED.isoformat()
    preset = next(p for p in preset_options(page)
                  if any(float(v) != float(DEFAULTS[n]) for n, v in preset_values(p, day).items()))
    set_fields_and_wait(page, {"preset": preset})
    filled = preset_values(preset, day)
    changed = [n for n, v in filled.items() if float(v) != float(DEFAULTS[n])]
    assert changed, "the preset changes no default figure: nothing to check"
    set_fields_and_wait(page, {"preset": ""})
    # "None" is a choice of its own (the default is a named option), so the link says preset=
    # with no value; the figures go back to the defaults.
    page.wait_for_function("() => new URLSearchParams(location.search).get('preset') === ''",
                           timeout=ENGINE_TIMEOUT)
    for name in preset_fields():
        assert float(form_value(page, name)) == pytest.approx(float(DEFAULTS[name])), name


def test_arrowing_through_presets_applies_only_the_one_chosen(page: Any,
                                                              site_server: SiteServer) -> None:
    """Arrow keys move through the list without rewriting the form; Enter applies."""
    page.goto(site_server.page_url("calculator/"))
    wait_live(page)
    select = page.locator("#calculator [name='preset']")
    # Every option, "None" included, from the one the page starts on (the default option).
    every = page.eval_on_selector_all("#calculator [name='preset'] option",
                                      "(os) => os.map((o) => o.value)")
    start = every.index(select.input_value())
    assert len(every) >= start + 3
    options = [every[start + 1], every[start + 2]]
    page.evaluate("document.getElementById('calculator-costs').open = true")
    select.focus()
    before = result_marks(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert select.input_value() == options[1]
    page.wait_for_timeout(1500)  # longer than the recompute's debounce
    assert result_marks(page) == before
    assert "preset=" not in page.url
    assert form_value(page, "base_price_input") == format_value(DEFAULTS["base_price_input"])
    page.keyboard.press("Enter")
    page.wait_for_function("(p) => location.search.includes('preset=' + p)", arg=options[1],
                           timeout=ENGINE_TIMEOUT)
    assert result_marks(page) > before
    # Leaving the select after arrowing is a choice too.
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Tab")
    page.wait_for_function("(p) => location.search.includes('preset=' + p)", arg=options[0],
                           timeout=ENGINE_TIMEOUT)
