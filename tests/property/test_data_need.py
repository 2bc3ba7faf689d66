"""The data need (design §2, rules 3 to 5): a pilot tune opens the hybrid path, fine-tuning
outright needs more by the strength of the case, and neither makes a cliff."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from calculator import Evals, Scenario, Verdict, compute_costs
from calculator.factors import DATA_STEPS, EVAL_HOLDOUT, PILOT_EXAMPLES
from calculator.plan import data_needed, pilot_need
from calculator.verdict import score_of, verdict_of

from .strategies import realistic_scenarios, scenarios

RANK = {Verdict.PROMPT_ENGINEERING: 0, Verdict.HYBRID: 1, Verdict.FINE_TUNING: 2}
any_scenario = st.one_of(scenarios(), realistic_scenarios())
EDGES = sorted({*DATA_STEPS, PILOT_EXAMPLES, PILOT_EXAMPLES + EVAL_HOLDOUT})
NEAR = st.one_of(st.sampled_from([e + d for e in EDGES for d in (-1, 0)]),
                 st.integers(0, 20_000))


def score(s: Scenario) -> float:
    return score_of(s, compute_costs(s))


@given(any_scenario, NEAR)
def test_one_more_example_never_moves_the_verdict_back_nor_the_score_by_a_point(
        s: Scenario, examples: int) -> None:
    """No cliff across the pilot and outright data needs: one example moves the score by
    under a point, and never the verdict toward prompting."""
    one, more = replace(s, examples=examples), replace(s, examples=examples + 1)
    assert 0 <= score(more) - score(one) <= 1.0
    assert RANK[verdict_of(more)] >= RANK[verdict_of(one)]


@given(any_scenario)
def test_the_pilot_needs_a_few_hundred_and_an_evaluation_set_lowers_it(s: Scenario) -> None:
    """A few hundred examples to train on, plus a held-out set only when there is none."""
    assert pilot_need(replace(s, evals=Evals.NONE)) == PILOT_EXAMPLES + EVAL_HOLDOUT
    assert pilot_need(replace(s, evals=Evals.BASIC)) == PILOT_EXAMPLES
    assert min(DATA_STEPS) <= data_needed(s) <= max(DATA_STEPS)
    assert pilot_need(s) <= max(DATA_STEPS)
