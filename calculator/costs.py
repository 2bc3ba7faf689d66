"""The cost model: the design's exact formulas, maintenance included.

Prices are USD per million tokens, so every token product is divided by 1e6.
Each option has its own deployment: the prompted model (``base_price_*`` plus
``prompt_hosting_monthly``) and the tuned model (``tuned_price_*`` plus
``tuned_hosting_monthly``). A training run uses at most
``max_training_examples``: nobody trains on every example of a huge set.

Data that must stay internal rules out a pay-per-token cloud API for *both*
options, so both are then priced on the same self-hosted infrastructure: each
pays the larger of the two hosting figures. Privacy favours self-hosting, not
fine-tuning.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .scenario import DataPolicy, Scenario

__all__ = [
    "RETUNE_FIXED_SHARE",
    "Costs",
    "compute_costs",
    "cumulative_costs",
    "hosting",
    "retune_cost",
    "retune_months",
    "training_cost",
    "training_examples",
]

RETUNE_FIXED_SHARE = 0.25
"""Share of ``fine_tuning_fixed_cost`` a re-tune costs on top of its training run.

The data pipeline and evaluation set already exist; a re-tune still needs the
new data checked, the run evaluated against the baseline and the switch made.
"""


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

    @property
    def monthly_saving(self) -> float:
        """What fine-tuning saves per month (negative when it costs more)."""
        return self.pe_monthly - self.ft_monthly

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


def retune_cost(s: Scenario, examples: float | None = None) -> float:
    """One re-tune: a training run plus ``RETUNE_FIXED_SHARE`` of the fixed cost."""
    return training_cost(s, examples) + RETUNE_FIXED_SHARE * s.fine_tuning_fixed_cost


def retune_months(s: Scenario, start: float = 0.0) -> list[float]:
    """Months after ``start`` and before the horizon's end at which the model is re-tuned.

    One each ``retrain_every_months`` after the first tuning, and one when the
    base model retires (``model_lifetime_months``, when known) if that falls
    after ``start`` and inside the horizon. A month on both lists counts once.
    """
    end = float(s.horizon_months)
    months: set[float] = set()
    if s.retrain_every_months > 0:
        step = float(s.retrain_every_months)
        k = 1
        while start + k * step < end:
            months.add(start + k * step)
            k += 1
    life = float(s.model_lifetime_months)
    if life > 0 and start < life < end:
        months.add(life)
    return sorted(months)


def hosting(s: Scenario) -> tuple[float, float]:
    """(prompted, tuned) fixed monthly hosting; must-stay-internal prices both self-hosted."""
    if s.data_policy is DataPolicy.MUST_STAY_INTERNAL:
        shared = max(s.prompt_hosting_monthly, s.tuned_hosting_monthly)
        return shared, shared
    return s.prompt_hosting_monthly, s.tuned_hosting_monthly


def _break_even(extra_upfront: float, saving: float) -> float | None:
    """Months until a monthly saving repays an extra upfront cost; ``None`` if never."""
    if saving <= 0:
        return None
    months = max(0.0, extra_upfront) / saving
    return months if math.isfinite(months) else None


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
    ft_monthly = s.monthly_requests * (
        (s.tuned_prompt_tokens + s.input_tokens) * s.tuned_price_input
        + s.output_tokens * s.tuned_price_output
    ) / 1e6 + ft_hosting
    training = training_cost(s, examples)
    pe_upfront = s.prompt_engineering_cost
    ft_upfront = training + s.fine_tuning_fixed_cost
    retunes = len(retune_months(s))
    maintenance = retunes * retune_cost(s, examples)
    return Costs(
        pe_monthly=pe_monthly,
        ft_monthly=ft_monthly,
        ft_upfront=ft_upfront,
        break_even_months=_break_even(ft_upfront - pe_upfront, pe_monthly - ft_monthly),
        pe_total=pe_upfront + pe_monthly * s.horizon_months,
        ft_total=ft_upfront + ft_monthly * s.horizon_months + maintenance,
        horizon_months=s.horizon_months,
        pe_upfront=pe_upfront,
        training=training,
        maintenance=maintenance,
        retunes=retunes,
        self_hosted=s.data_policy is DataPolicy.MUST_STAY_INTERNAL,
    )


def cumulative_costs(s: Scenario) -> list[tuple[int, float, float]]:
    """(month, prompting so far, fine-tuning so far) for months 0..horizon, re-tunes included."""
    c = compute_costs(s)
    each = retune_cost(s)
    retunes = retune_months(s)
    return [(m, c.pe_upfront + c.pe_monthly * m,
             c.ft_upfront + c.ft_monthly * m + each * sum(1 for r in retunes if r <= m))
            for m in range(s.horizon_months + 1)]
