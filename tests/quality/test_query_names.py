"""A link's field names work in both spellings, and the form matches controls by name only.

The command line spells its flags with hyphens (``--examples-per-month``), so
people build links the same way. The engine and the form must read such a
link identically: one normalisation, ``calculator.query.field_name``, which
the page receives at build time as ``#calculator[data-query-names]``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from calculator.query import decode_query, field_name, query_names
from calculator.scenario import ScenarioError
from tests.conftest import SiteServer

from .support import (
    CALCULATOR_PAGE,
    calculator_fields,
    result_count,
    set_field,
    wait_engine,
    wait_live_result,
)

HYPHENATED = "examples-per-month=5&data-policy=must-stay-internal&ml-expertise=strong"
EXPECTED = {
    "examples_per_month": "5",
    "data_policy": "must-stay-internal",
    "ml_expertise": "strong",
}


def _form_values(page: Any, names: list[str]) -> dict[str, str]:
    return dict(page.evaluate(
        """(names) => Object.fromEntries(names.map((name) =>
            [name, document.querySelector(`#calculator [name="${name}"]`).value]))""",
        names,
    ))


def test_every_field_has_both_spellings() -> None:
    """Each field is named by itself and by its hyphenated form; nothing else names it."""
    names = query_names()
    for field in calculator_fields():
        assert field_name(field) == field
        assert field_name(field.replace("_", "-")) == field
    assert set(names.values()) == set(calculator_fields())
    assert len(names) == len({*calculator_fields(), *(f.replace("_", "-") for f in names)})
    for stranger in ("f-examples", "f_examples", "Examples", "examples ", "constructor"):
        assert field_name(stranger) is None


def test_unknown_name_is_reported_as_written() -> None:
    """An unknown parameter's error names exactly what the link says."""
    with pytest.raises(ScenarioError) as info:
        decode_query("f-examples=999")
    assert list(info.value.errors) == ["f-examples"]
    assert decode_query("examples-per-month=5").examples_per_month == 5


def test_page_publishes_the_same_mapping(built_site: Path) -> None:
    """The calculator page carries ``query_names()`` verbatim for its form."""
    from html import unescape

    html = (built_site / "calculator" / "index.html").read_text(encoding="utf-8")
    start = html.index('data-query-names="') + len('data-query-names="')
    published = json.loads(unescape(html[start : html.index('"', start)]))
    assert published == query_names()


@pytest.mark.browser
def test_hyphenated_link_fills_the_form_and_survives_an_edit(
    page: Any, site_server: SiteServer
) -> None:
    """The form shows a hyphenated link's values at once, and the next edit keeps them."""
    page.goto(site_server.page_url(CALCULATOR_PAGE) + "?" + HYPHENATED)
    assert _form_values(page, list(EXPECTED)) == EXPECTED, "form not filled before the engine"
    wait_engine(page, "ready")
    wait_live_result(page, 0)  # the link's own result
    assert _form_values(page, list(EXPECTED)) == EXPECTED
    before = result_count(page)
    set_field(page, "examples", "3000")
    wait_live_result(page, before)
    shared = parse_qs(page.evaluate("location.search").lstrip("?"))
    assert {name: shared.get(name, [""])[0] for name in EXPECTED} == EXPECTED, shared
    assert shared["examples"] == ["3000"]


@pytest.mark.browser
def test_id_is_not_a_field_name(page: Any, site_server: SiteServer) -> None:
    """``?f-examples=999`` (a control's id, not a name) fills nothing; the error names it."""
    page.goto(site_server.page_url(CALCULATOR_PAGE))
    default = page.locator("#calculator [name='examples']").input_value()
    page.goto(site_server.page_url(CALCULATOR_PAGE) + "?f-examples=999&examples-per-month=8")
    assert page.locator("#calculator [name='examples']").input_value() == default
    assert page.locator("#calculator [name='examples_per_month']").input_value() == "8"
    wait_engine(page, "ready")
    page.wait_for_function(
        "() => !document.getElementById('calculator-query-errors').hidden", timeout=15_000
    )
    assert "f-examples" in page.inner_text("#calculator-query-errors")
    assert page.locator("#calculator [name='examples']").input_value() == default
