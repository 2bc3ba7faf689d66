"""When fine-tuning pays back and how much data it needs: now, or later on the hybrid path.

A hybrid verdict is a plan: prompt now, collect data, fine-tune when the data
reaches the threshold. The plan holds only if the month the data gets there,
plus the weeks fine-tuning takes, plus the pay-back (or a stated quality need)
still fits inside the horizon, with the re-tunes a retiring base model or a
retraining cadence forces priced in. This module answers that question.

How much data is enough depends on what it is for. The hybrid path starts
with evidence, not a count from the article: a pilot tune on a few hundred
examples (``pilot_need``: ``PILOT_EXAMPLES``, plus ``EVAL_HOLDOUT`` held out
when there is no evaluation set), scored against the prompt, as providers
advise (gains from 50 to 100 examples, start at about 100). Fine-tuning
outright needs more (``data_needed``): 4,000 examples for a case with nothing
in its favour, halved by each point of strength (a critical requirement, a
rigorous evaluation set, a strong ML team, a clear pay-back) down to 500.
Every step can only lower a threshold as the case gets stronger, so the verdict
stays monotone, and the score, which reads the article's 1,000 and 10,000 as
signals of strength, has no cliff.

The costs used for these decisions are those of the smallest adequate training
run (``factors.minimum_run``): with more data than that, a team subsamples, so
more data can never make fine-tuning look worse.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .costs import Costs, compute_costs, migration_months, net_saving, pays_back
from .factors import (
    CLEAR_PAY_BACK_SHARE,
    DATA_STEPS,
    EVAL_HOLDOUT,
    PILOT_EXAMPLES,
    fine_tuning_weeks_range,
    minimum_run,
    minimum_upfront,
)
from .option_dates import tune_closed
from .scenario import Consistency, Evals, Expertise, Latency, Scenario, Task

__all__ = [
    "CLEAR_PAY_BACK_SHARE",
    "DATA_STEPS",
    "MONTH_CAP",
    "WEEKS_PER_MONTH",
    "Path",
    "case_points",
    "data_needed",
    "decision_costs",
    "fine_tune_month",
    "latency_need",
    "lead_months",
    "net_saving",
    "pays_back_now",
    "pilot_need",
    "plan_path",
    "quality_need",
    "quality_needs",
]

MONTH_CAP = 60
"""Months of collection beyond which the data threshold counts as never reached."""
WEEKS_PER_MONTH = 52 / 12
"""Weeks in an average month, to put fine-tuning's lead time on the month axis."""


def latency_need(s: Scenario) -> bool:
    """Critical latency that tuning helps: the tuned model needs a shorter prompt."""
    return s.latency is Latency.CRITICAL and s.tuned_prompt_tokens < s.prompt_tokens


def quality_needs(s: Scenario) -> list[str]:
    """The stated quality needs, as noun phrases (empty when there is none)."""
    return [phrase for phrase, on in (
        ("critical consistency", s.consistency is Consistency.CRITICAL),
        ("a domain-specific task", s.task is Task.DOMAIN_SPECIFIC),
        ("critical latency that a shorter prompt helps", latency_need(s)),
    ) if on]


def quality_need(s: Scenario) -> bool:
    """A stated quality case for fine-tuning: critical consistency, a domain-specific task,
    or critical latency that a tuned model's shorter prompt serves."""
    return (s.consistency is Consistency.CRITICAL or s.task is Task.DOMAIN_SPECIFIC
            or latency_need(s))


def decision_costs(s: Scenario) -> Costs:
    """The costs the gates use: those of a training run on ``minimum_run`` examples."""
    return compute_costs(s, examples=minimum_run(s))


def pays_back_now(s: Scenario, c: Costs) -> bool:
    """Fine-tuning now saves a material share by the horizon's end, before the base retires."""
    return pays_back(s, c, 0.0)


def case_points(s: Scenario, c: Costs | None = None) -> int:
    """How strongly the case supports a training set smaller than the guidance's 10,000.

    One point each for critical consistency, critical latency a shorter prompt
    helps, a rigorous evaluation set and strong ML engineering; one for a
    material pay-back now and two for a clear one (``CLEAR_PAY_BACK_SHARE``).
    """
    points = sum((s.consistency is Consistency.CRITICAL, latency_need(s),
                  s.evals is Evals.RIGOROUS, s.ml_expertise is Expertise.STRONG))
    dc = c if c is not None else decision_costs(s)
    if pays_back_now(s, dc):
        clear = net_saving(s, dc, 0.0) >= CLEAR_PAY_BACK_SHARE * dc.pe_spend_total
        points += 2 if clear else 1
    return points


def data_needed(s: Scenario, c: Costs | None = None) -> int:
    """Quality examples fine-tuning outright needs for this case: 4,000 down to 500."""
    return DATA_STEPS[min(case_points(s, c), len(DATA_STEPS) - 1)]


def pilot_need(s: Scenario) -> int:
    """Quality examples the hybrid path's pilot tune needs: a few hundred to train on, plus a
    few hundred held out as the evaluation set when there is none yet."""
    return PILOT_EXAMPLES + (EVAL_HOLDOUT if s.evals is Evals.NONE else 0)


def lead_months(s: Scenario) -> float:
    """Fine-tuning's lead time for this team, in months, at the upper end of the estimate."""
    return fine_tuning_weeks_range(s)[1] / WEEKS_PER_MONTH


def fine_tune_month(s: Scenario, c: Costs | None = None,
                    needed: int | None = None) -> int | None:
    """First month in which ``examples + examples_per_month * month`` reaches ``data_needed``.

    0 when the examples are already there; ``None`` when collection never gets
    there within ``MONTH_CAP`` months (a plan that far out is not a plan).
    ``needed`` is ``data_needed(s)`` when already known.
    """
    missing = (needed if needed is not None else data_needed(s, c)) - s.examples
    if missing <= 0:
        return 0
    if s.examples_per_month <= 0:
        return None
    month = math.ceil(missing / s.examples_per_month)
    return month if month <= MONTH_CAP else None


def _best_switch(s: Scenario, c: Costs, earliest: float) -> tuple[float, float, bool] | None:
    """(month, saving, pays back) of the best switch at or after ``earliest`` in the horizon.

    The saving falls as the switch moves later, except where a later switch
    avoids a re-tune: just at ``horizon - k * retrain_every_months`` and at a
    retirement of the base model. Those are the only candidates worth
    checking; a switch that pays back beats one that only saves more.
    """
    end = float(s.horizon_months)
    if earliest >= end:
        return None
    candidates = {earliest}
    if s.retrain_every_months > 0:
        k = 1
        while end - k * s.retrain_every_months > earliest:
            candidates.add(end - k * s.retrain_every_months)
            k += 1
    candidates.update(migration_months(s, earliest))
    saving = {month: net_saving(s, c, month) for month in candidates}
    scored = [(month, net, pays_back(s, c, month, net)) for month, net in saving.items()]
    return max(scored, key=lambda row: (row[2], row[1], -row[0]))


@dataclass(frozen=True)
class Path:
    """The hybrid plan for one scenario and whether it is reachable."""

    data_month: int | None
    """Month the data reaches the threshold (0: already there; None: not within the cap)."""
    live_month: float | None
    """Month a tuned model could first be in production: data month plus lead time."""
    switch_month: float | None
    """The month to switch that saves most (or loses least) by the horizon's end."""
    saving: float | None
    """Net USD saved by the horizon's end when switching at ``switch_month``."""
    quality: bool
    affordable: bool
    pays_back: bool = False
    """The switch saves a material share by the horizon's end, before the base retires."""
    threshold: int = PILOT_EXAMPLES
    """Quality examples the pilot tune needs (``pilot_need``)."""
    full: int = DATA_STEPS[0]
    """Quality examples fine-tuning outright needs for this case (``data_needed``)."""
    closed: str | None = None
    """Why the tune at the switch month cannot happen on the option (rule 9), if it cannot."""

    @property
    def reachable(self) -> bool:
        """A tuned model is live in time, on an option that takes the tune, and is worth it,
        by cost or by a stated need."""
        return (self.switch_month is not None and self.affordable and self.closed is None
                and (self.pays_back or self.quality))

    def missing(self, horizon: int) -> list[str]:
        """What keeps the plan from holding, as noun phrases; empty when it holds."""
        out = []
        if self.data_month is None:
            out.append(f"the {self.threshold:,} quality examples a pilot tune needs, with no "
                       f"collection that reaches them within {MONTH_CAP} months")
        elif self.switch_month is None:
            out.append(f"time: collecting the {self.threshold:,} quality examples of a pilot "
                       f"tune plus fine-tuning's lead time run past the {horizon}-month horizon")
        elif not (self.pays_back or self.quality):
            out.append("a pay-back inside the horizon or a quality need (critical "
                       "consistency, a domain-specific task or critical latency)")
        if not self.affordable:
            out.append("an upfront budget that covers the smallest fine-tuning run")
        if self.closed is not None:
            out.append(f"a tuning option open on the plan's dates ({self.closed})")
        return out


def plan_path(s: Scenario, c: Costs | None = None, needed: int | None = None) -> Path:
    """The hybrid path for ``s``: a pilot tune once ``pilot_need`` examples are there.

    ``c`` (decision costs) and ``needed`` (``data_needed``, kept on the path for
    its text) when already computed.
    """
    dc = c if c is not None else decision_costs(s)
    full = needed if needed is not None else data_needed(s, dc)
    threshold = pilot_need(s)
    month = fine_tune_month(s, dc, threshold)
    affordable = s.upfront_budget >= minimum_upfront(s)
    quality = quality_need(s)
    if month is None:
        return Path(None, None, None, None, quality, affordable, False, threshold, full)
    live = month + lead_months(s)
    best = _best_switch(s, dc, live)
    if best is None:
        return Path(month, live, None, None, quality, affordable, False, threshold, full)
    return Path(month, live, best[0], best[1], quality, affordable, best[2], threshold, full,
                tune_closed(s, best[0]))
