"""The verdict alone: the score, the gates, the hybrid path and the rules that combine them.

Kept apart from the explanations so that the what-would-change search can ask
"which verdict would this scenario get?" hundreds of times cheaply, with the
very same rule that ``recommend`` applies.

The score is the weighted sum of the factor signals scaled to -100..+100
(positive favours fine-tuning). The rules, in order:

1. A knowledge gap gives prompt engineering (with retrieval), whatever the score.
2. Fine-tuning outright needs a score above ``FINE_TUNING_SCORE`` and no gate:
   enough data for the case (``plan.data_needed``: 10,000 examples, fewer
   with a stronger case), an evaluation set, the skills (or a managed
   service), a deadline, horizon and base-model life beyond the high end of
   the lead time, a budget for the smallest adequate run, a stage past
   exploring, and a material pay-back inside the horizon or a quality need.
3. Otherwise a score above ``PROMPTING_SCORE`` gives the hybrid path, but only
   when that path is reachable (see ``plan``); if not, prompt engineering.
Every condition can only turn true as data, budget, time, evals or skills
grow, so the verdict never moves down when they do.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .costs import Costs
from .factors import (
    FACTOR_SPECS,
    LARGE_DATASET_THRESHOLD,
    LIMITED_DATA_THRESHOLD,
    factor_signals,
    fine_tuning_weeks_range,
    minimum_upfront,
)
from .option_dates import tune_closed
from .plan import (
    MONTH_CAP,
    data_needed,
    decision_costs,
    fine_tune_month,
    lead_months,
    pays_back_now,
    plan_path,
)
from .plan import quality_need as quality_need
from .scenario import DataPolicy, Evals, Expertise, Gap, Scenario, Stage
from .schema import format_number

__all__ = [
    "FINE_TUNING_SCORE",
    "GATES",
    "MONTH_CAP",
    "PROMPTING_SCORE",
    "SCORE_SCALE",
    "Blocker",
    "Gate",
    "Verdict",
    "blockers",
    "decide",
    "fine_tune_month",
    "managed_service",
    "score_of",
    "verdict_of",
]

SCORE_SCALE = 10.0
"""Raw weighted points that make a score of 100 (the score is then capped)."""
FINE_TUNING_SCORE = 20.0
"""Above this score, fine-tuning needs are strong enough to recommend it when backed."""
PROMPTING_SCORE = 0.0
"""At or below this score, prompting wins outright."""


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
    HORIZON = "horizon"
    BUDGET = "budget"
    KNOWLEDGE = "knowledge"
    STAGE = "stage"
    PAY_BACK = "pay-back"
    PLATFORM = "platform"

    @property
    def reason(self) -> str:
        """The gate as a short noun phrase, for sentences listing several."""
        return _REASONS[self]

    @property
    def remedy(self) -> str:
        """What clears the gate, as an imperative phrase."""
        return _REMEDIES[self]


_REASONS = {
    Blocker.DATA: "fewer quality examples than this case needs",
    Blocker.EVALUATION: "no evaluation set",
    Blocker.EXPERTISE: "no ML engineering in the team to run a self-hosted tune",
    Blocker.TIME: "a deadline no longer than fine-tuning may take",
    Blocker.HORIZON: "a horizon or base-model life no longer than fine-tuning may take",
    Blocker.BUDGET: "an upfront budget below the smallest fine-tuning run",
    Blocker.KNOWLEDGE: "a knowledge gap, which retrieval closes better",
    Blocker.STAGE: "a use case still being explored",
    Blocker.PAY_BACK: "no material pay-back within the horizon (re-tunes included) and no "
                      "stated quality need",
    Blocker.PLATFORM: "a tuning option that is closed to new customers, or takes no tune by "
                      "the time one could be ready",
}

_REMEDIES = {
    Blocker.DATA: "collect the quality examples this case needs",
    Blocker.EVALUATION: "build an evaluation set",
    Blocker.EXPERTISE: "bring in ML engineering",
    Blocker.TIME: "agree a deadline that leaves time to fine-tune",
    Blocker.HORIZON: "plan over a horizon (and a base model) that outlasts fine-tuning's lead "
                     "time",
    Blocker.BUDGET: "secure the upfront budget",
    Blocker.KNOWLEDGE: "close the knowledge gap with retrieval",
    Blocker.STAGE: "validate the use case with prompts",
    Blocker.PAY_BACK: "confirm a pay-back within the horizon (more volume, lower fixed cost "
                      "or a longer-lived base model) or a quality need",
    Blocker.PLATFORM: "choose a tuning option that is open to you on the plan's dates",
}


@dataclass(frozen=True)
class Gate:
    """A gate as the methodology page lists it."""

    blocker: Blocker
    rule: str


GATES: tuple[Gate, ...] = (
    Gate(Blocker.DATA, "Fewer quality examples than the case needs: "
                       f"{format_number(LARGE_DATASET_THRESHOLD)}, lowered step by step to "
                       f"{format_number(LIMITED_DATA_THRESHOLD)} by critical requirements, "
                       "rigorous evals, strong ML engineering and a pay-back (see the "
                       "thresholds)."),
    Gate(Blocker.EVALUATION, "No evaluation set: a tuned model cannot be judged."),
    Gate(Blocker.EXPERTISE, "No ML engineering capability in the team, unless the tuned model "
                            "runs on a managed, pay-per-token service."),
    Gate(Blocker.TIME, "A deadline no longer than the high end of the fine-tuning estimate "
                       "for this team."),
    Gate(Blocker.HORIZON, "A comparison horizon, or a known base-model lifetime, no longer "
                          "than the high end of the fine-tuning estimate: the tuned model "
                          "would not be in use before the plan or the model ends."),
    Gate(Blocker.BUDGET, "An upfront budget below the smallest adequate run's upfront cost "
                         f"(fixed cost plus training on {format_number(LIMITED_DATA_THRESHOLD)} "
                         "examples, or fewer if capped)."),
    Gate(Blocker.KNOWLEDGE, "The gap is missing or changing knowledge: retrieval (RAG) "
                            "closes it better, and the verdict is prompt engineering."),
    Gate(Blocker.STAGE, "The use case is still being explored: validate it with prompts "
                        "before training anything."),
    Gate(Blocker.PAY_BACK, "Fine-tuning does not save a material share over the horizon "
                           "(re-tunes included) or repays its upfront cost only after the base "
                           "model retires, and there is no stated quality need (critical "
                           "consistency, a domain-specific task, or critical latency that a "
                           "shorter tuned prompt helps)."),
    Gate(Blocker.PLATFORM, "The tuning option is closed to new customers on the day the "
                           "prices are read (as_of), or stops taking tunes before a tune "
                           "could be ready: such a tune is not a path, whatever it would "
                           "save, and the result names an option that is open."),
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


def managed_service(s: Scenario) -> bool:
    """The tuned model runs on a provider's pay-per-token service, which trains and serves it."""
    return s.data_policy is DataPolicy.CLOUD_OK and s.tuned_hosting_monthly == 0


def blockers(s: Scenario, c: Costs | None = None, needed: int | None = None) -> list[Blocker]:
    """What stops fine-tuning from being recommended outright (empty when nothing does).

    ``c`` are the decision costs (``plan.decision_costs``) and ``needed`` is
    ``plan.data_needed`` when already computed.
    """
    dc = c if c is not None else decision_costs(s)
    found = []
    if s.examples < (needed if needed is not None else data_needed(s, dc)):
        found.append(Blocker.DATA)
    if s.evals is Evals.NONE:
        found.append(Blocker.EVALUATION)
    if s.ml_expertise is Expertise.NONE and not managed_service(s):
        found.append(Blocker.EXPERTISE)
    if s.deadline_weeks <= fine_tuning_weeks_range(s)[1]:
        found.append(Blocker.TIME)
    lead = lead_months(s)
    if lead >= s.horizon_months or 0 < s.model_lifetime_months <= lead:
        found.append(Blocker.HORIZON)
    if s.upfront_budget < minimum_upfront(s):
        found.append(Blocker.BUDGET)
    if s.gap is Gap.KNOWLEDGE:
        found.append(Blocker.KNOWLEDGE)
    if s.stage is Stage.EXPLORING:
        found.append(Blocker.STAGE)
    if not (pays_back_now(s, dc) or quality_need(s)):
        found.append(Blocker.PAY_BACK)
    if tune_closed(s, lead) is not None:
        found.append(Blocker.PLATFORM)
    return found


def decide(score: float, blocked: list[Blocker], path_reachable: bool) -> Verdict:
    """The verdict rules (see the module docstring), applied in order."""
    if Blocker.KNOWLEDGE in blocked:
        return Verdict.PROMPT_ENGINEERING
    if score > FINE_TUNING_SCORE and not blocked:
        return Verdict.FINE_TUNING
    if score > PROMPTING_SCORE and path_reachable:
        return Verdict.HYBRID
    return Verdict.PROMPT_ENGINEERING


def verdict_of(s: Scenario) -> Verdict:
    """The verdict alone, without any text (used by the what-would-change search)."""
    dc = decision_costs(s)
    score = score_of(s, dc)
    needed = data_needed(s, dc)
    blocked = blockers(s, dc, needed)
    if Blocker.KNOWLEDGE in blocked:
        return Verdict.PROMPT_ENGINEERING
    if score > FINE_TUNING_SCORE and not blocked:
        return Verdict.FINE_TUNING
    if score <= PROMPTING_SCORE:
        return Verdict.PROMPT_ENGINEERING
    return decide(score, blocked, plan_path(s, dc, needed).reachable)
