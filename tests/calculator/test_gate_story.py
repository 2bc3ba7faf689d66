"""Gates and scores as one story: when a gate decides against the score, the summary names
the gate and the step that opens it (one case per gate)."""

from __future__ import annotations

from typing import Any

import pytest

from calculator import Blocker, Scenario, Verdict, parse_scenario, recommend
from calculator.recommend import FINE_TUNING_SCORE
from calculator.scenario import ENUMS

MATURE = {"examples": 50_000, "task": "domain-specific", "stage": "scaling",
          "consistency": "critical", "latency": "critical", "ml_expertise": "strong",
          "evals": "rigorous", "deadline_weeks": 26, "upfront_budget": 100_000,
          "monthly_requests": 1_000_000}


def scenario(**changes: Any) -> Scenario:
    """The defaults with ``changes``; a preset is filled as a link would fill it."""
    if "preset" in changes:
        return parse_scenario({k: str(v) for k, v in changes.items()})
    return Scenario(**{k: ENUMS[k](v) if k in ENUMS else v for k, v in changes.items()})


@pytest.mark.parametrize(
    ("changes", "blocker", "gate", "step"),
    [
        ({"examples": 400}, Blocker.DATA,
         "fewer than the 500 quality examples fine-tuning outright needs",
         "pilot a tune on 300 of your examples"),
        ({"evals": "none"}, Blocker.EVALUATION, "no evaluation set",
         "hold out 200 of your 50,000 examples as an evaluation set first"),
        ({"evals": "none", "examples": 400}, Blocker.EVALUATION, "no evaluation set",
         "build an evaluation set first"),
        ({"ml_expertise": "none", "tuned_hosting_monthly": 2_000}, Blocker.EXPERTISE,
         "no ML engineering in the team", "bring in ML engineering"),
        ({"deadline_weeks": 3}, Blocker.TIME, "a deadline no longer than fine-tuning may take",
         "ship the prompt by the deadline and tune after it"),
        ({"stage": "exploring"}, Blocker.STAGE, "a use case still being explored",
         "validate the use case with prompts"),
        ({"upfront_budget": 7_000}, Blocker.BUDGET,
         "an upfront budget that covers the smallest fine-tuning run",
         "Next: secure an upfront budget of USD"),
        ({"horizon_months": 1}, Blocker.HORIZON, "run past the 1-month horizon",
         "Next: plan over a horizon"),
        ({"task": "general", "consistency": "important", "latency": "important",
          "monthly_requests": 10}, Blocker.PAY_BACK,
         "nothing here calls for fine-tuning", "Next: if wrong answers cost you money"),
        ({"gap": "knowledge"}, Blocker.KNOWLEDGE, "missing or changing knowledge",
         "retrieval (RAG)"),
        ({"preset": "openai-gpt-4.1-mini"}, Blocker.PLATFORM,
         "a tuning option open on the plan's dates",
         "Next: choose a tuning option that is open to you on the plan's dates, such as "
         "Amazon Bedrock"),
    ],
)
def test_the_summary_names_the_deciding_gate_and_its_next_step(
        changes: dict[str, Any], blocker: Blocker, gate: str, step: str) -> None:
    result = recommend(scenario(**{**MATURE, **changes}))
    assert blocker in result.blockers
    assert result.verdict is not Verdict.FINE_TUNING
    assert gate in result.summary, result.summary
    assert step in result.summary, result.summary


def test_every_gate_is_covered() -> None:
    covered = {Blocker.DATA, Blocker.EVALUATION, Blocker.EXPERTISE, Blocker.TIME,
               Blocker.STAGE, Blocker.BUDGET, Blocker.HORIZON, Blocker.PAY_BACK,
               Blocker.KNOWLEDGE, Blocker.PLATFORM}
    assert covered == set(Blocker)


def test_the_score_sat_on_fine_tuning_side_when_the_gates_decided() -> None:
    """The cases above are gates deciding against the score, not low scores."""
    assert recommend(scenario(**{**MATURE, "deadline_weeks": 3})).score > FINE_TUNING_SCORE


def test_high_confidence_never_sits_beside_a_break_even_past_the_horizon() -> None:
    """A fine-tuning verdict that costs more over the horizon is at most medium, unless a
    priced quality gain repays it."""
    costly = scenario(**{**MATURE, "prompt_tokens": 150, "monthly_requests": 50_000,
                         "examples": 60_000})
    result = recommend(costly)
    assert result.verdict is Verdict.FINE_TUNING
    assert result.confidence.value == "medium"
    priced = recommend(scenario(**{**MATURE, "prompt_tokens": 150, "monthly_requests": 50_000,
                                   "examples": 60_000, "cost_per_error": 1.0,
                                   "prompted_error_rate": 0.05, "tuned_error_rate": 0.02}))
    assert priced.costs.break_even_months is not None
    assert priced.costs.break_even_months <= priced.costs.horizon_months
    assert priced.confidence.value == "high"


def test_the_gauge_draws_the_three_bands_at_the_thresholds() -> None:
    import re

    from calculator import render_result_html
    from calculator.recommend import PROMPTING_SCORE

    html = render_result_html(recommend(scenario(**MATURE)))
    bands = {kind: (float(x), float(w)) for kind, x, w in re.findall(
        r'class="tp-gauge-(pe|hy|ft)" x="([\d.]+)" y="3" width="([\d.]+)"', html)}
    low, high = 100 + PROMPTING_SCORE, 100 + FINE_TUNING_SCORE
    assert bands == {"pe": (0.0, low), "hy": (low, high - low), "ft": (high, 200 - high)}
    assert "\u2212100 to 0 prompting, 0 to +20 hybrid, +20 to +100 fine-tuning" in html
    assert "how much of the evidence agrees with the verdict" in html


def test_neutral_factors_are_folded_and_the_value_line_is_shown() -> None:
    from calculator import render_result_html

    result = recommend(Scenario(examples=5_000, cost_per_error=0.05, deadline_weeks=12))
    html = render_result_html(result)
    neutral = sum(1 for f in result.factors if f.contribution == 0)
    assert neutral and f"{neutral} neutral factors: no pull either way" in html
    folded = html.split('class="tp-factors-neutral"')[1]
    assert folded.count('class="tp-factor ') == neutral
    assert f'<p class="tp-value-needed">{result.value_needed}</p>' in html
