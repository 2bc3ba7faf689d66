"""The schema is the single source of every field: names, bounds, defaults, messages."""

from __future__ import annotations

import pytest

from calculator import FIELD_BY_NAME, FIELDS, FieldKind, Scenario
from calculator.scenario import ENUMS
from calculator.schema import parse_value

DESIGN_FIELDS = (
    "examples", "examples_per_month", "task", "stage", "consistency", "latency", "data_policy",
    "ml_expertise", "domain_expertise", "deadline_weeks", "upfront_budget", "monthly_requests",
    "input_tokens", "output_tokens", "prompt_tokens", "tuned_prompt_tokens",
    "base_price_input", "base_price_output", "tuned_price_input", "tuned_price_output",
    "training_price", "training_tokens_per_example", "epochs", "fine_tuning_fixed_cost",
    "tuned_hosting_monthly", "horizon_months", "cached_prompt_share",
    "base_price_cached_input", "model_lifetime_months", "evals", "gap",
    "preset", "as_of",
    "prompt_preset", "tuned_price_cached_input",
    "max_training_examples", "prompt_hosting_monthly", "prompt_engineering_cost",
    "retrain_every_months",
    "cost_per_error", "prompted_error_rate", "tuned_error_rate",
)


def test_fields_are_exactly_the_public_contract() -> None:
    assert sorted(f.name for f in FIELDS) == sorted(DESIGN_FIELDS)


def test_every_field_has_label_help_and_a_valid_default() -> None:
    for field in FIELDS:
        assert field.label and field.help.endswith((".", "?", ")")), field.name
        assert parse_value(field, field.default) == field.default, field.name


def test_every_numeric_field_is_bounded() -> None:
    for field in FIELDS:
        if field.kind in (FieldKind.INT, FieldKind.FLOAT):
            assert field.minimum is not None and field.maximum is not None, field.name


def test_choice_fields_match_their_enums() -> None:
    for name, enum in ENUMS.items():
        assert FIELD_BY_NAME[name].choice_values() == tuple(m.value for m in enum), name


def test_every_price_default_cites_a_source_and_date() -> None:
    priced = [f for f in FIELDS if "price" in f.name]
    assert len(priced) == 7
    for field in priced:
        assert "https://" in field.source, field.name
        assert "(preset bedrock-nova-micro)" in field.source, field.name
        assert "checked 2026-12-04" in field.source, field.name
    for name in ("fine_tuning_fixed_cost", "tuned_hosting_monthly", "prompt_hosting_monthly",
                 "prompt_engineering_cost", "max_training_examples"):
        assert "2026-12-04" in FIELD_BY_NAME[name].source


def test_scenario_defaults_come_from_the_schema() -> None:
    values = Scenario().to_dict()
    for field in FIELDS:
        assert values[field.name] == field.default, field.name


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("examples", "a whole number from 0 to 10,000,000"),
        ("deadline_weeks", "a number greater than 0 and at most 520"),
        ("cached_prompt_share", "a number from 0 to 1 or a percentage (50%)"),
        ("task", "one of 'general' or 'domain-specific'"),
        ("stage", "one of 'exploring', 'validated' or 'scaling'"),
        ("epochs", "a whole number from 1 to 100"),
    ],
)
def test_describe_range_in_plain_words(name: str, expected: str) -> None:
    assert FIELD_BY_NAME[name].describe_range() == expected


def test_choice_labels() -> None:
    field = FIELD_BY_NAME["data_policy"]
    assert field.choice_label("must-stay-internal") == "Must stay internal"
    assert field.choice_label("elsewhere") == "elsewhere"


def test_flags_are_hyphenated_names() -> None:
    assert FIELD_BY_NAME["examples_per_month"].flag == "--examples-per-month"


@pytest.mark.parametrize("raw", ["2026-11-26", " 2027-01-14 "])
def test_dates_are_read_as_iso_calendar_days(raw: str) -> None:
    assert parse_value(FIELD_BY_NAME["as_of"], raw) == raw.strip()


@pytest.mark.parametrize("raw", ["2026-02-30", "26-11-2026", "2026-11-26T00:00", "2023-12-31",
                                 "2036-01-01", "", "today", 20261126])
def test_bad_dates_are_refused_naming_the_field_and_the_format(raw: object) -> None:
    with pytest.raises(ValueError, match=r"^Prices and dates as of \(as_of\): must be a date "
                                         r"written YYYY-MM-DD from "):
        parse_value(FIELD_BY_NAME["as_of"], raw)


def test_prompted_model_defaults_to_the_tuned_models_own_base() -> None:
    """Like for like: both defaults are the same model (Nova Micro), tuned or not."""
    prompted = [FIELD_BY_NAME[n].source for n in ("base_price_input", "base_price_output")]
    tuned = [FIELD_BY_NAME[n].source for n in ("tuned_price_input", "tuned_price_output")]
    assert all("amazon.nova-micro-v1:0" in source for source in prompted + tuned)
    s = Scenario()
    assert s.tuned_price_input >= s.base_price_input
