"""Verdicts on clear-cut scenarios, the version-2 rules, warnings, texts and what would change."""

from __future__ import annotations

import re
from typing import Any

import pytest

from calculator import (
    FIELD_BY_NAME,
    GATES,
    Blocker,
    ChangeKind,
    Confidence,
    Favours,
    Scenario,
    Verdict,
    decode_query,
    recommend,
)
from calculator import changes as search
from calculator.recommend import agreement_of, confidence_of, fine_tune_month, verdict_of
from tests.calculator.reference import reference


def scenario(**changes: Any) -> Scenario:
    return reference(**changes)


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
        ({**MATURE, "stage": "exploring"}, Verdict.HYBRID),
        ({**MATURE, "gap": "knowledge"}, Verdict.PROMPT_ENGINEERING),
        # 640 examples of a domain-specific task, growing: past a pilot's few hundred.
        ({}, Verdict.HYBRID),
        # Short of the 4,000 an ordinary case needs outright: prompt now, pilot a tune.
        ({"examples": 4_000, "examples_per_month": 1_000}, Verdict.HYBRID),
        # Issue reproductions: more data never turns fine-tuning into a hybrid.
        ({"examples": 100_000, "deadline_weeks": 12}, Verdict.FINE_TUNING),
        ({"examples": 1_000_000, "deadline_weeks": 12}, Verdict.FINE_TUNING),
        # No data and none coming: no path to fine-tuning, so no hybrid.
        ({"examples": 0, "examples_per_month": 0}, Verdict.PROMPT_ENGINEERING),
        # A USD 500 budget funds no fine-tuning run, whatever the data.
        ({"examples": 20_000, "upfront_budget": 500}, Verdict.PROMPT_ENGINEERING),
    ],
)
def test_clear_cut_verdicts(changes: dict[str, Any], verdict: Verdict) -> None:
    assert recommend(scenario(**changes)).verdict is verdict


def test_clear_cases_are_confident() -> None:
    assert recommend(scenario(**PROTOTYPE)).confidence is Confidence.HIGH
    # Fine-tuning costs more here and the quality gain is not priced: medium, not high.
    assert recommend(scenario(**MATURE)).confidence is Confidence.MEDIUM
    priced = {**MATURE, "cost_per_error": 0.5, "prompted_error_rate": 0.05,
              "tuned_error_rate": 0.03}
    assert recommend(scenario(**priced)).confidence is Confidence.HIGH


# Rule 1 --------------------------------------------------------------------------------------


def test_rule_1_knowledge_gap_is_prompting_with_retrieval() -> None:
    result = recommend(scenario(**{**MATURE, "gap": "knowledge"}))
    assert result.verdict is Verdict.PROMPT_ENGINEERING
    assert "retrieval (RAG)" in result.summary
    assert "retrieval (RAG)" in result.next_steps[0]
    assert any("retrieval (RAG)" in w for w in result.warnings)
    assert not any("fine-tune" in step.lower() for step in result.next_steps)


# Rule 2 --------------------------------------------------------------------------------------


def test_rule_2_no_evals_never_gives_fine_tuning_outright() -> None:
    result = recommend(scenario(**{**MATURE, "evals": "none"}))
    assert result.verdict is not Verdict.FINE_TUNING
    assert any("no evaluation set" in w for w in result.warnings)
    assert any("evaluation set" in step for step in result.next_steps)


# Rule 3 --------------------------------------------------------------------------------------


def test_rule_3_hybrid_says_when_to_fine_tune() -> None:
    result = recommend(scenario(examples=100, examples_per_month=50, consistency="critical",
                                latency="critical"))
    assert result.verdict is Verdict.HYBRID
    assert result.fine_tune_month == 4  # 100 + 50 x 4 = the 300 examples of a pilot tune
    assert any("around month 4" in step.lower() for step in result.next_steps)
    assert "pilot a tune around month 4" in result.summary
    assert result.path is not None and result.path.live_month is not None
    # Live after the high end of the 6-to-9-week lead time, as the timeline shows it.
    assert result.timeline.fine_tuning_weeks == (6, 9)
    assert result.path.live_month == pytest.approx(4 + 9 * 12 / 52)
    assert "10,000" not in result.summary


def test_rule_3_no_hybrid_when_the_data_never_arrives() -> None:
    result = recommend(scenario(examples=200, examples_per_month=0, consistency="critical"))
    assert result.fine_tune_month is None
    assert result.verdict is Verdict.PROMPT_ENGINEERING
    assert "no reachable path" in result.summary
    assert "300 quality examples a pilot tune needs" in result.summary
    assert "Next: log and label" in result.summary


def test_rule_3_no_hybrid_when_data_plus_lead_time_passes_the_horizon() -> None:
    # A pilot tune needs 300 examples; they arrive in month 12 of 12.
    result = recommend(scenario(examples=0, examples_per_month=25, consistency="critical",
                                stage="scaling"))
    assert result.fine_tune_month == 12
    assert result.verdict is Verdict.PROMPT_ENGINEERING
    assert "horizon" in result.summary


_GENERAL = {"task": "general", "consistency": "important", "examples": 3_000,
            "examples_per_month": 500, "stage": "scaling", "latency": "important",
            "horizon_months": 24}
_PAYING = {**_GENERAL, "monthly_requests": 5_000_000, "prompt_tokens": 3_000,
           "cached_prompt_share": 0.0}


def test_rule_3_no_hybrid_without_pay_back_or_quality_need() -> None:
    result = recommend(scenario(**_GENERAL))
    assert result.verdict is Verdict.PROMPT_ENGINEERING
    assert "nothing here calls for fine-tuning" in result.summary
    assert "no reachable path" not in result.summary
    # The same team on a high-volume, long-prompt workload: the switch pays back, and a
    # pay-back lowers the data needed outright to 1,000; the pilot's 300 are there now.
    result = recommend(scenario(**_PAYING))
    assert result.verdict in (Verdict.HYBRID, Verdict.FINE_TUNING)
    assert result.path is not None and result.path.pays_back
    assert result.path.threshold == 300 and result.fine_tune_month == 0
    assert result.path.full == 2_000


def test_rule_3_a_retiring_base_model_is_priced_into_the_path() -> None:
    # A base model retiring in 3 months forces one migration, priced once, and its successor
    # another after the typical life: 2 in 24 months, priced into the totals.
    retiring = recommend(scenario(**_PAYING, model_lifetime_months=3))
    assert retiring.costs.retunes == 2
    plain = recommend(scenario(**_PAYING))
    assert retiring.costs.ft_total > plain.costs.ft_total


# Rule 4 --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "blocker"),
    [
        ({"examples": 400}, Blocker.DATA),
        ({"evals": "none"}, Blocker.EVALUATION),
        ({"ml_expertise": "none", "tuned_hosting_monthly": 2_000}, Blocker.EXPERTISE),
        ({"deadline_weeks": 3}, Blocker.TIME),
        ({"upfront_budget": 7_000}, Blocker.BUDGET),
        ({"stage": "exploring"}, Blocker.STAGE),
        ({"task": "general", "consistency": "important", "latency": "important",
          "monthly_requests": 10}, Blocker.PAY_BACK),
        ({"horizon_months": 1}, Blocker.HORIZON),
        ({"model_lifetime_months": 1}, Blocker.HORIZON),
    ],
)
def test_rule_4_each_gate_holds_fine_tuning_back(changes: dict[str, Any],
                                                 blocker: Blocker) -> None:
    result = recommend(scenario(**{**MATURE, **changes}))
    assert blocker in result.blockers
    assert result.verdict is not Verdict.FINE_TUNING


def test_rule_4_a_budget_below_the_smallest_run_leaves_prompting() -> None:
    result = recommend(scenario(**{**MATURE, "upfront_budget": 1_000}))
    assert result.verdict is Verdict.PROMPT_ENGINEERING
    assert "an upfront budget that covers the smallest fine-tuning run" in result.summary


def test_rule_4_a_managed_service_needs_no_ml_team() -> None:
    result = recommend(scenario(**{**MATURE, "ml_expertise": "none"}))
    assert Blocker.EXPERTISE not in result.blockers


def test_rule_4_the_deadline_must_be_longer_than_the_lead_time() -> None:
    # Strong ML and rigorous evals: 3 to 5 weeks. A 5-week deadline is not enough.
    assert verdict_of(scenario(**{**MATURE, "deadline_weeks": 5})) is Verdict.HYBRID
    assert verdict_of(scenario(**{**MATURE, "deadline_weeks": 5.5})) is Verdict.FINE_TUNING


def test_rule_4_the_lead_time_must_fit_the_horizon_and_the_model_life() -> None:
    # 3 to 5 weeks is about 1.2 months: a 1-month horizon or model life leaves no use.
    assert verdict_of(scenario(**{**MATURE, "horizon_months": 1})) is not Verdict.FINE_TUNING
    assert verdict_of(scenario(**{**MATURE, "horizon_months": 2})) is Verdict.FINE_TUNING
    assert verdict_of(scenario(**{**MATURE, "model_lifetime_months": 1})) is not (
        Verdict.FINE_TUNING)


def test_rule_4_quality_case_states_its_extra_cost() -> None:
    result = recommend(scenario(**MATURE))
    assert result.verdict is Verdict.FINE_TUNING
    assert result.costs.ft_total > result.costs.pe_total
    assert "for quality" in result.summary
    assert f"USD {round(result.costs.ft_total - result.costs.pe_total):,} more" in result.summary


# Rule 6 --------------------------------------------------------------------------------------


def test_rule_6_privacy_favours_self_hosting_not_fine_tuning() -> None:
    internal = {"data_policy": "must-stay-internal", "tuned_hosting_monthly": 3_000}
    result = recommend(scenario(**internal))
    privacy = next(f for f in result.factors if f.id == "privacy-concerns")
    assert privacy.signal == 0
    assert result.costs.self_hosted
    assert any("priced self-hosted" in w for w in result.warnings)
    assert recommend(scenario(**internal)).score == recommend(
        scenario(tuned_hosting_monthly=3_000, prompt_hosting_monthly=3_000)).score


def test_rule_6_the_bank_fine_tunes() -> None:
    bank = {"examples": 50_000, "ml_expertise": "strong", "data_policy": "must-stay-internal",
            "consistency": "critical", "evals": "rigorous", "tuned_hosting_monthly": 3_000}
    assert recommend(scenario(**bank)).verdict is Verdict.FINE_TUNING


# Rule 7 --------------------------------------------------------------------------------------


def test_confidence_levels() -> None:
    assert confidence_of(Verdict.PROMPT_ENGINEERING, -50, 0.9) is Confidence.HIGH
    assert confidence_of(Verdict.PROMPT_ENGINEERING, -10, 0.9) is Confidence.MEDIUM
    assert confidence_of(Verdict.PROMPT_ENGINEERING, -2, 0.9) is Confidence.LOW
    assert confidence_of(Verdict.PROMPT_ENGINEERING, -50, 0.5) is Confidence.MEDIUM
    assert confidence_of(Verdict.PROMPT_ENGINEERING, -50, 0.7) is Confidence.MEDIUM
    assert confidence_of(Verdict.FINE_TUNING, 60, 0.9) is Confidence.HIGH
    # A gate overruled the score: the factors and the verdict disagree.
    assert confidence_of(Verdict.PROMPT_ENGINEERING, 60, 0.9) is not Confidence.HIGH
    assert confidence_of(Verdict.HYBRID, 5, 1.0) is Confidence.LOW
    assert confidence_of(Verdict.HYBRID, 60, 1.0) is Confidence.MEDIUM


def test_agreement() -> None:
    result = recommend(scenario(**PROTOTYPE))
    assert 0.5 < agreement_of(result.factors, Verdict.PROMPT_ENGINEERING) <= 1
    assert agreement_of(result.factors, Verdict.FINE_TUNING) == pytest.approx(
        1 - agreement_of(result.factors, Verdict.PROMPT_ENGINEERING))
    assert result.agreement == round(agreement_of(result.factors, result.verdict), 3)


# Texts ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "phrase"),
    [
        ({**MATURE, "examples": 600, "examples_per_month": 200},
         "Fine-tuning on 600 examples (under 1,000) can memorise"),
        ({**MATURE, "data_policy": "must-stay-internal", "tuned_hosting_monthly": 0},
         "no hosting cost is entered"),
        ({**MATURE, "deadline_weeks": 2}, "no longer than the 3 to 5 weeks"),
        ({**MATURE, "tuned_hosting_monthly": 1e6}, "never pays back"),
        ({**MATURE, "upfront_budget": 8_100}, "set the largest training run"),
        ({"base_price_input": 2.0, "base_price_output": 8.0}, "not from training"),
        ({**MATURE, "model_lifetime_months": 6},
         "1 re-tune inside the horizon (a move to a new base model when it retires after 6 months"),
        ({**MATURE, "retrain_every_months": 4}, "2 re-tunes inside the horizon (every 4 months)"),
    ],
)
def test_warnings(changes: dict[str, Any], phrase: str) -> None:
    warnings = recommend(scenario(**changes)).warnings
    assert any(phrase in w for w in warnings), warnings


def test_smaller_model_is_its_own_next_step() -> None:
    steps = recommend(scenario(base_price_input=2.0, base_price_output=8.0)).next_steps
    assert any(step.startswith("Use a smaller or cheaper model") for step in steps)
    assert not any("smaller or cheaper" in step for step in recommend(reference()).next_steps)


_BAD_TEXT = [
    re.compile(r"\b1 (weeks|months|examples|quality examples|re-tunes)\b"),
    re.compile(r"\b(?!1\b)\d[\d,]* (week|month|example|re-tune)\b(?!-)"),
    re.compile(r"\d\.\d{2,} (weeks|months)"),
    re.compile(r"\d{4,}(\.\d+)? months"),
]


@pytest.mark.parametrize("changes", [
    {}, PROTOTYPE, MATURE, {"examples": 1, "examples_per_month": 1, "deadline_weeks": 1},
    {"deadline_weeks": 2.9997, "model_lifetime_months": 1, "horizon_months": 24},
    {"tuned_price_input": 0.39, "tuned_price_output": 1.6, "fine_tuning_fixed_cost": 90_000},
    {**MATURE, "retrain_every_months": 1, "examples": 1_001},
])
def test_texts_use_plurals_and_sensible_rounding(changes: dict[str, Any]) -> None:
    result = recommend(scenario(**changes))
    texts = [result.summary, result.timeline.summary, *result.warnings, *result.next_steps,
             *(f.explanation for f in result.factors)]
    for text in texts:
        for pattern in _BAD_TEXT:
            assert not pattern.search(text), text


def test_a_pay_back_of_decades_is_no_pay_back() -> None:
    """A saving of cents a month is too little to count, and never reads "in never"."""
    s = scenario(**{**MATURE, "tuned_price_input": 0.999, "tuned_price_output": 3.99,
                    "base_price_input": 1.0, "base_price_output": 4.0,
                    "base_price_cached_input": 1.0, "prompt_tokens": 150})
    budget = next(f for f in recommend(s).factors if f.id == "budget")
    assert budget.favours is not Favours.FINE_TUNING
    assert "less than the 5% of prompting's cost" in budget.explanation
    assert " in never" not in budget.explanation


# What would change ---------------------------------------------------------------------------


def test_what_would_change_flips_the_verdict() -> None:
    base = reference()
    result = recommend(base)
    assert 1 <= len(result.what_would_change) <= 6
    for change in result.what_would_change:
        changed = decode_query(change.query)
        assert changed.value(change.field) == change.to_value
        assert verdict_of(changed) is change.new_verdict is not result.verdict
        others = {k: v for k, v in changed.to_dict().items() if k != change.field}
        assert others == {k: v for k, v in base.to_dict().items() if k != change.field}


def test_what_would_change_finds_the_data_step() -> None:
    s = scenario(examples=200, examples_per_month=0, consistency="critical")
    changes = {c.field: c for c in recommend(s).what_would_change}
    assert changes["examples"].new_verdict is Verdict.HYBRID
    assert changes["examples"].kind is ChangeKind.LEVER
    assert changes["examples"].text.startswith("Quality examples now: 200 → 300 ")


def test_levers_come_before_facts() -> None:
    found = recommend(scenario(**_PAYING)).what_would_change
    kinds = [c.kind for c in found]
    assert kinds == sorted(kinds, key=lambda k: k is ChangeKind.FACT)
    assert ChangeKind.FACT in kinds and ChangeKind.LEVER in kinds
    by_field = {c.field: c.kind for c in found}
    assert by_field.get("task", ChangeKind.FACT) is ChangeKind.FACT
    assert by_field.get("upfront_budget", ChangeKind.LEVER) is ChangeKind.LEVER


def test_what_would_change_covers_choices() -> None:
    changes = {c.field: c for c in
               recommend(scenario(**{**MATURE, "gap": "knowledge"})).what_would_change}
    assert changes["gap"].to_value == "behaviour"
    assert "Knowledge (facts it lacks) → Behaviour (format, tone, skill)" in changes["gap"].text


def test_deadlines_are_proposed_in_half_weeks() -> None:
    changes = {c.field: c for c in
               recommend(scenario(**{**MATURE, "deadline_weeks": 3})).what_would_change}
    assert changes["deadline_weeks"].to_value == 5.5


GENERAL_AT_SCALE = {"examples": 12_000, "task": "general", "stage": "scaling",
                    "monthly_requests": 2_000_000, "ml_expertise": "strong",
                    "evals": "rigorous"}


def test_sentinels_are_never_proposed() -> None:
    # A retirement at month 6 forces a migration that tips the cost; "unknown" (0) would
    # not, yet 0 is a sentinel, never a proposal: the search says "12 months" instead.
    s = scenario(**GENERAL_AT_SCALE, prompt_tokens=3_000, cached_prompt_share=0.0,
                 fine_tuning_fixed_cost=9_000, model_lifetime_months=6)
    assert recommend(s).verdict is Verdict.PROMPT_ENGINEERING
    assert verdict_of(scenario(**{**s.to_dict(), "model_lifetime_months": 0})) is (
        Verdict.FINE_TUNING)
    changes = {c.field: c for c in recommend(s).what_would_change}
    assert changes["model_lifetime_months"].to_value == 12
    # Over 36 months every lifetime in range retires inside the horizon: only the
    # sentinel would flip it, and it is not proposed.
    long = scenario(**{**s.to_dict(), "horizon_months": 36, "fine_tuning_fixed_cost": 16_000,
                       "upfront_budget": 100_000})
    assert verdict_of(scenario(**{**long.to_dict(), "model_lifetime_months": 0})) is (
        Verdict.FINE_TUNING)
    field = FIELD_BY_NAME["model_lifetime_months"]
    assert search._numeric_change(long, field, 6.0, Verdict.PROMPT_ENGINEERING) is None
    for extra in ({"model_lifetime_months": 1}, {**MATURE, "model_lifetime_months": 13},
                  {"retrain_every_months": 2}, {**MATURE, "retrain_every_months": 1}):
        for change in recommend(scenario(**extra)).what_would_change:
            if change.field in ("model_lifetime_months", "retrain_every_months"):
                assert change.to_value != 0


def test_proposals_stay_in_sensible_ranges() -> None:
    # Prompting wins here until the prompt is over three times longer: too far to propose.
    s = scenario(**GENERAL_AT_SCALE)
    assert verdict_of(scenario(**GENERAL_AT_SCALE, prompt_tokens=5_000)) is Verdict.FINE_TUNING
    fields = {c.field: c for c in recommend(s).what_would_change}
    assert "prompt_tokens" not in fields
    for change in recommend(scenario(prompt_tokens=1_500, base_price_input=2.0)
                            ).what_would_change:
        if change.field == "base_price_input":
            assert 0.2 <= float(change.to_value) <= 6.0


def test_a_subnormal_volume_does_not_crash() -> None:
    result = recommend(scenario(monthly_requests=5e-324))
    assert result.verdict in Verdict
    # The rounding step that once divided by a zero scale leaves subnormals as they are.
    assert search._round_toward(5e-324, 1, True) == 5e-324


# Gates and schedule --------------------------------------------------------------------------


def test_summary_names_what_holds_fine_tuning_back() -> None:
    result = recommend(scenario(**{**MATURE, "evals": "none"}))
    assert result.blockers == (Blocker.EVALUATION,)
    assert result.summary.endswith(
        "Held back now by no evaluation set: hold out 200 of your 50,000 examples as an "
        "evaluation set first (with one, tuning is within reach).")


def test_gates_list_every_blocker() -> None:
    assert [g.blocker for g in GATES] == list(Blocker)
    assert all(b.reason and b.remedy for b in Blocker)


def test_fine_tune_month_edges() -> None:
    assert fine_tune_month(scenario(examples=4_000)) == 0
    assert fine_tune_month(scenario(examples=3_999, examples_per_month=1)) == 1
    assert fine_tune_month(scenario(examples=0, examples_per_month=67)) == 60
    assert fine_tune_month(scenario(examples=0, examples_per_month=66)) is None
    # A strong case needs only 500 outright.
    assert fine_tune_month(scenario(**{**MATURE, "examples": 499, "examples_per_month": 1})) == 1


def test_result_json_has_the_public_keys() -> None:
    data = recommend(reference()).to_dict()
    for key in ("verdict", "confidence", "score", "factors", "costs", "timeline",
                "next_steps", "warnings", "what_would_change", "scenario", "share_query"):
        assert key in data
    assert set(data["costs"]) >= {"pe_monthly", "ft_monthly", "pe_upfront", "training",
                                  "ft_upfront", "maintenance", "break_even_months", "pe_total",
                                  "ft_total", "horizon_months"}
    assert set(data["factors"][0]) >= {"id", "label", "favours", "weight", "explanation",
                                       "link"}
    assert set(data["what_would_change"][0]) == {"field", "from", "to", "verdict", "text",
                                                 "query", "kind"}
    assert {item["kind"] for item in data["what_would_change"]} <= {"lever", "fact"}
    assert -100 <= data["score"] <= 100


def test_timeline_days_versus_weeks() -> None:
    timeline = recommend(scenario(ml_expertise="none", evals="none")).timeline
    assert timeline.fine_tuning_weeks[0] == 11
    assert "days" in timeline.summary and "weeks" in timeline.summary


def test_cheaper_model_prices_are_named_as_a_model_choice() -> None:
    found = recommend(scenario(**GENERAL_AT_SCALE)).what_would_change
    cheaper = [c for c in found if c.field.startswith(("base_price", "tuned_price"))
               and float(c.to_value) < float(c.from_value)]
    assert cheaper and all("(a smaller or cheaper model)" in c.text for c in cheaper)
    assert all("smaller" not in c.text for c in found if c not in cheaper)
