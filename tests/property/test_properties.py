"""Properties that must hold for every input, not just the examples we thought of."""

from __future__ import annotations

import math
from datetime import date
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import (
    FIELD_BY_NAME,
    FIELDS,
    FieldKind,
    Scenario,
    ScenarioError,
    Verdict,
    decode_query,
    encode_query,
    parse_scenario,
    recommend,
    render_markdown,
    render_result_html,
)
from calculator.factors import FACTOR_SPECS
from calculator.recommend import verdict_of
from calculator.render import escape_markdown
from calculator.web import compute

from .strategies import raw_values, scenarios

FIELD_NAMES = [f.name for f in FIELDS]


@given(st.dictionaries(st.sampled_from([*FIELD_NAMES, "bogus"]), raw_values, max_size=6))
def test_any_input_gives_a_result_or_field_named_errors(values: dict[str, Any]) -> None:
    """Any input gives a result or a field-named error, never a crash."""
    try:
        s = parse_scenario(values)
    except ScenarioError as exc:
        assert exc.errors and set(exc.errors) <= set(values)
        for name, message in exc.errors.items():
            field = FIELD_BY_NAME.get(name)
            assert (field is not None and message.startswith(f"{field.label} ({name}): ")) \
                or "unknown field" in message
        return
    recommend(s)


@given(scenarios())
def test_outputs_are_finite(s: Scenario) -> None:
    """Every number in the result is finite and the score stays within -100..100."""
    result = recommend(s)
    assert -100 <= result.score <= 100
    c = result.costs
    for value in (c.pe_monthly, c.ft_monthly, c.ft_upfront, c.pe_total, c.ft_total):
        assert math.isfinite(value) and value >= 0
    assert c.break_even_months is None or math.isfinite(c.break_even_months)


@given(scenarios())
def test_deterministic(s: Scenario) -> None:
    """The same scenario always gives the same result."""
    assert recommend(s).to_dict() == recommend(s).to_dict()


@given(scenarios())
def test_url_round_trip(s: Scenario) -> None:
    """decode(encode(s)) == s, and the share query is that encoding."""
    assert decode_query(encode_query(s)) == s
    assert recommend(s).share_query == encode_query(s)


@given(st.text(max_size=200))
def test_markdown_escaping_is_literal(text: str) -> None:
    """Escaped text opens no markup, no table cell and no new line."""
    escaped = escape_markdown(text)
    assert "\n" not in escaped and "\r" not in escaped
    unescaped_pipe = escaped.replace("\\|", "")
    assert "|" not in unescaped_pipe
    for char in "<>*_`[]":
        assert char not in escaped.replace("\\" + char, "")


@given(scenarios())
def test_markdown_tables_keep_their_columns(s: Scenario) -> None:
    """Every factor row of the decision record has exactly four cells."""
    md = render_markdown(recommend(s))
    section = md.split("## Factors")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| [")]
    assert len(rows) == len(FACTOR_SPECS)
    for row in rows:
        assert row.replace("\\|", "").count("|") == 5


@given(st.text(max_size=300))
def test_compute_never_raises(query: str) -> None:
    """The worker's entry point answers every query string, with field-named errors at worst."""
    out = compute(query)
    assert set(out) == {"ok", "verdict", "html", "markdown", "query", "values", "sources", "errors"}
    # "engine" is also what a link calls an unknown field named engine: only the failure
    # report of calculator.web counts as the engine breaking.
    assert not out["errors"].get("engine", "").startswith("engine: the calculator failed")
    if out["ok"]:
        assert out["errors"] == {} and out["verdict"] in {v.value for v in Verdict}
    else:
        assert out["errors"] and all(isinstance(m, str) and m for m in out["errors"].values())


@given(st.dictionaries(st.sampled_from([*FIELD_NAMES, "examples-per-month", "x"]),
                       st.one_of(st.text(max_size=12), raw_values.map(str)), max_size=5))
def test_query_decoding_is_strict_but_total(values: dict[str, str]) -> None:
    """Any query decodes to a scenario or raises ScenarioError naming the fields, nothing else."""
    query = urlencode(values)
    try:
        s = decode_query(query)
    except ScenarioError as exc:
        assert exc.errors
        return
    for name, value in s.to_dict().items():
        field = FIELD_BY_NAME[name]
        if field.kind is FieldKind.DATE:
            assert isinstance(value, str) and value == date.fromisoformat(value).isoformat()
        elif field.kind is not FieldKind.CHOICE:
            assert isinstance(value, int | float) and math.isfinite(value)
            assert field.minimum is not None and field.maximum is not None
            assert field.minimum <= value <= field.maximum


@settings(max_examples=60)
@given(scenarios())
def test_every_listed_change_flips_the_verdict(s: Scenario) -> None:
    """Each 'what would change' entry changes one input and really flips the verdict."""
    result = recommend(s)
    assert len(result.what_would_change) <= 6
    before = s.to_dict()
    for change in result.what_would_change:
        changed = decode_query(change.query)
        after = changed.to_dict()
        assert [k for k in after if after[k] != before[k]] == [change.field]
        assert after[change.field] == change.to_value
        assert verdict_of(changed) is change.new_verdict is not result.verdict


class _Attributes(HTMLParser):
    """Every tag name and attribute name in a fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)

    handle_startendtag = handle_starttag


@settings(max_examples=40)
@given(scenarios())
def test_result_html_never_carries_scripts_or_styles(s: Scenario) -> None:
    """The HTML fragment has no script, no style attribute and no event handler, for any input."""
    parser = _Attributes()
    parser.feed(render_result_html(recommend(s)))
    assert not parser.tags & {"script", "style"}
    assert "style" not in parser.attributes
    assert not any(name.startswith("on") for name in parser.attributes)
