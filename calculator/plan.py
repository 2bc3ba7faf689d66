"""When fine-tuning pays back: now, or later on the hybrid path, re-tunes included.

A hybrid verdict is a plan: prompt now, collect data, fine-tune when the data
reaches the threshold. The plan holds only if the month the data gets there,
plus the weeks fine-tuning takes, plus the pay-back (or a stated quality need)
still fits inside the horizon, with the re-tunes a retiring base model or a
retraining cadence forces priced in. This module answers that question.

The costs used for these decisions are those of the smallest adequate training
run (``factors.minimum_run``): with more data than that, a team subsamples, so
more data can never make fine-tuning look worse.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .costs import Costs, compute_costs, retune_cost, retune_months
from .factors import LIMITED_DATA_THRESHOLD, fine_tuning_weeks, minimum_run, minimum_upfront
from .scenario import Consistency, Scenario, Task

__all__ = [
    "MONTH_CAP",
    "WEEKS_PER_MONTH",
    "Path",
    "decision_costs",
    "fine_tune_month",
    "lead_months",
    "net_saving",
    "pays_back_now",
    "plan_path",
    "quality_need",
]

MONTH_CAP = 60
"""Months of collection beyond which the data threshold counts as never reached."""
WEEKS_PER_MONTH = 52 / 12
"""Weeks in an average month, to put fine-tuning's lead time on the month axis."""


def quality_need(s: Scenario) -> bool:
    """A stated quality case for fine-tuning: critical consistency or a domain-specific task."""
    return s.consistency is Consistency.CRITICAL or s.task is Task.DOMAIN_SPECIFIC


def lead_months(s: Scenario) -> float:
    """Fine-tuning's lead time for this team, in months."""
    return fine_tuning_weeks(s) / WEEKS_PER_MONTH


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


def decision_costs(s: Scenario) -> Costs:
    """The costs the gates use: those of a training run on ``minimum_run`` examples."""
    return compute_costs(s, examples=minimum_run(s))


def net_saving(s: Scenario, c: Costs, start: float) -> float:
    """USD saved by the horizon's end by switching to a tuned model at month ``start``.

    The monthly saving over the months left, minus the upfront cost and the
    re-tunes after ``start``. Switching at month 0 also spares the prompt work.
    """
    left = s.horizon_months - start
    retunes = len(retune_months(s, start)) * retune_cost(s, minimum_run(s))
    saving = c.monthly_saving * left - c.ft_upfront - retunes
    return saving + (c.pe_upfront if start == 0 else 0.0)


def pays_back_now(s: Scenario, c: Costs) -> bool:
    """Fine-tuning now costs no more over the horizon than prompting, re-tunes included."""
    return net_saving(s, c, 0.0) >= 0


def _best_switch(s: Scenario, c: Costs, earliest: float) -> tuple[float, float] | None:
    """(month, saving) of the best switch at or after ``earliest`` inside the horizon.

    The saving falls as the switch moves later, except where a later switch
    avoids a re-tune: just at ``horizon - k * retrain_every_months`` and at the
    base model's retirement. Those are the only candidates worth checking, and
    checking them keeps "an earlier start" from ever looking worse.
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
    if earliest < s.model_lifetime_months < end:
        candidates.add(float(s.model_lifetime_months))
    return max(((month, net_saving(s, c, month)) for month in candidates),
               key=lambda pair: (pair[1], -pair[0]))


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

    @property
    def pays_back(self) -> bool:
        """The switch saves money by the horizon's end, re-tunes included."""
        return self.saving is not None and self.saving >= 0

    @property
    def reachable(self) -> bool:
        """A tuned model is live in time and is worth it, by cost or by a stated need."""
        return (self.switch_month is not None and self.affordable
                and (self.pays_back or self.quality))

    def missing(self, horizon: int) -> list[str]:
        """What keeps the plan from holding, as noun phrases; empty when it holds."""
        out = []
        if self.data_month is None:
            out.append(f"data that reaches {LIMITED_DATA_THRESHOLD:,} quality examples "
                       f"within {MONTH_CAP} months")
        elif self.switch_month is None:
            out.append(f"time: data plus fine-tuning's lead time run past the "
                       f"{horizon}-month horizon")
        elif not (self.pays_back or self.quality):
            out.append("a pay-back inside the horizon or a quality need (critical "
                       "consistency or a domain-specific task)")
        if not self.affordable:
            out.append("an upfront budget that covers the smallest fine-tuning run")
        return out


def plan_path(s: Scenario, c: Costs | None = None) -> Path:
    """The hybrid path for ``s``; ``c`` are its decision costs when already computed."""
    dc = c if c is not None else decision_costs(s)
    month = fine_tune_month(s)
    affordable = s.upfront_budget >= minimum_upfront(s)
    quality = quality_need(s)
    if month is None:
        return Path(None, None, None, None, quality, affordable)
    live = month + lead_months(s)
    best = _best_switch(s, dc, live)
    if best is None:
        return Path(month, live, None, None, quality, affordable)
    return Path(month, live, best[0], best[1], quality, affordable)
