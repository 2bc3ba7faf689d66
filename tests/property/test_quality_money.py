"""Quality in money (design §2, version 3): error costs, the value needed, and rule 12."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import Scenario, Verdict, compute_costs, parse_scenario, recommend
from calculator.verdict import score_of, verdict_of

from .strategies import field_value, realistic_scenarios, scenarios

RANK = {Verdict.PROMPT_ENGINEERING: 0, Verdict.HYBRID: 1, Verdict.FINE_TUNING: 2}
any_scenario = st.one_of(scenarios(), realistic_scenarios())
rate = field_value("prompted_error_rate")
cost = field_value("cost_per_error")


@given(any_scenario)
def test_error_costs_follow_the_formulas_exactly(s: Scenario) -> None:
    """pe/ft_errors_monthly = requests x rate x cost per error, inside the monthly costs."""
    c = compute_costs(s)
    unpriced = compute_costs(replace(s, cost_per_error=0.0))
    assert c.pe_errors_monthly == s.monthly_requests * s.prompted_error_rate * s.cost_per_error
    assert c.ft_errors_monthly == s.monthly_requests * s.tuned_error_rate * s.cost_per_error
    assert c.pe_monthly == unpriced.pe_monthly + c.pe_errors_monthly
    assert c.ft_monthly == unpriced.ft_monthly + c.ft_errors_monthly
    assert c.pe_total == c.pe_upfront + c.pe_monthly * s.horizon_months
    assert c.ft_total == c.ft_upfront + c.ft_monthly * s.horizon_months + c.maintenance


@settings(max_examples=40)
@given(any_scenario)
def test_value_needed_per_request_is_the_extra_total_per_request(s: Scenario) -> None:
    """(ft_total - pe_total) / (requests x horizon) when fine-tuning costs more, else null."""
    c = compute_costs(s)
    data = recommend(s).to_dict()["costs"]
    if c.ft_total > c.pe_total and s.monthly_requests > 0:
        assert c.value_needed_per_request == pytest.approx(
            (c.ft_total - c.pe_total) / (s.monthly_requests * s.horizon_months))
        assert data["value_needed_per_request"] is not None
    else:
        assert c.value_needed_per_request is None
        assert data["value_needed_per_request"] is None
    assert {"pe_errors_monthly", "ft_errors_monthly"} <= data.keys()


@given(any_scenario)
def test_unpriced_errors_leave_the_version_2_costs_exact(s: Scenario) -> None:
    """With cost_per_error 0 the error rates change nothing at all."""
    s = replace(s, cost_per_error=0.0)
    other = replace(s, prompted_error_rate=0.5, tuned_error_rate=0.01)
    assert compute_costs(s) == compute_costs(other)
    assert verdict_of(s) is verdict_of(other)


@given(any_scenario, rate, rate)
def test_rule_12_a_lower_tuned_error_rate_never_moves_toward_prompting(
        s: Scenario, a: float, b: float) -> None:
    """12. A lower tuned_error_rate never moves the verdict (or the score) toward prompting."""
    worse, better = replace(s, tuned_error_rate=max(a, b)), replace(s, tuned_error_rate=min(a, b))
    assert RANK[verdict_of(better)] >= RANK[verdict_of(worse)]
    assert score_of(better, compute_costs(better)) >= score_of(worse, compute_costs(worse))


@given(any_scenario, cost, cost)
def test_rule_12_a_higher_cost_per_error_never_moves_toward_prompting(
        s: Scenario, a: float, b: float) -> None:
    """12. A higher cost_per_error, while the tuned rate is lower, never moves toward prompting."""
    if s.tuned_error_rate > s.prompted_error_rate:
        s = replace(s, tuned_error_rate=s.prompted_error_rate,
                    prompted_error_rate=s.tuned_error_rate)
    low, high = replace(s, cost_per_error=min(a, b)), replace(s, cost_per_error=max(a, b))
    assert RANK[verdict_of(high)] >= RANK[verdict_of(low)]
    assert score_of(high, compute_costs(high)) >= score_of(low, compute_costs(low))


def test_the_value_needed_is_said_in_money_and_in_errors() -> None:
    """The sentence gives the value per answer and the errors per 100 at the entered cost."""
    s = replace(Scenario(), cost_per_error=0.05, examples=5_000)
    r = recommend(s)
    value = r.costs.value_needed_per_request
    assert value is not None
    assert f"{value / 0.05 * 100:.1g}"[:1] in r.value_needed
    assert "each answer is worth USD 0.0" in r.value_needed
    assert "fewer errors per 100 at USD 0.05 each" in r.value_needed
    unpriced = recommend(replace(s, cost_per_error=0.0)).value_needed
    assert "1 fewer error per 100 answers where an error costs USD" in unpriced


def test_a_priced_quality_gain_flips_the_verdict_and_what_would_change_names_it() -> None:
    """A tuned model that halves a costly error rate pays back; the search names the rate."""
    base = parse_scenario({"examples": 5_000, "task": "general", "stage": "scaling",
                           "evals": "rigorous", "ml_expertise": "strong", "deadline_weeks": 12,
                           "cost_per_error": 0.5, "prompted_error_rate": 0.04,
                           "tuned_error_rate": 0.04})
    gained = replace(base, tuned_error_rate=0.02)
    assert verdict_of(base) is Verdict.PROMPT_ENGINEERING
    assert verdict_of(gained) is Verdict.FINE_TUNING
    fields = {ch.field for ch in recommend(base).what_would_change}
    assert "tuned_error_rate" in fields
