""""Making the decision" walks a reader from a situation to a verdict with the calculator's
own rules: its questions, score boundaries and gates come from ``calculator``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from calculator import Scenario
from calculator.flow import FLOW, FLOW_END, walk
from calculator.schema import format_number
from calculator.verdict import FINE_TUNING_SCORE, GATES, PROMPTING_SCORE
from sitebuild.macros import procedure as procedure_module

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture(scope="module")
def procedure() -> str:
    return str(procedure_module.decision_procedure())


def test_each_step_is_a_question_of_the_flow_in_order(procedure: str) -> None:
    questions = re.findall(r"^\d+\. \*\*(.+?)\*\*", procedure, re.M)
    assert questions == [" ".join(step.question) for step in FLOW] + \
        ["Nothing sent you elsewhere:"]
    for step in FLOW:
        assert f"[{' '.join(step.outcome)}]({step.page})" in procedure
    assert f"({FLOW_END.page})" in procedure


def test_the_boundaries_and_gates_are_the_calculators(procedure: str) -> None:
    assert f"a score of {format_number(PROMPTING_SCORE)} or less" in procedure
    assert f"a score above {format_number(FINE_TUNING_SCORE)}" in procedure
    for gate in GATES:
        assert f"    - {gate.rule} [Why](" in procedure, gate.blocker


def test_every_step_links_to_its_explanation(procedure: str) -> None:
    """Each numbered step carries at least one link; each gate its section."""
    steps = re.split(r"^\d+\. ", procedure, flags=re.M)[1:]
    assert len(steps) == len(FLOW) + 1
    for text in steps:
        assert re.search(r"\]\([^)]+\)", text), text[:60]


def test_the_default_scenario_walks_to_the_calculators_verdict(procedure: str) -> None:
    """The procedure's exit for the default inputs names the verdict recommend gives."""
    step_id, verdict = walk(Scenario())
    step = next((s for s in FLOW if s.id == step_id), None)
    outcome = FLOW_END.outcome if step is None else step.outcome
    assert " ".join(outcome) in procedure and verdict.value


def test_the_page_keeps_its_anchors_and_uses_the_macro() -> None:
    page = (DOCS / "decision.md").read_text(encoding="utf-8")
    assert "{{ decision_procedure() }}" in page and "{#procedure}" in page
    for anchor in ("budget", "timeline", "team-expertise", "evaluation-maturity",
                   "knowledge-vs-behaviour", "model-lifetime", "platform-risk", "maintenance",
                   "put-it-together"):
        assert f"{{#{anchor}}}" in page, anchor
