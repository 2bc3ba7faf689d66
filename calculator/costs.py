"""The cost model: the design's exact formulas, maintenance included.

Prices are USD per million tokens, so every token product is divided by 1e6.
Each option has its own deployment: the prompted model (``base_price_*`` plus
``prompt_hosting_monthly``) and the tuned model (``tuned_price_*`` plus
``tuned_hosting_monthly``). A training run uses at most
``max_training_examples``: nobody trains on every example of a huge set.

Data that must stay internal rules out a pay-per-token cloud API for *both*
options, so both are then priced self-hosted: each keeps the hosting figure the
user entered, and a side left at 0 is filled with the other side's figure, the
only self-hosting estimate there is. Privacy favours self-hosting, not
fine-tuning.

Maintenance recurs, but a retirement is not a cadence (rule 10): the known
retirement of the base model (``model_lifetime_months``) forces one move to a
successor, priced once; that successor then retires on a sourced typical model
life (``TYPICAL_LIFE_MONTHS``), and so on. A migration costs more of the fixed
cost than a routine re-tune on a cadence.

The break-even counts the re-tunes that fall before it, so a summary that
quotes it never contradicts the totals.

A saving counts as a pay-back only when it is material, at least
``MATERIAL_SHARE`` of what prompting costs over the horizon, and when it repays
the upfront cost before the base model retires: a break-even after the
retirement is overtaken by the migration it forces, so it never arrives.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .presets import TYPICAL_MODEL_LIFE
from .scenario import DataPolicy, Scenario

__all__ = [
    "MATERIAL_SHARE",
    "MIGRATION_FIXED_SHARE",
    "RETUNE_FIXED_SHARE",
    "TYPICAL_LIFE_MONTHS",
    "Costs",
    "compute_costs",
    "cumulative_costs",
    "error_costs",
    "filled_hosting_side",
    "hosting",
    "migration_months",
    "net_saving",
    "next_retirement",
    "pays_back",
    "retune_cost",
    "retune_months",
    "training_cost",
    "training_examples",
    "tuned_tokens_monthly",
    "value_needed",
]

RETUNE_FIXED_SHARE = 0.25
"""Share of ``fine_tuning_fixed_cost`` a routine re-tune costs on top of its training run.

On a cadence (``retrain_every_months``) on the same base model, the data
pipeline and evaluation set already exist; a re-tune still needs the new data
checked, the run evaluated against the baseline and the switch made.
"""
MIGRATION_FIXED_SHARE = 0.5
"""Share of ``fine_tuning_fixed_cost`` a move to a new base model costs on top of its run.

When the base model retires, its successor has a new tokenizer, new defaults
and new failure modes: the training data is re-formatted, hyperparameters are
searched again, the whole evaluation set is re-run and reviewed, and serving
changes. That is about half of the first tune's engineering, twice a routine
re-tune. A month that is both a cadence re-tune and a retirement counts once,
as a migration.
"""
MATERIAL_SHARE = 0.05
"""Smallest net saving, as a share of prompting's total over the horizon, that counts.

A saving inside the error of the estimates (prices, volume, lead time) is no
reason to train and maintain a model: below this share it is not a pay-back.
"""
TYPICAL_LIFE_MONTHS = float(TYPICAL_MODEL_LIFE.value or 12)
"""Months a successor base model lives before it retires in turn (sourced in ``presets``)."""
BREAK_EVEN_CAP_MONTHS = 240.0
"""Re-tunes are looked for this far ahead when the break-even lies past the horizon."""


@dataclass(frozen=True)
class Costs:
    """Monthly, upfront and total costs of both approaches over the horizon, in USD."""

    pe_monthly: float
    ft_monthly: float
    ft_upfront: float
    break_even_months: float | None
    pe_total: float
    ft_total: float
    horizon_months: int
    pe_upfront: float = 0.0
    training: float = 0.0
    maintenance: float = 0.0
    retunes: int = 0
    self_hosted: bool = False
    pe_errors_monthly: float = 0.0
    """What the prompted model's wrong answers cost each month (inside ``pe_monthly``)."""
    ft_errors_monthly: float = 0.0
    """What the tuned model's wrong answers cost each month (inside ``ft_monthly``)."""
    value_needed_per_request: float | None = None
    """Extra value each request must gain for fine-tuning to pay back (None when it does)."""
    running_saving: float | None = None
    """Monthly saving on tokens and hosting alone, kept apart from the error costs so that a
    priced gain is added to it, never recovered by subtracting large sums."""
    error_gain: float = 0.0
    """Monthly error cost the tuned model avoids (negative when it errs more)."""
    pe_running_total: float | None = None
    """Prompting's total without error costs (see ``pe_spend_total``)."""

    @property
    def monthly_saving(self) -> float:
        """What fine-tuning saves per month (negative when it costs more), errors included."""
        if self.running_saving is None:
            return self.pe_monthly - self.ft_monthly
        return self.running_saving + self.error_gain

    @property
    def pe_spend_total(self) -> float:
        """Prompting's total without its error costs: what running it costs.

        A saving is material against this, not against ``pe_total``: pricing
        errors must never make a saving look smaller than it did unpriced.
        """
        if self.pe_running_total is None:
            return self.pe_total - self.pe_errors_monthly * self.horizon_months
        return self.pe_running_total

    @property
    def extra_total(self) -> float:
        """How much more fine-tuning costs over the horizon (negative when it saves)."""
        return self.ft_total - self.pe_total


def training_examples(s: Scenario, examples: float | None = None) -> float:
    """Examples one training run uses: the set, subsampled to ``max_training_examples``."""
    count = s.examples if examples is None else examples
    return min(count, s.max_training_examples)


def training_cost(s: Scenario, examples: float | None = None) -> float:
    """Training tokens times price for one run on ``examples`` (the scenario's by default)."""
    return (training_examples(s, examples) * s.training_tokens_per_example * s.epochs
            * s.training_price / 1e6)


def retune_cost(s: Scenario, examples: float | None = None, migration: bool = False) -> float:
    """One re-tune: a training run plus a share of the fixed cost.

    ``RETUNE_FIXED_SHARE`` for a routine re-tune, ``MIGRATION_FIXED_SHARE`` for
    a move to a new base model when the old one retires.
    """
    share = MIGRATION_FIXED_SHARE if migration else RETUNE_FIXED_SHARE
    return training_cost(s, examples) + share * s.fine_tuning_fixed_cost


def migration_months(s: Scenario, start: float = 0.0, end: float | None = None) -> list[float]:
    """Months after ``start`` and before ``end`` (the horizon's end) at which a base model
    retires: once at ``model_lifetime_months`` (when known), then each successor after
    ``TYPICAL_LIFE_MONTHS`` (rule 10: one forced migration per retirement, never a loop
    at the first model's short remaining life)."""
    life = float(s.model_lifetime_months)
    stop = float(s.horizon_months) if end is None else end
    if not life > 0:
        return []
    months = []
    month = life
    while month < stop:
        if month > start:
            months.append(month)
        month += TYPICAL_LIFE_MONTHS
    return months


def next_retirement(s: Scenario, start: float) -> float | None:
    """The first retirement after ``start`` (``None`` when the lifetime is unknown)."""
    life = float(s.model_lifetime_months)
    if not life > 0:
        return None
    if start < life:
        return life
    return life + (math.floor((start - life) / TYPICAL_LIFE_MONTHS) + 1) * TYPICAL_LIFE_MONTHS


def retune_months(s: Scenario, start: float = 0.0, end: float | None = None) -> list[float]:
    """Months after ``start`` and before ``end`` (the horizon's end) at which the model is
    re-tuned.

    One each ``retrain_every_months`` after the first tuning, and one at each
    retirement of the base model (``migration_months``). A month on both lists
    counts once.
    """
    stop = float(s.horizon_months) if end is None else end
    months: set[float] = set(migration_months(s, start, stop))
    if s.retrain_every_months > 0:
        step = float(s.retrain_every_months)
        k = 1
        while start + k * step < stop:
            months.add(start + k * step)
            k += 1
    return sorted(months)


def _cadence_count(start: float, step: float, end: float) -> int:
    """How many ``start + k * step`` (k >= 1) fall before ``end``.

    The count ``retune_months`` would reach by stepping, found by division and
    then checked with the same float comparison, so that the two always agree.
    """
    n = max(0, math.ceil((end - start) / step) - 1)
    while start + (n + 1) * step < end:
        n += 1
    while n > 0 and not start + n * step < end:
        n -= 1
    return n


def _routine_count(s: Scenario, start: float, migrations: list[float]) -> int:
    """Re-tunes after ``start`` that are not migrations: ``len(retune_months) - len(migrations)``.

    Counted without building the list: the best switch month is searched over
    many starts, and listing every re-tune for each made that search quadratic.
    """
    if not s.retrain_every_months > 0:
        return 0
    step = float(s.retrain_every_months)
    n = _cadence_count(start, step, float(s.horizon_months))
    on_cadence = 0
    for month in migrations:
        k = round((month - start) / step)
        if 1 <= k <= n and start + k * step == month:
            on_cadence += 1
    return n - on_cadence


def _maintenance(s: Scenario, training: float, start: float) -> float:
    """Cost of every re-tune after ``start``, migrations at their higher share."""
    if not (s.retrain_every_months > 0 or s.model_lifetime_months > 0):
        return 0.0
    dates = migration_months(s, start)
    migrations = len(dates)
    routine = _routine_count(s, start, dates)
    fixed = s.fine_tuning_fixed_cost
    return (migrations * (training + MIGRATION_FIXED_SHARE * fixed)
            + routine * (training + RETUNE_FIXED_SHARE * fixed))


def filled_hosting_side(s: Scenario) -> str | None:
    """Which hosting field must-stay-internal fills from the other (None if neither)."""
    if s.data_policy is not DataPolicy.MUST_STAY_INTERNAL:
        return None
    if s.prompt_hosting_monthly == 0 and s.tuned_hosting_monthly > 0:
        return "prompt_hosting_monthly"
    if s.tuned_hosting_monthly == 0 and s.prompt_hosting_monthly > 0:
        return "tuned_hosting_monthly"
    return None


def hosting(s: Scenario) -> tuple[float, float]:
    """(prompted, tuned) fixed monthly hosting.

    Under must-stay-internal both options are self-hosted: each keeps what the
    user entered, and a side left at 0 takes the other side's figure (a free
    self-hosted model does not exist). In the cloud, 0 means pay-per-token.
    """
    side = filled_hosting_side(s)
    if side == "prompt_hosting_monthly":
        return s.tuned_hosting_monthly, s.tuned_hosting_monthly
    if side == "tuned_hosting_monthly":
        return s.prompt_hosting_monthly, s.prompt_hosting_monthly
    return s.prompt_hosting_monthly, s.tuned_hosting_monthly


def _break_even(s: Scenario, extra_upfront: float, saving: float,
                training: float) -> float | None:
    """Months until fine-tuning's running total falls to prompting's and stays there, with
    every re-tune on the way counted; ``None`` if never.

    Walks the re-tunes in order: the debt (extra upfront cost plus the re-tunes so far) is
    repaid at ``debt / saving``; a re-tune that lifts the debt above what has been saved by
    its month undoes an earlier break-even, so the summary never quotes a break-even that
    the totals contradict.
    """
    if saving <= 0:
        return None
    owed = max(0.0, extra_upfront)
    if not (s.retrain_every_months > 0 or s.model_lifetime_months > 0):
        months = owed / saving
        return months if math.isfinite(months) else None
    migrations = set(migration_months(s, 0.0, BREAK_EVEN_CAP_MONTHS))
    fixed = s.fine_tuning_fixed_cost
    even: float | None = None
    for month in retune_months(s, 0.0, BREAK_EVEN_CAP_MONTHS):
        if even is None and owed / saving < month:
            even = owed / saving
        share = MIGRATION_FIXED_SHARE if month in migrations else RETUNE_FIXED_SHARE
        owed += training + share * fixed
        if even is not None and owed > saving * month:
            even = None
    if even is None:
        even = owed / saving
    return even if math.isfinite(even) and even <= BREAK_EVEN_CAP_MONTHS else None


def tuned_tokens_monthly(s: Scenario) -> float:
    """``ft_tokens`` of the design (v3): the tuned prompt split into cached and uncached
    tokens by ``cached_prompt_share``, at the tuned model's own cached-input price."""
    prompt_price = ((1 - s.cached_prompt_share) * s.tuned_price_input
                    + s.cached_prompt_share * s.tuned_price_cached_input)
    return s.monthly_requests * (
        s.tuned_prompt_tokens * prompt_price
        + s.input_tokens * s.tuned_price_input
        + s.output_tokens * s.tuned_price_output
    ) / 1e6


def compute_costs(s: Scenario, examples: float | None = None) -> Costs:
    """Apply the published formulas; ``examples`` overrides the training set size."""
    pe_hosting, ft_hosting = hosting(s)
    prompt_price = ((1 - s.cached_prompt_share) * s.base_price_input
                    + s.cached_prompt_share * s.base_price_cached_input)
    pe_monthly = s.monthly_requests * (
        s.prompt_tokens * prompt_price
        + s.input_tokens * s.base_price_input
        + s.output_tokens * s.base_price_output
    ) / 1e6 + pe_hosting
    ft_monthly = tuned_tokens_monthly(s) + ft_hosting
    running_saving = pe_monthly - ft_monthly
    pe_running_total = s.prompt_engineering_cost + pe_monthly * s.horizon_months
    pe_errors, ft_errors = error_costs(s)
    pe_monthly += pe_errors
    ft_monthly += ft_errors
    training = training_cost(s, examples)
    pe_upfront = s.prompt_engineering_cost
    ft_upfront = training + s.fine_tuning_fixed_cost
    retunes = len(retune_months(s))
    maintenance = _maintenance(s, training, 0.0)
    pe_total = pe_upfront + pe_monthly * s.horizon_months
    ft_total = ft_upfront + ft_monthly * s.horizon_months + maintenance
    return Costs(
        pe_monthly=pe_monthly,
        ft_monthly=ft_monthly,
        ft_upfront=ft_upfront,
        break_even_months=_break_even(
            s, ft_upfront - pe_upfront,
            running_saving + s.monthly_requests * (s.prompted_error_rate - s.tuned_error_rate)
            * s.cost_per_error, training),
        pe_total=pe_total,
        ft_total=ft_total,
        horizon_months=s.horizon_months,
        pe_upfront=pe_upfront,
        training=training,
        maintenance=maintenance,
        retunes=retunes,
        self_hosted=s.data_policy is DataPolicy.MUST_STAY_INTERNAL,
        pe_errors_monthly=pe_errors,
        ft_errors_monthly=ft_errors,
        value_needed_per_request=value_needed(s, pe_total, ft_total),
        running_saving=running_saving,
        error_gain=s.monthly_requests * (s.prompted_error_rate - s.tuned_error_rate)
        * s.cost_per_error,
        pe_running_total=pe_running_total,
    )


def error_costs(s: Scenario) -> tuple[float, float]:
    """(prompted, tuned) monthly cost of wrong answers: requests x error rate x cost per error.

    Zero on both sides while ``cost_per_error`` is 0, so the version 2 formulas
    stay exact for a reader who does not price errors.
    """
    return (s.monthly_requests * s.prompted_error_rate * s.cost_per_error,
            s.monthly_requests * s.tuned_error_rate * s.cost_per_error)


def value_needed(s: Scenario, pe_total: float, ft_total: float) -> float | None:
    """USD each request must gain for fine-tuning to pay back over the horizon.

    ``(ft_total - pe_total) / (monthly_requests * horizon_months)`` when
    fine-tuning costs more; None when it does not, or with no requests.
    """
    if not ft_total > pe_total or not s.monthly_requests > 0:
        return None
    return (ft_total - pe_total) / (s.monthly_requests * s.horizon_months)


def cumulative_costs(s: Scenario) -> list[tuple[int, float, float]]:
    """(month, prompting so far, fine-tuning so far) for months 0..horizon, re-tunes included."""
    c = compute_costs(s)
    migrations = set(migration_months(s))
    dated = [(r, retune_cost(s, migration=r in migrations)) for r in retune_months(s)]
    return [(m, c.pe_upfront + c.pe_monthly * m,
             c.ft_upfront + c.ft_monthly * m + sum(cost for r, cost in dated if r <= m))
            for m in range(s.horizon_months + 1)]


def net_saving(s: Scenario, c: Costs, start: float) -> float:
    """USD saved by the horizon's end by switching to a tuned model at month ``start``.

    The monthly saving over the months left, minus the upfront cost and the
    re-tunes after ``start`` (priced on the run ``c`` was computed for).
    Switching at month 0 also spares the prompt work.
    """
    left = s.horizon_months - start
    saving = c.monthly_saving * left - c.ft_upfront - _maintenance(s, c.training, start)
    return saving + (c.pe_upfront if start == 0 else 0.0)


def pays_back(s: Scenario, c: Costs, start: float = 0.0, net: float | None = None) -> bool:
    """Switching at ``start`` pays back: materially, and before the base model retires.

    The tuned model must cost less each month, the net saving by the
    horizon's end must reach ``MATERIAL_SHARE`` of prompting's total, and the
    upfront cost must be repaid before the next
    retirement of the base model (when known), which would force a migration
    first. ``net`` is ``net_saving(s, c, start)`` when the caller has it already.
    """
    if net is None:
        net = net_saving(s, c, start)
    if not (c.monthly_saving > 0 and net > 0 and net >= MATERIAL_SHARE * c.pe_spend_total):
        return False
    retires = next_retirement(s, start)
    if retires is not None:
        window = retires - start
        spared = c.pe_upfront if start == 0 else 0.0
        repaid = c.monthly_saving * window - (c.ft_upfront - spared)
        if repaid < 0:
            return False
    return True
