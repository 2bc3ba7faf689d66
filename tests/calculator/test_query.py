"""The URL query: short, exact, and as strict as every other input."""

from __future__ import annotations

import pytest

from calculator import Consistency, Scenario, ScenarioError, decode_query, encode_query


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
