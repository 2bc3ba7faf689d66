"""The methodology page's rule tables: factors, score rules, thresholds, timeline, gates.

Every weight, threshold and rule is read from ``calculator`` at build time, so
the page says what the code does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import calculator
from sitebuild.macros.text import TIMES as _X
from sitebuild.macros.text import calculator_module as _module
from sitebuild.macros.text import cell as _cell
from sitebuild.macros.text import factor_source as _factor_source
from sitebuild.macros.text import number as _n
from sitebuild.macros.text import points as _points

__all__ = [
    "MACROS",
    "factor_table",
    "gates_list",
    "score_rules",
    "threshold_table",
    "timeline_table",
]


def factor_table() -> str:
    """Every factor: criterion link, inputs, weight, maximum points and rule.

    Each row carries the id ``factor-<id>`` so that the guidance pages can
    link to it, and links back to the criterion's own section.
    """
    rows = [
        "| Factor | Reads | Weight | Moves the score by up to | Rule (signal from -1 to +1) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for spec in calculator.FACTOR_SPECS:
        inputs = ", ".join(f"`{name}`" for name in spec.inputs)
        rows.append(
            f'| <span id="factor-{spec.id}"></span>'
            f"[{_cell(spec.label)}]({_factor_source(spec.id)}) | {inputs} | "
            f"{_n(spec.weight)} | {_points(spec.weight)} | {_cell(spec.rule)} |"
        )
    total = sum(spec.weight for spec in calculator.FACTOR_SPECS)
    rows.append(f"| **All factors** | | **{_n(total)}** | | the score is capped at ±100 |")
    return "\n".join(rows) + "\n"


def score_rules() -> str:
    """How signals become a score and the score a verdict, with the live constants."""
    rec = _module("verdict")
    scale = _n(rec.SCORE_SCALE)
    return (
        f"- **Score.** Each factor gives a signal from -1 (favours prompting) to +1 (favours "
        f"fine-tuning). The score is the sum of signal {_X} weight, multiplied by 100 / {scale}, "
        f"rounded to one decimal and capped to -100 … +100.\n"
        "- **Rule 1.** A knowledge gap gives **prompt engineering** with retrieval (RAG), "
        "whatever the score.\n"
        f"- **Rule 2.** **Fine-tuning** when the score is above {_n(rec.FINE_TUNING_SCORE)} "
        "*and* no gate below holds; without an evaluation set it never is.\n"
        f"- **Rule 3.** **Hybrid** when the score is above {_n(rec.PROMPTING_SCORE)} and the "
        "hybrid path is reachable (see below).\n"
        "- **Otherwise prompt engineering**, with the summary naming what is missing.\n"
        "- **Bands.** The result's gauge draws the three bands at these thresholds: "
        f"prompting up to {_n(rec.PROMPTING_SCORE)}, hybrid up to "
        f"{_n(rec.FINE_TUNING_SCORE)}, fine-tuning above. When a gate or the path decides "
        "against the band the score sits in, the summary names the gate and the step that "
        "opens it.\n"
        "- **Confidence** is how much of the evidence agrees: the share of the weighted pull "
        "that points the verdict's way, and how far the score sits from a band's edge. It "
        "is *high* only when the factors agree and the score alone gives the verdict, so a "
        "hybrid or a gated verdict is at most *medium*; and a fine-tuning verdict whose "
        "break-even falls past the horizon is at most *medium* too, unless priced errors "
        "repay it inside the horizon.\n"
    )


def threshold_table(meanings: bool = True) -> str:
    """The thresholds the factors and the verdict use, with what crossing each means.

    ``meanings=False`` gives the two-column form the one-page summary prints.
    """
    verdict = _module("verdict")
    rows = [*calculator.threshold_rows(), (
        "Prompt engineering score", f"at most {_n(verdict.PROMPTING_SCORE)}",
        "Prompting wins outright."), (
        "Fine-tuning score", f"above {_n(verdict.FINE_TUNING_SCORE)}",
        "Fine-tuning is recommended when no gate holds it back."), (
        "Score scale", "\u2212100 (prompting) to +100 (fine-tuning)",
        f"{_n(verdict.SCORE_SCALE)} weighted points make a score of 100; the score is capped "
        "there."), (
        "Collection horizon", f"{_n(verdict.MONTH_CAP)} months",
        "Beyond this, the hybrid schedule treats the data threshold as never reached.")]
    if not meanings:
        return "\n".join(["| Threshold | Value |", "| --- | --- |",
                          *(f"| {_cell(name)} | {_cell(value)} |" for name, value, _ in rows)]
                         ) + "\n"
    return "\n".join(["| Threshold | Value | What it means |", "| --- | --- | --- |",
                      *(f"| {_cell(name)} | {_cell(value)} | {_cell(meaning)} |"
                        for name, value, meaning in rows)]) + "\n"


def timeline_table() -> str:
    """Weeks to a first tuned model, by ML engineering strength and evaluation maturity."""
    factors = _module("factors")
    evals = list(factors.EVALS_EXTRA_WEEKS)
    field = calculator.FIELD_BY_NAME["evals"]
    labels = {choice.value: choice.label for choice in field.choices}
    ml_labels = {c.value: c.label for c in calculator.FIELD_BY_NAME["ml_expertise"].choices}
    head = "| ML engineering | " + " | ".join(
        f"Evaluation set: {labels[e.value]}" for e in evals) + " |"
    rows = [head, "| --- |" + " --- |" * len(evals)]
    for level, base in factors.FINE_TUNING_BASE_WEEKS.items():
        cells = " | ".join(f"{base + factors.EVALS_EXTRA_WEEKS[e]} weeks" for e in evals)
        rows.append(f"| {ml_labels[level.value]} | {cells} |")
    return "\n".join(rows) + "\n"


def gates_list() -> str:
    """Every gate that keeps a high score from becoming a fine-tuning verdict."""
    gates = _module("verdict").GATES
    if not gates:
        raise ValueError("calculator.verdict.GATES is empty")
    return "\n".join(f"- {_cell(gate.rule)}" for gate in gates) + "\n"


MACROS: tuple[Callable[..., Any], ...] = (
    factor_table,
    gates_list,
    score_rules,
    threshold_table,
    timeline_table,
)
