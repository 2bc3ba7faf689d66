"""The verdict alone: the score, the gates and the rule that combines them.

Kept apart from the explanations so that the what-would-change search can ask
"which verdict would this scenario get?" hundreds of times cheaply, with the
very same rule that ``recommend`` applies.

The score is the weighted sum of the factor signals scaled to -100..+100
(positive favours fine-tuning). At or below ``PROMPTING_SCORE`` prompting wins.
Above ``FINE_TUNING_SCORE`` fine-tuning is recommended outright only when no
gate holds it back; otherwise, and for a score in between, the verdict is the
hybrid path: start with prompts, collect data, fine-tune at the threshold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from .costs import Costs, compute_costs
from .factors import FACTOR_SPECS, LIMITED_DATA_THRESHOLD, factor_signals, fine_tuning_weeks
from .scenario import Evals, Expertise, Gap, Scenario
from .schema import format_number

__all__ = [
    "FINE_TUNING_SCORE",
    "GATES",
    "MONTH_CAP",
    "PROMPTING_SCORE",
    "SCORE_SCALE",
    "Blocker",
    "Gate",
    "blockers",
    "decide",
    "fine_tune_month",
    "score_of",
    "verdict_of",
]

SCORE_SCALE = 10.0
"""Raw weighted points that make a score of 100 (the score is then capped)."""
FINE_TUNING_SCORE = 20.0
"""Above this score, fine-tuning needs are strong enough to recommend it when backed."""
PROMPTING_SCORE = 0.0
"""At or below this score, prompting wins outright."""
MONTH_CAP = 60
"""Months of collection beyond which the data threshold counts as never reached."""


class Verdict(StrEnum):
    """The three answers; the values are the public strings of the JSON form."""

    PROMPT_ENGINEERING = "prompt-engineering"
    FINE_TUNING = "fine-tuning"
    HYBRID = "hybrid"

    @property
    def label(self) -> str:
        """The verdict as a heading."""
        return _LABELS[self]

    @property
    def short(self) -> str:
        """The verdict inside a sentence."""
        return _SHORT[self]


_LABELS = {
    Verdict.PROMPT_ENGINEERING: "Prompt engineering",
    Verdict.FINE_TUNING: "Fine-tuning",
    Verdict.HYBRID: "Hybrid: prompt now, fine-tune later",
}
_SHORT = {
    Verdict.PROMPT_ENGINEERING: "prompt engineering",
    Verdict.FINE_TUNING: "fine-tuning",
    Verdict.HYBRID: "the hybrid path",
}


class Blocker(StrEnum):
    """A gate that keeps fine-tuning from being recommended outright."""

    DATA = "data"
    EVALUATION = "evaluation"
    EXPERTISE = "expertise"
    TIME = "time"
    BUDGET = "budget"
    KNOWLEDGE = "knowledge"
    PAY_BACK = "pay-back"

    @property
    def reason(self) -> str:
        """The gate as a short noun phrase, for sentences listing several."""
        return _REASONS[self]

    @property
    def remedy(self) -> str:
        """What clears the gate, as an imperative phrase."""
        return _REMEDIES[self]


_REASONS = {
    Blocker.DATA: f"fewer than {format_number(LIMITED_DATA_THRESHOLD)} quality examples",
    Blocker.EVALUATION: "no evaluation set",
    Blocker.EXPERTISE: "no ML engineering in the team",
    Blocker.TIME: "a deadline shorter than fine-tuning takes",
    Blocker.BUDGET: "an upfront budget below fine-tuning's upfront cost",
    Blocker.KNOWLEDGE: "a knowledge gap, which retrieval closes better",
    Blocker.PAY_BACK: "no pay-back within the horizon or the base model's lifetime",
}

_REMEDIES = {
    Blocker.DATA: f"collect {format_number(LIMITED_DATA_THRESHOLD)} quality examples",
    Blocker.EVALUATION: "build an evaluation set",
    Blocker.EXPERTISE: "bring in ML engineering",
    Blocker.TIME: "agree a deadline that leaves time to fine-tune",
    Blocker.BUDGET: "secure the upfront budget",
    Blocker.KNOWLEDGE: "close the knowledge gap with retrieval",
    Blocker.PAY_BACK: "confirm a pay-back within the horizon (more volume, lower fixed cost "
                      "or a longer-lived base model)",
}


@dataclass(frozen=True)
class Gate:
    """A gate as the methodology page lists it."""

    blocker: Blocker
    rule: str


GATES: tuple[Gate, ...] = (
    Gate(Blocker.DATA, f"Fewer than {format_number(LIMITED_DATA_THRESHOLD)} quality examples."),
    Gate(Blocker.EVALUATION, "No evaluation set: a tuned model cannot be judged."),
    Gate(Blocker.EXPERTISE, "No ML engineering capability in the team."),
    Gate(Blocker.TIME, "A deadline shorter than the fine-tuning estimate for this team."),
    Gate(Blocker.BUDGET, "An upfront budget below fine-tuning's upfront cost (training plus "
                         "fixed cost)."),
    Gate(Blocker.KNOWLEDGE, "The gap is missing or changing knowledge: retrieval (RAG) "
                            "closes it better."),
    Gate(Blocker.PAY_BACK, "No break-even, a break-even beyond the horizon, or one later "
                           "than the base model's retirement."),
)
"""Every gate, in the order ``blockers`` reports them."""

_WEIGHTS = tuple(spec.weight for spec in FACTOR_SPECS)


def score_of(s: Scenario, c: Costs) -> float:
    """Weighted factor signals scaled to -100..+100, rounded to one decimal.

    Clamping and rounding are both non-decreasing, so any input that can only
    raise a signal can only raise the score: monotonic by construction.
    """
    raw = sum(w * sig for w, sig in zip(_WEIGHTS, factor_signals(s, c), strict=True))
    return max(-100.0, min(100.0, round(100.0 * raw / SCORE_SCALE, 1)))


def blockers(s: Scenario, c: Costs) -> list[Blocker]:
    """What stops fine-tuning from being recommended outright (empty when nothing does)."""
    found = []
    if s.examples < LIMITED_DATA_THRESHOLD:
        found.append(Blocker.DATA)
    if s.evals is Evals.NONE:
        found.append(Blocker.EVALUATION)
    if s.ml_expertise is Expertise.NONE:
        found.append(Blocker.EXPERTISE)
    if s.deadline_weeks < fine_tuning_weeks(s):
        found.append(Blocker.TIME)
    if s.upfront_budget < c.ft_upfront:
        found.append(Blocker.BUDGET)
    if s.gap is Gap.KNOWLEDGE:
        found.append(Blocker.KNOWLEDGE)
    be = c.break_even_months
    if be is None or be > s.horizon_months or (
        s.model_lifetime_months and be > s.model_lifetime_months
    ):
        found.append(Blocker.PAY_BACK)
    return found


def decide(score: float, blocked: list[Blocker]) -> Verdict:
    """The verdict rule: thresholds on the score, then the gates."""
    if score <= PROMPTING_SCORE:
        return Verdict.PROMPT_ENGINEERING
    if score > FINE_TUNING_SCORE and not blocked:
        return Verdict.FINE_TUNING
    return Verdict.HYBRID


def verdict_of(s: Scenario) -> Verdict:
    """The verdict alone, without any text (used by the what-would-change search)."""
    c = compute_costs(s)
    return decide(score_of(s, c), blockers(s, c))


def fine_tune_month(s: Scenario) -> int | None:
    """First month in which ``examples + examples_per_month * month`` reaches the threshold.

    0 when the examples are already there; ``None`` when collection never gets
    there within ``MONTH_CAP`` months (a plan that far out is not a plan).
    """
    missing = LIMITED_DATA_THRESHOLD - s.examples
    if missing <= 0:
        return 0
    if s.examples_per_month <= 0:
        return None
    month = math.ceil(missing / s.examples_per_month)
    return month if month <= MONTH_CAP else None
