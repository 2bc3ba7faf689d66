"""Macro for "Making the decision": the procedure from a reader's situation to a verdict.

Written from the calculator's own rules, never restated by hand: the questions
are ``calculator.flow``'s (the overview's decision flow asks the same ones, in
the same order), the score boundaries come from ``calculator.verdict`` and the
checklist of what fine-tuning needs is ``calculator.verdict.GATES``. Only the
links, which are about this site's pages, live here; a gate without a link
fails the build, so a new rule cannot slip onto the page unexplained.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import calculator.flow as flow
import calculator.verdict as verdict
from calculator.schema import format_number

__all__ = ["GATE_SECTIONS", "MACROS", "STEP_SECTIONS", "decision_procedure"]

GATE_SECTIONS: dict[str, str] = {
    "data": "fine-tuning.md#large-datasets",
    "evaluation": "#evaluation-maturity",
    "expertise": "#team-expertise",
    "time": "#timeline",
    "horizon": "#model-lifetime",
    "budget": "#budget",
    "knowledge": "#knowledge-vs-behaviour",
    "stage": "prompt-engineering.md#experimentation",
    "pay-back": "#budget",
    "platform": "methodology.md#platform-timeline",
}
"""Where this guide explains each gate (keyed by ``verdict.Blocker`` value)."""

STEP_SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "knowledge": (("Knowledge or behaviour", "#knowledge-vs-behaviour"),),
    "needs": (("the prompt engineering signals", "prompt-engineering.md"),
              ("the fine-tuning signals", "fine-tuning.md")),
    "ready": (),  # its checklist links each item
    "path": (("the hybrid path", "hybrid.md"), ("base-model lifetime", "#model-lifetime"),
             ("maintenance", "#maintenance")),
}
"""The sections that explain each question of ``calculator.flow.FLOW``."""


def _score_words(step_id: str) -> str:
    """The score boundary a step applies, in words, or nothing."""
    if step_id == "needs":
        return (f" In the calculator: a score of {format_number(verdict.PROMPTING_SCORE)} or "
                "less is a no.")
    if step_id == "ready":
        return (f" In the calculator: a score above {format_number(verdict.FINE_TUNING_SCORE)}"
                " and none of these holds:")
    return ""


def _gates() -> list[str]:
    missing = [g.blocker.value for g in verdict.GATES if g.blocker.value not in GATE_SECTIONS]
    if missing:
        raise ValueError(f"procedure.GATE_SECTIONS has no section for {missing}")
    return [f"    - {g.rule} [Why]({GATE_SECTIONS[g.blocker.value]})" for g in verdict.GATES]


def decision_procedure() -> str:
    """The flow's questions as numbered steps: what each weighs, the answer that decides,
    the verdict it gives and where this guide explains it; then the calculator."""
    lines: list[str] = []
    for number, step in enumerate(flow.FLOW, start=1):
        if step.id not in STEP_SECTIONS:
            raise ValueError(f"procedure.STEP_SECTIONS has no entry for {step.id!r}")
        question = " ".join(step.question)
        outcome = " ".join(step.outcome)
        weighs = f" It weighs {step.detail}." if step.detail else ""
        read = ", ".join(f"[{text}]({link})" for text, link in STEP_SECTIONS[step.id])
        more = f" Read: {read}." if read else ""
        lines.append(f"{number}. **{question}**{weighs}{_score_words(step.id)}"
                     + ("" if step.id == "ready" else more))
        if step.id == "ready":
            lines += _gates()
        lines.append(f"    - **{step.exit_answer}:** [{outcome}]({step.page}). "
                     "Otherwise, go on.")
        lines.append("")
    end = " ".join(flow.FLOW_END.outcome)
    lines.append(f"{len(flow.FLOW) + 1}. **Nothing sent you elsewhere:** [{end}]"
                 f"({flow.FLOW_END.page}). Check the result against the "
                 "[design review checklist](checklist.md).")
    lines.append("")
    lines.append("[Walk it with your numbers in the calculator](calculator.md){ .md-button "
                 ".md-button--primary .tp-cta }: it answers each step, and names the smallest "
                 "change that would give another verdict.")
    return "\n".join(lines) + "\n"


MACROS: tuple[Callable[..., Any], ...] = (
    decision_procedure,
)
