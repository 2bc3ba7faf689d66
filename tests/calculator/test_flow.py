"""The overview's decision flow agrees with ``recommend()`` on every path.

Each exit of the flow is walked with a named scenario an expert would recognise,
and the flow's verdict there must be the calculator's (the property over the
whole input space is in ``tests/property/test_flow_agreement.py``).
"""

from __future__ import annotations

import pytest

from calculator import Scenario, Verdict, parse_scenario, recommend
from calculator.flow import FLOW, FLOW_END, walk

# (exit, why an expert lands there, inputs)
PATHS = (
    ("knowledge", "prices and policies change weekly: retrieval, not weights",
     {"gap": "knowledge", "examples": "20000", "consistency": "critical"}),
    ("needs", "a general summariser still being explored, with little data",
     {"task": "general", "consistency": "flexible", "latency": "relaxed", "examples": "200",
      "stage": "exploring"}),
    ("ready", "20,000 examples, rigorous evals, a strong team, critical consistency at scale",
     {"examples": "20000", "examples_per_month": "500", "consistency": "critical",
      "latency": "critical", "stage": "scaling", "evals": "rigorous", "ml_expertise": "strong",
      "upfront_budget": "100000", "deadline_weeks": "30", "monthly_requests": "5000000"}),
    ("path", "3,000 examples growing by 1,000 a month: prompt now, tune at the threshold",
     {"examples": "3000", "examples_per_month": "1000"}),
    ("path", "everything in place but the case is lukewarm: no outright fine-tune yet",
     {"task": "general", "consistency": "critical", "examples": "5000", "evals": "basic",
      "upfront_budget": "50000", "deadline_weeks": "20"}),
    ("end", "strict needs, but 100 examples and no way to collect more",
     {"examples": "100", "examples_per_month": "0", "consistency": "critical",
      "latency": "critical", "stage": "scaling"}),
)


def test_every_exit_of_the_flow_is_walked() -> None:
    assert {p[0] for p in PATHS} == {*(step.id for step in FLOW), "end"}


@pytest.mark.parametrize(("exit_id", "why", "inputs"), PATHS,
                         ids=[f"{p[0]}-{i}" for i, p in enumerate(PATHS)])
def test_each_path_reaches_the_verdict_recommend_gives(exit_id: str, why: str,
                                                       inputs: dict[str, str]) -> None:
    s = parse_scenario(inputs)
    reached, verdict = walk(s)
    assert reached == exit_id, why
    expected = {step.id: step.verdict for step in FLOW} | {"end": FLOW_END.verdict}
    assert verdict is expected[exit_id]
    assert recommend(s).verdict is verdict, why


def test_the_flow_covers_every_verdict() -> None:
    verdicts = {step.verdict for step in FLOW} | {FLOW_END.verdict}
    assert verdicts == set(Verdict)


def test_the_default_scenario_follows_the_flow() -> None:
    assert walk(Scenario())[1] is recommend(Scenario()).verdict
