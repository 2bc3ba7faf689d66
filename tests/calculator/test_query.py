"""The URL query: short, exact, and as strict as every other input."""

from __future__ import annotations

import pytest

from calculator import (
    Consistency,
    Scenario,
    ScenarioError,
    decode_query,
    encode_query,
    parse_scenario,
)
from calculator.query import query_values


def test_defaults_encode_to_nothing() -> None:
    assert encode_query(Scenario()) == ""
    assert decode_query("") == Scenario()


def test_only_changed_fields_in_schema_order() -> None:
    s = Scenario(consistency=Consistency.CRITICAL, examples=12_000, deadline_weeks=2.5)
    assert encode_query(s) == "examples=12000&consistency=critical&deadline_weeks=2.5"


@pytest.mark.parametrize(
    "scenario",
    [Scenario(), Scenario(examples=0, cached_prompt_share=0.333), Scenario(upfront_budget=1e-3),
     Scenario(monthly_requests=9_999_999_999.5, horizon_months=120)],
)
def test_round_trip(scenario: Scenario) -> None:
    assert decode_query(encode_query(scenario)) == scenario


def test_leading_question_mark_and_encoded_commas() -> None:
    assert decode_query("?examples=1%2C500").examples == 1500


@pytest.mark.parametrize(
    ("query", "field"),
    [("foo=1", "foo"), ("examples=<script>alert(1)</script>", "examples"),
     ("examples=1&examples=2", "examples"), ("task=", "task"), ("examples", "examples")],
)
def test_bad_queries_name_the_field(query: str, field: str) -> None:
    with pytest.raises(ScenarioError) as info:
        decode_query(query)
    assert field in info.value.errors


def test_overlong_query_is_refused() -> None:
    with pytest.raises(ScenarioError) as info:
        decode_query("examples=" + "1" * 5000)
    assert "query" in info.value.errors


def test_both_spellings_are_read_and_count_as_one_name() -> None:
    assert decode_query("examples-per-month=7").examples_per_month == 7
    with pytest.raises(ScenarioError) as info:
        decode_query("examples_per_month=1&examples-per-month=2")
    assert info.value.errors == {"examples_per_month": "examples_per_month is given more than once"}


def test_a_repeat_and_other_errors_are_reported_together() -> None:
    with pytest.raises(ScenarioError) as info:
        decode_query("task=x&task=y&examples=-1&bogus=1")
    assert set(info.value.errors) == {"task", "examples", "bogus"}


def test_query_values_are_raw_text() -> None:
    assert query_values("?examples=1%2C000&task=general") == {"examples": "1,000",
                                                               "task": "general"}


def test_encoding_is_exact_for_awkward_floats() -> None:
    s = Scenario(cached_prompt_share=0.1 + 0.2, upfront_budget=1e-7, monthly_requests=1e10)
    query = encode_query(s)
    assert "cached_prompt_share=0.30000000000000004" in query
    assert decode_query(query) == s


def test_a_prompted_model_and_the_tuned_cached_price_travel_in_the_link() -> None:
    """prompt_preset is always named when set, and the figures it fills are not written."""
    s = parse_scenario({"prompt_preset": "openai-gpt-5.6-sol", "tuned_price_cached_input": "0.01"})
    query = encode_query(s)
    assert query == "prompt_preset=openai-gpt-5.6-sol&tuned_price_cached_input=0.01"
    assert decode_query(query) == s
    other = parse_scenario({"preset": "vertex-gemini-3.5-flash-lite",
                            "prompt_preset": "anthropic-claude-opus-5-5"})
    assert "prompt_preset=anthropic-claude-opus-5-5" in encode_query(other)
    assert decode_query(encode_query(other)) == other
