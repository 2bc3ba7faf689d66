"""Properties that must hold for every input, not just the examples we thought of."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from calculator import (
    FIELDS,
    Consistency,
    DataPolicy,
    Latency,
    Scenario,
    ScenarioError,
    compute_costs,
    decode_query,
    encode_query,
    parse_scenario,
    recommend,
    render_markdown,
)
from calculator.recommend import score_of
from calculator.render import escape_markdown

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
            assert message.startswith(name) or "unknown field" in message
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


@given(scenarios(), st.integers(0, 10_000_000))
def test_more_examples_never_favour_prompting(s: Scenario, extra: int) -> None:
    """More examples never move the score toward prompting."""
    more = replace(s, examples=min(10_000_000, s.examples + extra))
    assert score_of(more, compute_costs(more)) >= score_of(s, compute_costs(s))


@given(scenarios())
def test_stricter_needs_never_favour_prompting(s: Scenario) -> None:
    """Stricter consistency or latency, or must-stay-internal, never move toward prompting."""
    base = score_of(s, compute_costs(s))
    for stricter in (replace(s, consistency=Consistency.CRITICAL),
                     replace(s, latency=Latency.CRITICAL),
                     replace(s, data_policy=DataPolicy.MUST_STAY_INTERNAL)):
        assert score_of(stricter, compute_costs(stricter)) >= base


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
    assert len(rows) == 16
    for row in rows:
        assert row.replace("\\|", "").count("|") == 5
