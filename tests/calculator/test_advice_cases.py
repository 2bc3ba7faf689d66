"""Cases an experienced ML engineer would sign, and texts that must never read wrong.

Each test names the situation and the call an expert makes on it: how much data
fine-tuning needs for the case, the lead time at its high end, critical latency
as a quality need, base models that keep retiring, savings too small to count,
self-hosting figures kept as entered, and the wording of the result.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from calculator import Blocker, Confidence, Scenario, Verdict, recommend
from calculator.factors import EVAL_HOLDOUT, PILOT_EXAMPLES, fine_tuning_weeks_range
from calculator.plan import data_needed, decision_costs, pays_back_now, quality_need
from calculator.scenario import ENUMS
from tests.calculator.reference import reference


def scenario(**changes: Any) -> Scenario:
    return reference(**changes)


STRONG = {"consistency": "critical", "evals": "rigorous", "ml_expertise": "strong",
          "deadline_weeks": 16, "upfront_budget": 80_000, "stage": "validated"}
"""Critical consistency, rigorous evals and a strong ML team: the strongest case."""

# A. How much data fine-tuning needs ----------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "needed"),
    [
        ({}, 4_000),
        ({"consistency": "critical"}, 2_000),
        ({"consistency": "critical", "evals": "rigorous"}, 1_000),
        ({"consistency": "critical", "evals": "rigorous", "ml_expertise": "strong"}, 500),
        # A clear pay-back (a third of prompting's bill saved) counts as two points.
        ({"monthly_requests": 5_000_000, "prompt_tokens": 3_000, "cached_prompt_share": 0.0,
          "tuned_price_input": 0.4, "tuned_price_output": 1.6}, 1_000),
    ],
)
def test_data_needed_falls_only_with_a_stronger_case(changes: dict[str, Any],
                                                     needed: int) -> None:
    assert data_needed(scenario(**changes)) == needed


def test_an_ordinary_team_with_2_000_examples_does_not_fine_tune_outright() -> None:
    """Domain-specific and basic evals are no case for a 2,000-example tune that costs more."""
    result = recommend(scenario(examples=2_000))
    assert result.verdict is not Verdict.FINE_TUNING
    assert Blocker.DATA in result.blockers


def test_past_a_pilot_but_short_of_a_production_tune_an_ordinary_case_pilots_now() -> None:
    """1,500 approved copies: far past the providers' 100, short of the 4,000 to commit."""
    result = recommend(scenario(examples=1_500, examples_per_month=200, deadline_weeks=12,
                                upfront_budget=25_000))
    assert result.verdict is Verdict.HYBRID
    assert result.fine_tune_month == 0
    assert "you have the data for a pilot tune" in result.summary
    assert "pilot a tune on 300 of your examples" in result.summary
    assert "10,000" not in result.summary


def test_the_hybrid_pilots_in_the_month_the_pilot_data_is_there() -> None:
    s = scenario(examples=200, examples_per_month=25, deadline_weeks=12, consistency="critical")
    path = recommend(s).path
    assert path is not None and path.data_month == 4 and path.threshold == PILOT_EXAMPLES
    assert s.examples + 4 * s.examples_per_month >= PILOT_EXAMPLES
    assert s.examples + 3 * s.examples_per_month < PILOT_EXAMPLES
    assert "pilot a tune around month 4" in recommend(s).summary


def test_without_evals_the_pilot_needs_a_held_out_set_too() -> None:
    s = scenario(examples=100, examples_per_month=50, deadline_weeks=12, evals="none")
    path = recommend(s).path
    assert path is not None and path.threshold == PILOT_EXAMPLES + EVAL_HOLDOUT


def test_a_strong_case_fine_tunes_on_9_500_examples() -> None:
    result = recommend(scenario(examples=9_500, examples_per_month=100, **STRONG))
    assert result.verdict is Verdict.FINE_TUNING


# B. Lead time at its high end; a managed service is not "skills" -----------------------------


def test_the_time_gate_reads_the_high_end_the_timeline_shows() -> None:
    s = scenario(examples=50_000, **{**STRONG, "ml_expertise": "some", "evals": "basic"})
    low, high = fine_tuning_weeks_range(s)
    assert (low, high) == (6, 9)
    assert Blocker.TIME in recommend(replace(s, deadline_weeks=9)).blockers
    assert Blocker.TIME not in recommend(replace(s, deadline_weeks=9.5)).blockers
    timeline = next(f for f in recommend(s).factors if f.id == "timeline")
    assert "the 6 to 9 weeks" in timeline.explanation
    assert "about 6 to 9 weeks" in recommend(s).timeline.summary


def test_a_managed_service_backs_the_verdict_not_skills() -> None:
    result = recommend(scenario(examples=50_000, **{**STRONG, "ml_expertise": "none",
                                                   "deadline_weeks": 30}))
    assert result.verdict is Verdict.FINE_TUNING
    assert "a managed service" in result.summary and "skills" not in result.summary
    strong = recommend(scenario(examples=50_000, **STRONG))
    assert "skills" in strong.summary and "managed service" not in strong.summary


# C. Critical latency with a shorter tuned prompt is a quality need ---------------------------


def test_critical_latency_that_a_shorter_prompt_helps_is_a_quality_need() -> None:
    on_device = scenario(task="general", consistency="important", latency="critical",
                         examples=20_000, ml_expertise="strong", evals="rigorous",
                         deadline_weeks=12, stage="scaling")
    assert quality_need(on_device)
    result = recommend(on_device)
    assert result.verdict is Verdict.FINE_TUNING
    assert "critical latency" in result.summary
    # No shorter prompt after tuning: nothing for latency to gain.
    assert not quality_need(replace(on_device, tuned_prompt_tokens=1_500))
    assert not quality_need(replace(on_device, latency=ENUMS["latency"]("important")))


# D. Base models keep retiring; a break-even after the retirement never comes -----------------


def test_a_base_model_retiring_before_the_break_even_gives_prompting() -> None:
    """Pay-back in about six months, but the base retires in four: one forced migration,
    then a successor that retires after the typical life, priced in."""
    retiring = scenario(examples=12_000, examples_per_month=300, task="general",
                        deadline_weeks=10, upfront_budget=40_000, horizon_months=24,
                        model_lifetime_months=4, monthly_requests=3_000_000,
                        input_tokens=500, output_tokens=100, prompt_tokens=2_000,
                        tuned_prompt_tokens=100, cached_prompt_share=0.3)
    assert not pays_back_now(retiring, decision_costs(retiring))
    result = recommend(retiring)
    assert result.verdict is Verdict.PROMPT_ENGINEERING
    assert result.costs.retunes == 2
    lasting = recommend(replace(retiring, model_lifetime_months=0))
    assert lasting.costs.retunes == 0 and lasting.costs.extra_total < 0


# E. A saving must be material ---------------------------------------------------------------


def test_a_cached_prompt_saving_too_small_to_count_gives_prompting() -> None:
    """90% of the prompt is cached: fine-tuning saves a sliver over three years."""
    cached = scenario(examples=10_000, examples_per_month=500, task="general",
                      consistency="flexible", horizon_months=36, monthly_requests=3_000_000,
                      input_tokens=500, output_tokens=100, prompt_tokens=4_000,
                      tuned_prompt_tokens=100, cached_prompt_share=0.9)
    result = recommend(cached)
    assert result.verdict is Verdict.PROMPT_ENGINEERING
    assert "no reachable path" not in result.summary
    budget = next(f for f in result.factors if f.id == "budget")
    assert budget.favours.value != "fine-tuning"


# F. Self-hosting keeps the figures entered ----------------------------------------------------


def test_self_hosting_fills_only_the_blank_side_and_says_so() -> None:
    s = scenario(data_policy="must-stay-internal", tuned_hosting_monthly=3_000)
    warnings = " ".join(recommend(s).warnings)
    assert "No prompting hosting was entered" in warnings
    both = scenario(data_policy="must-stay-internal", prompt_hosting_monthly=12_000,
                    tuned_hosting_monthly=4_000)
    text = " ".join(recommend(both).warnings)
    assert "prompting pays USD 12,000 and the tuned model USD 4,000" in text
    assert "was entered" not in text


# Confidence of the knowledge rule -----------------------------------------------------------


def test_a_knowledge_gap_is_called_with_medium_confidence() -> None:
    result = recommend(scenario(gap="knowledge", examples=3_000, ml_expertise="strong"))
    assert result.verdict is Verdict.PROMPT_ENGINEERING
    assert result.confidence is Confidence.MEDIUM


# Texts ---------------------------------------------------------------------------------------


def test_a_break_even_within_weeks_reads_within_the_first_month() -> None:
    result = recommend(scenario(examples=50_000, base_price_input=20, base_price_output=80,
                                base_price_cached_input=20, **STRONG))
    assert "break-even within the first month" in result.summary
    budget = next(f for f in result.factors if f.id == "budget")
    assert "within the first month" in budget.explanation


def test_the_budget_factor_quotes_the_upfront_cost_the_costs_show() -> None:
    result = recommend(scenario(examples=5_000))
    cost = next(f for f in result.factors if f.id == "cost-constraints")
    assert f"USD {round(result.costs.ft_upfront):,} upfront cost" in cost.explanation


def test_re_tunes_are_described_as_they_are_scheduled() -> None:
    retiring = recommend(scenario(examples=50_000, model_lifetime_months=6, **STRONG))
    texts = " ".join((*retiring.warnings, *retiring.next_steps))
    assert "a move to a new base model when it retires after 6 months" in texts
    assert "cadence" not in texts
    cadence = recommend(scenario(examples=50_000, retrain_every_months=4, **STRONG))
    assert "every 4 months" in " ".join(cadence.next_steps)
    assert "new base model" not in " ".join(cadence.next_steps)


def test_an_exploring_team_revisits_once_validated_not_in_years() -> None:
    steps = recommend(scenario(examples=50, examples_per_month=20, stage="exploring",
                               task="general", evals="none")).next_steps
    assert any("once the use case is validated" in step for step in steps)
    assert not any("around month" in step for step in steps)


def test_a_hybrid_names_which_plan_costs_more() -> None:
    result = recommend(scenario(examples=2_000, examples_per_month=200, deadline_weeks=12,
                                tuned_price_input=0.3, tuned_price_output=1.5))
    assert result.verdict is Verdict.HYBRID
    costly = [w for w in result.warnings if "more than prompting" in w]
    assert all(w.startswith("Fine-tuning right away, rather than on the plan above")
               for w in costly)
