"""Strict input parsing: generous with formatting, never with meaning."""

from __future__ import annotations

import pytest

from calculator import Scenario, ScenarioError, Task, parse_scenario


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1,000", 1000), (" 640 ", 640), ("0", 0), ("10,000,000", 10_000_000), (2500, 2500),
     ("+12", 12), (12.0, 12)],
)
def test_examples_accepts(raw: object, expected: int) -> None:
    assert parse_scenario({"examples": raw}).examples == expected


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "nan", "NaN", "inf", "-inf", "0x10", "ten", "1,00", "1.5", "-1", "10,000,001",
     "1e3", True, None, [], "1_000", "١٢"],
)
def test_examples_rejects(raw: object) -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario({"examples": raw})
    assert info.value.errors == {
        "examples": "examples must be a whole number from 0 to 10,000,000"
    }


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [("deadline_weeks", "2.5", 2.5), ("upfront_budget", "1,500.75", 1500.75),
     ("cached_prompt_share", ".25", 0.25), ("monthly_requests", "1e6", 1_000_000.0),
     ("base_price_input", "0", 0.0), ("upfront_budget", " 20,000 ", 20_000.0),
     ("monthly_requests", "2.5E5", 250_000.0), ("deadline_weeks", 3, 3.0),
     ("cached_prompt_share", "1", 1.0)],
)
def test_numbers_accept(name: str, raw: str, expected: float) -> None:
    assert parse_scenario({name: raw}).value(name) == expected


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [("deadline_weeks", "0", "deadline_weeks must be a number greater than 0 and at most 520"),
     ("cached_prompt_share", "1.01", "cached_prompt_share must be a number from 0 to 1"),
     ("monthly_requests", "1e999", "monthly_requests must be a number from 0 to "
                                   "10,000,000,000"),
     ("base_price_output", "-2", "base_price_output must be a number from 0 to 1,000"),
     ("epochs", "0", "epochs must be a whole number from 1 to 100"),
     ("horizon_months", "121", "horizon_months must be a whole number from 1 to 120"),
     ("deadline_weeks", "-0", "deadline_weeks must be a number greater than 0 and at most 520"),
     ("upfront_budget", "1,0000", "upfront_budget must be a number from 0 to 100,000,000"),
     ("upfront_budget", "12,34.5", "upfront_budget must be a number from 0 to 100,000,000"),
     ("base_price_input", "1e-999999999999999999999999999999999999999",
      "base_price_input must be a number from 0 to 1,000"),
     ("base_price_input", "Infinity", "base_price_input must be a number from 0 to 1,000"),
     ("base_price_input", float("nan"), "base_price_input must be a number from 0 to 1,000"),
     ("base_price_input", True, "base_price_input must be a number from 0 to 1,000")],
)
def test_numbers_reject_with_field_and_range(name: str, raw: object, message: str) -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario({name: raw})
    assert info.value.errors == {name: message}


def test_choices_are_exact() -> None:
    assert parse_scenario({"task": " general "}).task is Task.GENERAL
    with pytest.raises(ScenarioError) as info:
        parse_scenario({"task": "General"})
    assert "task must be one of 'general' or 'domain-specific'" in str(info.value)


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario({"examples": "x", "latency": "fast", "nope": "1"})
    assert set(info.value.errors) == {"examples", "latency", "nope"}
    assert "unknown field 'nope'" in info.value.errors["nope"]
    assert len(str(info.value).splitlines()) == 3


def test_hyphenated_names_are_accepted() -> None:
    assert parse_scenario({"examples-per-month": "7"}).examples_per_month == 7


def test_parse_over_a_base_keeps_other_fields() -> None:
    base = Scenario(examples=5)
    assert parse_scenario({"epochs": "2"}, base) == Scenario(examples=5, epochs=2)
