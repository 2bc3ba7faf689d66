"""Verdicts on clear-cut scenarios from the guidance, gates, warnings and what would change."""

from __future__ import annotations

from typing import Any

import pytest

from calculator import (
    FIELD_BY_NAME,
    GATES,
    Blocker,
    Confidence,
    Scenario,
    Verdict,
    decode_query,
    recommend,
)
from calculator import changes as search
from calculator.recommend import agreement_of, confidence_of, fine_tune_month, verdict_of
from calculator.scenario import ENUMS


def scenario(**changes: Any) -> Scenario:
    return Scenario(**{k: ENUMS[k](v) if k in ENUMS else v for k, v in changes.items()})


PROTOTYPE = {"examples": 50, "examples_per_month": 0, "task": "general", "stage": "exploring",
             "consistency": "flexible", "deadline_weeks": 2}
MATURE = {"examples": 50_000, "task": "domain-specific", "stage": "scaling",
          "consistency": "critical", "latency": "critical", "ml_expertise": "strong",
          "evals": "rigorous", "deadline_weeks": 26, "upfront_budget": 100_000,
          "monthly_requests": 1_000_000}


@pytest.mark.parametrize(
    ("changes", "verdict"),
    [
        (PROTOTYPE, Verdict.PROMPT_ENGINEERING),
        (MATURE, Verdict.FINE_TUNING),
        ({**MATURE, "examples": 300, "examples_per_month": 200}, Verdict.HYBRID),
        ({**MATURE, "evals": "none"}, Verdict.HYBRID),
        ({**MATURE, "deadline_weeks": 2}, Verdict.HYBRID),
        ({**MATURE, "gap": "knowledge"}, Verdict.HYBRID),
        ({**MATURE, "model_lifetime_months": 1, "fine_tuning_fixed_cost": 90_000},
         Verdict.HYBRID),
        ({}, Verdict.HYBRID),
    ],
)
def test_clear_cut_verdicts(changes: dict[str, Any], verdict: Verdict) -> None:
    assert recommend(scenario(**changes)).verdict is verdict


def test_clear_cases_are_confident() -> None:
    assert recommend(scenario(**PROTOTYPE)).confidence is Confidence.HIGH
    assert recommend(scenario(**MATURE)).confidence is Confidence.HIGH


def test_no_evals_never_gives_fine_tuning_outright() -> None:
    result = recommend(scenario(**{**MATURE, "evals": "none"}))
    assert result.verdict is not Verdict.FINE_TUNING
    assert any("no evaluation set" in w for w in result.warnings)
    assert any("evaluation set" in step for step in result.next_steps)


def test_knowledge_gap_points_to_retrieval() -> None:
    result = recommend(scenario(gap="knowledge"))
    assert any("retrieval (RAG)" in w for w in result.warnings)
    assert "retrieval (RAG)" in result.next_steps[0]


def test_hybrid_says_when_to_fine_tune() -> None:
    result = recommend(Scenario())  # 640 examples, 150 a month
    assert result.verdict is Verdict.HYBRID
    assert result.fine_tune_month == 3  # 640 + 150 x 3 = 1,090 >= 1,000
    assert any("around month 3" in step for step in result.next_steps)


def test_hybrid_without_collection_never_reaches_the_threshold() -> None:
    result = recommend(scenario(examples_per_month=0))
    assert result.fine_tune_month is None


@pytest.mark.parametrize(
    ("changes", "phrase"),
    [
        ({"examples": 300, "examples_per_month": 100}, "Fine-tuning now, on 300 examples"),
        ({"model_lifetime_months": 6, "fine_tuning_fixed_cost": 6_000,
          "tuned_price_input": 1.5}, "later than the base model's retirement"),
        ({**MATURE, "data_policy": "must-stay-internal"}, "price a self-hosted model"),
        ({**MATURE, "deadline_weeks": 2}, "shorter than the roughly 3 weeks"),
        ({**MATURE, "tuned_hosting_monthly": 1e6}, "never pays back"),
        ({**MATURE, "fine_tuning_fixed_cost": 99_000, "monthly_requests": 200_000},
         "beyond your 12-month horizon"),
        ({**MATURE, "upfront_budget": 1_000}, "does not cover fine-tuning's USD 8,900"),
    ],
)
def test_warnings(changes: dict[str, Any], phrase: str) -> None:
    warnings = recommend(scenario(**changes)).warnings
    assert any(phrase in w for w in warnings), warnings


def test_what_would_change_flips_the_verdict() -> None:
    base = Scenario()
    result = recommend(base)
    assert 1 <= len(result.what_would_change) <= 5
    for change in result.what_would_change:
        changed = decode_query(change.query)
        assert changed.value(change.field) == change.to_value
        assert verdict_of(changed) is change.new_verdict is not result.verdict
        others = {k: v for k, v in changed.to_dict().items() if k != change.field}
        assert others == {k: v for k, v in base.to_dict().items() if k != change.field}


def test_what_would_change_finds_the_data_threshold() -> None:
    changes = {c.field: c for c in recommend(Scenario()).what_would_change}
    assert changes["examples"].to_value == 1_000
    assert changes["examples"].new_verdict is Verdict.FINE_TUNING
    assert changes["examples"].text == (
        "Quality examples now: 640 → 1,000 examples would give fine-tuning.")


def test_what_would_change_prefers_round_numbers_near_the_turning_point() -> None:
    changes = {c.field: c for c in recommend(Scenario()).what_would_change}
    # The timeline factor turns below the 6 weeks this team needs: 5.9, not 5.99999.
    assert changes["deadline_weeks"].to_value == 5.9
    assert changes["upfront_budget"].to_value == 7_000


def test_what_would_change_is_sorted_by_size_and_capped() -> None:
    for changes in (PROTOTYPE, MATURE, {}, {"gap": "knowledge"}):
        found = recommend(scenario(**changes)).what_would_change
        assert len(found) <= 5
        sizes = [c.size for c in found]
        assert sizes == sorted(sizes)
        assert len({c.field for c in found}) == len(found)


def test_what_would_change_covers_choices() -> None:
    changes = {c.field: c for c in recommend(scenario(gap="knowledge")).what_would_change}
    assert changes["gap"].to_value == "behaviour"
    assert "Knowledge (facts it lacks) → Behaviour (format, tone, skill)" in changes["gap"].text


def test_unknown_model_lifetime_is_searched_from_the_top() -> None:
    s = scenario(**{**MATURE, "monthly_requests": 300_000, "horizon_months": 24})
    result = recommend(s)
    assert result.verdict is Verdict.FINE_TUNING
    be = result.costs.break_even_months
    assert be is not None
    field = FIELD_BY_NAME["model_lifetime_months"]
    found = search._numeric_change(s, field, 0.0, result.verdict)
    assert found is not None
    # The longest lifetime that still flips it: just short of the break-even.
    assert found[1] < be and found[1] >= be - 2


def test_confidence_levels() -> None:
    assert confidence_of(Verdict.PROMPT_ENGINEERING, -50, 0.9) is Confidence.HIGH
    assert confidence_of(Verdict.PROMPT_ENGINEERING, -10, 0.9) is Confidence.MEDIUM
    assert confidence_of(Verdict.PROMPT_ENGINEERING, -2, 0.9) is Confidence.LOW
    assert confidence_of(Verdict.PROMPT_ENGINEERING, -50, 0.5) is Confidence.MEDIUM
    assert confidence_of(Verdict.FINE_TUNING, 60, 0.9, 0.01) is Confidence.LOW
    assert confidence_of(Verdict.FINE_TUNING, 60, 0.9, 0.1) is Confidence.MEDIUM
    assert confidence_of(Verdict.FINE_TUNING, 60, 0.9, 0.5) is Confidence.HIGH
    assert confidence_of(Verdict.HYBRID, 10, 1.0) is Confidence.MEDIUM


def test_a_verdict_a_small_change_would_flip_is_not_confident() -> None:
    # Break-even at 11.4 of 12 months: 5% fewer requests flip it.
    result = recommend(scenario(**{**MATURE, "monthly_requests": 200_000}))
    assert result.verdict is Verdict.FINE_TUNING
    assert result.confidence is Confidence.LOW
    assert result.what_would_change[0].size < 0.05


def test_agreement() -> None:
    result = recommend(scenario(**PROTOTYPE))
    assert 0.5 < agreement_of(result.factors, Verdict.PROMPT_ENGINEERING) <= 1
    assert agreement_of(result.factors, Verdict.FINE_TUNING) == pytest.approx(
        1 - agreement_of(result.factors, Verdict.PROMPT_ENGINEERING))
    assert result.agreement == round(agreement_of(result.factors, result.verdict), 3)


@pytest.mark.parametrize(
    ("changes", "phrase"),
    [
        ({"examples_per_month": 5},
         "At 5 new examples a month you will not reach 1,000 quality examples within 60 months"),
        ({**MATURE, "evals": "none", "upfront_budget": 5_000},
         "You already have 50,000 examples: build an evaluation set and secure the upfront "
         "budget, then fine-tune."),
        ({"examples": 5_000, "consistency": "flexible", "task": "general", "stage": "scaling",
          "latency": "important"},
         "but the case is moderate"),
        ({"evals": "none", "consistency": "critical", "latency": "important"},
         "Before then, build an evaluation set."),
    ],
)
def test_hybrid_next_steps(changes: dict[str, Any], phrase: str) -> None:
    result = recommend(scenario(**changes))
    assert result.verdict is Verdict.HYBRID
    assert any(phrase in step for step in result.next_steps), result.next_steps


def test_summary_names_what_holds_fine_tuning_back() -> None:
    result = recommend(scenario(**{**MATURE, "evals": "none"}))
    assert result.blockers == (Blocker.EVALUATION,)
    assert result.summary.endswith("Held back now by no evaluation set.")


def test_gates_list_every_blocker() -> None:
    assert [g.blocker for g in GATES] == list(Blocker)
    assert all(b.reason and b.remedy for b in Blocker)


def test_fine_tune_month_edges() -> None:
    assert fine_tune_month(scenario(examples=1_000)) == 0
    assert fine_tune_month(scenario(examples=999, examples_per_month=1)) == 1
    assert fine_tune_month(scenario(examples=0, examples_per_month=17)) == 59
    assert fine_tune_month(scenario(examples=0, examples_per_month=16)) is None


def test_result_json_has_the_public_keys() -> None:
    data = recommend(Scenario()).to_dict()
    for key in ("verdict", "confidence", "score", "factors", "costs", "timeline",
                "next_steps", "warnings", "what_would_change", "scenario", "share_query"):
        assert key in data
    assert set(data["costs"]) >= {"pe_monthly", "ft_monthly", "ft_upfront",
                                  "break_even_months", "pe_total", "ft_total",
                                  "horizon_months"}
    assert set(data["factors"][0]) >= {"id", "label", "favours", "weight", "explanation",
                                       "link"}
    assert -100 <= data["score"] <= 100


def test_timeline_days_versus_weeks() -> None:
    timeline = recommend(scenario(ml_expertise="none", evals="none")).timeline
    assert timeline.fine_tuning_weeks[0] == 11
    assert "days" in timeline.summary and "weeks" in timeline.summary
