"""The overview's decision flow, written as the calculator's own verdict rules.

Each question of the flow is one of the rules ``verdict.decide`` applies, in
the same order and with the same tests (the knowledge gap, the score against
its two thresholds, the gates, the hybrid plan), so the drawing on the overview
and ``recommend()`` cannot disagree: ``walk`` follows the flow for a scenario
and the tests check that it always lands on the verdict ``recommend`` gives.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .costs import compute_costs
from .factors import DATA_STEPS
from .plan import decision_costs, plan_path
from .scenario import Gap, Scenario
from .schema import format_number
from .verdict import FINE_TUNING_SCORE, PROMPTING_SCORE, Verdict, blockers, score_of

__all__ = ["FLOW", "FLOW_END", "Facts", "FlowEnd", "FlowStep", "facts_of", "walk"]


@dataclass(frozen=True)
class Facts:
    """What the flow's questions look at, computed once per scenario."""

    knowledge_gap: bool
    score: float
    blocked: bool
    path_reachable: bool


def facts_of(s: Scenario) -> Facts:
    """The score, the gates and the hybrid plan, exactly as the verdict rules compute them."""
    dc = decision_costs(s)
    return Facts(
        knowledge_gap=s.gap is Gap.KNOWLEDGE,
        score=score_of(s, compute_costs(s)),
        blocked=bool(blockers(s, dc)),
        path_reachable=plan_path(s, dc).reachable,
    )


@dataclass(frozen=True)
class FlowStep:
    """One question: its lines in the drawing, the answer that leaves the flow, and where to.

    A box asks one question a reader can answer yes or no; ``detail`` says, in the
    written-out flow, what the answer weighs.
    """

    id: str
    question: tuple[str, ...]
    exit_answer: str
    outcome: tuple[str, ...]
    page: str
    verdict: Verdict
    exits: Callable[[Facts], bool]
    detail: str = ""


@dataclass(frozen=True)
class FlowEnd:
    """Where a scenario lands when no question sent it elsewhere."""

    outcome: tuple[str, ...]
    page: str
    verdict: Verdict


_LOW = format_number(min(DATA_STEPS))
_HIGH = format_number(max(DATA_STEPS))

FLOW: tuple[FlowStep, ...] = (
    FlowStep("knowledge", ("Is what the model lacks", "knowledge (facts that change)?"),
             "Yes", ("Prompt engineering,", "with retrieval (RAG)"),
             "decision.md#knowledge-vs-behaviour", Verdict.PROMPT_ENGINEERING,
             lambda f: f.knowledge_gap,
             "whether the gap is facts (above all facts that change) or a behaviour: a "
             "format, a tone or a skill"),
    FlowStep("needs", ("Do your needs lean", "towards fine-tuning overall?"), "No",
             ("Prompt engineering", "is enough"), "prompt-engineering.md",
             Verdict.PROMPT_ENGINEERING, lambda f: f.score <= PROMPTING_SCORE,
             "domain skill, consistency, latency, volume and data kept in-house, each "
             "weighed as the calculator weighs it"),
    FlowStep("ready", ("Is everything fine-tuning", "needs in place today?"), "Yes",
             ("Fine-tune, and keep optimising", "prompts for the edge cases"),
             "fine-tuning.md", Verdict.FINE_TUNING,
             lambda f: f.score > FINE_TUNING_SCORE and not f.blocked,
             f"enough examples for your case ({_LOW} to {_HIGH}), an evaluation set, the "
             "skills, the time, the budget, and a pay-back or a quality need"),
    FlowStep("path", ("Will it all be in place", "within your horizon?"), "Yes",
             ("Hybrid: prompt now, collect", "data, fine-tune at the threshold"),
             "hybrid.md", Verdict.HYBRID, lambda f: f.path_reachable,
             "the data, the time and the pay-back, re-tunes included"),
)
"""The questions, asked in order; the first whose exit answer applies decides."""

FLOW_END = FlowEnd(("Prompt engineering for now;", "the result says what is missing"),
                   "decision.md#budget", Verdict.PROMPT_ENGINEERING)
"""Where the flow ends when every question said "go on"."""


def walk(s: Scenario) -> tuple[str, Verdict]:
    """The id of the question that sends ``s`` out of the flow ("end" if none), and the
    verdict found there."""
    facts = facts_of(s)
    for step in FLOW:
        if step.exits(facts):
            return step.id, step.verdict
    return "end", FLOW_END.verdict
