"""Strict input parsing: generous with formatting, never with meaning."""

from __future__ import annotations

import pytest

from calculator import (
    FIELD_BY_NAME,
    FIELDS,
    FieldKind,
    Scenario,
    ScenarioError,
    Task,
    parse_scenario,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1,000", 1000), (" 640 ", 640), ("0", 0), ("10,000,000", 10_000_000), (2500, 2500),
     ("+12", 12), (12.0, 12)],
)
def test_examples_accepts(raw: object, expected: int) -> None:
    assert parse_scenario({"examples": raw}).examples == expected


EXAMPLES_RANGE = "Quality examples now (examples): must be a whole number from 0 to 10,000,000"


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "nan", "NaN", "inf", "-inf", "0x10", "ten", "1,00", "1.5", "-1", "10,000,001",
     "1e3", True, None, [], "1_000", "١٢", "50%", "1.5k5", "1e3k"],
)
def test_examples_rejects(raw: object) -> None:
    """Every refusal names the label and the field, then what is accepted."""
    with pytest.raises(ScenarioError) as info:
        parse_scenario({"examples": raw})
    assert set(info.value.errors) == {"examples"}
    assert info.value.errors["examples"].startswith(EXAMPLES_RANGE)


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [("deadline_weeks", "2.5", 2.5), ("upfront_budget", "1,500.75", 1500.75),
     ("cached_prompt_share", ".25", 0.25), ("monthly_requests", "1e6", 1_000_000.0),
     ("base_price_input", "0", 0.0), ("upfront_budget", " 20,000 ", 20_000.0),
     ("monthly_requests", "2.5E5", 250_000.0), ("deadline_weeks", 3, 3.0),
     ("cached_prompt_share", "1", 1.0),
     # What a person types (design.md section 2, Version 3).
     ("examples", "15k", 15_000), ("monthly_requests", "2M", 2_000_000.0),
     ("monthly_requests", "1.5M", 1_500_000.0), ("examples", "15,000", 15_000),
     ("examples", "15 000", 15_000), ("examples", "15\u00a0000", 15_000),
     ("upfront_budget", "$20,000", 20_000.0), ("upfront_budget", "$ 20k", 20_000.0),
     ("cached_prompt_share", "50%", 0.5), ("cached_prompt_share", "50 %", 0.5),
     ("cached_prompt_share", "7%", 0.07), ("examples", "1.1k", 1_100),
     ("monthly_requests", "2m", 2_000_000.0)],
)
def test_numbers_accept(name: str, raw: str, expected: float) -> None:
    assert parse_scenario({name: raw}).value(name) == expected


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [("deadline_weeks", "0", "Deadline (deadline_weeks): must be a number greater than 0 and "
      "at most 520"),
     ("cached_prompt_share", "1.01", "Cached prompt share (cached_prompt_share): must be a "
      "number from 0 to 1 or a percentage (50%)"),
     ("cached_prompt_share", "101%", "Cached prompt share (cached_prompt_share): must be a "
      "number from 0 to 1 or a percentage (50%)"),
     ("monthly_requests", "1e999", "Requests per month (monthly_requests): must be a number "
      "from 0 to 10,000,000,000"),
     ("base_price_output", "-2", "Prompted model output price (base_price_output): must be a "
      "number from 0 to 1,000"),
     ("epochs", "0", "Epochs (epochs): must be a whole number from 1 to 100"),
     ("horizon_months", "121", "Comparison horizon (horizon_months): must be a whole number "
      "from 1 to 120"),
     ("deadline_weeks", "-0", "Deadline (deadline_weeks): must be a number greater than 0 and "
      "at most 520"),
     ("base_price_input", "1e-999999999999999999999999999999999999999",
      "Prompted model input price (base_price_input): must be a number from 0 to 1,000"),
     ("base_price_input", "Infinity", "Prompted model input price (base_price_input): must be "
      "a number from 0 to 1,000"),
     ("base_price_input", float("nan"), "Prompted model input price (base_price_input): must "
      "be a number from 0 to 1,000"),
     ("base_price_input", True, "Prompted model input price (base_price_input): must be a "
      "number from 0 to 1,000")],
)
def test_numbers_reject_with_field_and_range(name: str, raw: object, message: str) -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario({name: raw})
    assert info.value.errors == {name: message}


@pytest.mark.parametrize(
    ("name", "raw", "hint"),
    [("base_price_input", "0,40", "'0,40' is ambiguous: a comma only groups thousands "
      "(15,000); for a decimal write 0.40"),
     ("cached_prompt_share", "0,40", "for a decimal write 0.40 (or 40%)"),
     ("monthly_requests", "1,5M", "for a decimal write 1.5M"),
     ("examples", "50%", "'50%': a percentage is accepted only on shares and rates"),
     ("upfront_budget", "1,0000", "commas and spaces group thousands in threes"),
     ("upfront_budget", "12,34.5", "commas and spaces group thousands in threes"),
     ("monthly_requests", "1.000.000", "'1.000.000' is ambiguous: group thousands with commas"),
     ("monthly_requests", "2bn", "shorthand is k for thousands and M for millions")],
)
def test_ambiguous_forms_are_refused_with_a_hint_for_that_input(name: str, raw: str,
                                                                 hint: str) -> None:
    """The same range for every bad input, then a hint written for the one typed."""
    with pytest.raises(ScenarioError) as info:
        parse_scenario({name: raw})
    message = info.value.errors[name]
    field = FIELD_BY_NAME[name]
    assert message.startswith(f"{field.label} ({name}): must be {field.describe_range()}. ")
    assert hint in message


def test_percentages_are_accepted_exactly_on_the_zero_to_one_fields() -> None:
    """Read from the schema's ranges: a rate field added later accepts 50% at once."""
    for field in FIELDS:
        share = field.kind is FieldKind.FLOAT and field.minimum == 0 and field.maximum == 1
        assert field.accepts_percent is share, field.name
        if field.kind in (FieldKind.INT, FieldKind.FLOAT):
            if share:
                assert parse_scenario({field.name: "25%"}).value(field.name) == 0.25
            else:
                with pytest.raises(ScenarioError):
                    parse_scenario({field.name: "25%"})
    assert any(field.accepts_percent for field in FIELDS)


def test_choices_are_exact() -> None:
    assert parse_scenario({"task": " general "}).task is Task.GENERAL
    with pytest.raises(ScenarioError) as info:
        parse_scenario({"task": "General"})
    assert "Task type (task): must be one of 'general' or 'domain-specific'" in str(info.value)


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
