"""Rules 8 to 11 of the design (v3), pinned as properties over presets and dates.

8. A preset never borrows another provider's figure; a figure left to the reader makes the
   comparison incomplete and confidence at most low.
9. A tune on an option closed to new customers, or after its last tune day, is not a path.
10. A retirement forces one migration; successors retire on the typical model life; the
    break-even counts the re-tunes before it, so it never contradicts the totals.
11. The default scenario is a named option open to a new team, every figure confirmed.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from calculator import Scenario, ScenarioError, Verdict, parse_scenario, recommend
from calculator.costs import TYPICAL_LIFE_MONTHS, compute_costs, cumulative_costs, migration_months
from calculator.option_dates import tune_closed
from calculator.preset_model import PRICE_FIELDS, Sourced, SourceKind
from calculator.presets import (
    DEFAULT_PRESET,
    PRESET_BY_ID,
    PRESETS,
    PRESETS_CHECKED,
    Availability,
    availability,
    closed_to_new,
)
from calculator.recommend import Confidence
from calculator.schema import FIELD_BY_NAME
from calculator.sources import cost_sources
from tests.calculator.reference import reference
from tests.property.strategies import realistic_scenarios

DAYS = st.dates(date(2026, 1, 1), date(2028, 12, 31))
STRONG = {"examples": 60_000, "examples_per_month": 2_000, "task": "domain-specific",
          "stage": "scaling", "consistency": "critical", "latency": "critical",
          "ml_expertise": "strong", "evals": "rigorous", "deadline_weeks": 40,
          "upfront_budget": 500_000, "monthly_requests": 5_000_000, "horizon_months": 24}
"""A case strong enough that only a missing path keeps fine-tuning from being recommended."""


def _usable(preset_id: str, day: date) -> bool:
    return availability(PRESET_BY_ID[preset_id], day)[0] is not Availability.ENDED


# Rule 8 ----------------------------------------------------------------------------------------


@settings(max_examples=25)
@given(st.sampled_from([p.id for p in PRESETS]), DAYS)
def test_a_preset_fills_every_cost_field_with_its_own_figure_or_an_estimate(
        preset_id: str, day: date) -> None:
    if not _usable(preset_id, day):
        with pytest.raises(ScenarioError) as caught:
            parse_scenario({"preset": preset_id, "as_of": day.isoformat()})
        assert "preset" in caught.value.errors
        return
    s = parse_scenario({"preset": preset_id, "as_of": day.isoformat()})
    sources = {f.field: f for f in cost_sources(s)}
    assert set(sources) == set(PRICE_FIELDS)
    for name, source in sources.items():
        assert source.kind in (SourceKind.PRESET, SourceKind.ESTIMATE), name
        assert source.by == preset_id and source.url.startswith("https://"), name
        if source.kind is SourceKind.ESTIMATE:
            assert source.note, name
    data = recommend(s).to_dict()
    assert set(data["sources"]) == set(PRICE_FIELDS) and data["costs_complete"] is True


@settings(max_examples=25)
@given(st.sampled_from([p.id for p in PRESETS]), st.sampled_from(PRICE_FIELDS),
       realistic_scenarios())
def test_a_figure_left_to_the_reader_makes_the_comparison_incomplete_and_confidence_low(
        preset_id: str, name: str, base: Scenario) -> None:
    preset = PRESET_BY_ID[preset_id]
    unconfirmed = replace(preset, **{name: Sourced(None, "https://example.org/", PRESETS_CHECKED,
                                                   "not confirmed")})
    s = replace(base, preset=preset_id, prompt_preset="",
                **{name: FIELD_BY_NAME[name].default})
    with patch.dict(PRESET_BY_ID, {preset_id: unconfirmed}):
        result = recommend(s)
    assert not result.costs_complete
    assert result.confidence is Confidence.LOW
    assert any("cost comparison is incomplete" in w and name in w for w in result.warnings)
    assert result.to_dict()["sources"][name]["kind"] == "default"


@settings(max_examples=25)
@given(st.sampled_from([p.id for p in PRESETS]), st.sampled_from(
    ["openai-gpt-5.6-sol", "anthropic-claude-opus-5-5", "aws-nova-micro",
     "google-gemini-3.1-pro-preview"]))
def test_a_prompted_model_changes_only_the_prompted_side(preset_id: str, model: str) -> None:
    day = PRESETS_CHECKED.isoformat()
    plain = parse_scenario({"preset": preset_id, "as_of": day})
    prompted = parse_scenario({"preset": preset_id, "as_of": day, "prompt_preset": model})
    changed = {k for k, v in prompted.to_dict().items() if plain.to_dict()[k] != v}
    assert changed <= {"prompt_preset", "base_price_input", "base_price_cached_input",
                       "base_price_output", "prompt_hosting_monthly"}
    assert prompted.prompt_preset == model


# Rule 9 ----------------------------------------------------------------------------------------


@settings(max_examples=25)
@given(st.sampled_from([p.id for p in PRESETS]), DAYS)
def test_no_verdict_rests_on_a_tune_the_option_does_not_take(preset_id: str, day: date) -> None:
    if not _usable(preset_id, day):
        return
    s = parse_scenario({**STRONG, "preset": preset_id, "as_of": day.isoformat()})
    result = recommend(s)
    closed = closed_to_new(PRESET_BY_ID[preset_id], day) is not None
    if closed:
        assert result.verdict is Verdict.PROMPT_ENGINEERING
        named = [step for step in result.next_steps if "compare an option open" in step]
        assert named, result.next_steps
        other = next(p for p in PRESETS if f"(preset {p.id})" in named[0])
        assert other.id != preset_id
        open_s = replace(s, preset=other.id)
        assert tune_closed(open_s, 0.0) is None
    if result.verdict is not Verdict.PROMPT_ENGINEERING:
        assert tune_closed(s, 0.0) is None


def test_openai_on_the_default_day_recommends_no_step_openai_no_longer_offers() -> None:
    s = parse_scenario({**STRONG, "preset": "openai-gpt-4.1-mini"})
    result = recommend(s)
    assert result.verdict is Verdict.PROMPT_ENGINEERING
    assert not any("OpenAI" in step and "fine-tun" in step.lower() for step in result.next_steps)
    # The 2027-01-14 retirement is one migration, priced once; its successor retires after
    # the typical life, not every month.
    assert compute_costs(replace(s, horizon_months=12)).retunes == 1
    assert result.costs.retunes == 2
    with pytest.raises(ScenarioError):
        parse_scenario({"preset": "openai-gpt-4.1-mini", "as_of": "2027-01-15"})


# Rule 10 ---------------------------------------------------------------------------------------


@settings(max_examples=25)
@given(st.integers(1, 120), st.integers(1, 120))
def test_a_retirement_forces_one_migration_then_the_typical_life(life: int,
                                                                   horizon: int) -> None:
    s = replace(Scenario(), model_lifetime_months=life, horizon_months=horizon)
    months = migration_months(s)
    expected = [] if life >= horizon else [
        life + k * TYPICAL_LIFE_MONTHS for k in range(math.ceil((horizon - life)
                                                                / TYPICAL_LIFE_MONTHS))]
    assert months == [m for m in expected if m < horizon]
    assert len(months) <= 1 + horizon / TYPICAL_LIFE_MONTHS


@settings(max_examples=100)
@given(realistic_scenarios())
@example(reference(base_price_input=2.0, base_price_cached_input=0.5, base_price_output=8.0,
                   retrain_every_months=2, horizon_months=24, examples=5_000))
@example(reference(base_price_input=2.0, base_price_cached_input=0.5, base_price_output=8.0,
                   model_lifetime_months=3, horizon_months=6, examples=5_000))
def test_the_break_even_never_contradicts_the_totals(s: Scenario) -> None:
    """From the break-even month on, fine-tuning's running total (re-tunes included) stays at
    or below prompting's; totals that favour prompting have no break-even in the horizon."""
    c = compute_costs(s)
    be = c.break_even_months
    tolerance = 1e-6 * max(1.0, c.pe_total, c.ft_total)
    if be is not None and be <= s.horizon_months:
        for month, pe, ft in cumulative_costs(s)[math.ceil(be):]:
            assert ft <= pe + tolerance, month
        assert c.ft_total <= c.pe_total + tolerance
    if c.ft_total > c.pe_total + tolerance:
        assert be is None or be > s.horizon_months


# Rule 11 ---------------------------------------------------------------------------------------


@settings(max_examples=25)
@given(st.dates(PRESETS_CHECKED, PRESETS_CHECKED + timedelta(days=3 * 365)))
def test_the_default_is_a_named_option_open_to_a_new_team(day: date) -> None:
    s = Scenario()
    assert s.preset == DEFAULT_PRESET and s.as_of == PRESETS_CHECKED.isoformat()
    preset = PRESET_BY_ID[DEFAULT_PRESET]
    assert all(figure.confirmed for _, figure in preset.figures())
    assert availability(preset, day)[0] is Availability.AVAILABLE
    assert closed_to_new(preset, day) is None
    later = parse_scenario({"as_of": day.isoformat()})
    assert tune_closed(later, 0.0) is None
    assert recommend(s).costs_complete


@settings(max_examples=25)
@given(st.dates(date(2026, 1, 1), date(2026, 5, 6)), st.floats(0, 24))
def test_a_tune_after_a_platform_closes_to_new_customers_is_not_a_path(day: date,
                                                                        month: float) -> None:
    """Before OpenAI's 2026-05-07 cut-off a tune that day is open; one dated after it is not."""
    s = parse_scenario({"preset": "openai-gpt-4.1-mini", "as_of": day.isoformat()})
    tune_day = day + timedelta(days=round(month * 365.25 / 12))
    why = tune_closed(s, month)
    assert (why is None) == (tune_day < date(2026, 5, 7))
