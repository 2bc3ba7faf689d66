"""Verdicts on clear-cut scenarios from the guidance, gates, warnings and what would change."""

from __future__ import annotations

from typing import Any

import pytest

from calculator import Confidence, Scenario, Verdict, decode_query, recommend
from calculator.recommend import verdict_of
from calculator.scenario import ENUMS


def scenario(**changes: Any) -> Scenario:
    return Scenario(**{k: ENUMS[k](v) if k in ENUMS else v for k, v in changes.items()})


PROTOTYPE = {"examples": 50, "examples_per_month": 0, "task": "general", "stage": "exploring",
             "consistency": "flexible", "deadline_weeks": 2}
MATURE = {"examples": 50_000, "task": "domain-specific", "stage": "scaling",
          "consistency": "critical", "latency": "critical", "ml_expertise": "strong",
          "evals": "rigorous", "deadline_weeks": 26, "upfront_budget": 100_000}


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
        ({"examples": 300, "examples_per_month": 100}, "Fine-tuning on 300 examples"),
        ({"model_lifetime_months": 6, "fine_tuning_fixed_cost": 6_000,
          "tuned_price_input": 1.5}, "later than the base model's retirement"),
        ({**MATURE, "data_policy": "must-stay-internal"}, "price self-hosting"),
        ({**MATURE, "deadline_weeks": 2}, "shorter than the about 3 weeks"),
        ({**MATURE, "tuned_hosting_monthly": 1e6}, "never pays back"),
        ({**MATURE, "fine_tuning_fixed_cost": 99_000, "upfront_budget": 100_000},
         "beyond your 12-month horizon"),
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
