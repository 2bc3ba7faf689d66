"""The cost model: the design's exact formulas, nothing more.

Prices are USD per million tokens, so every token product is divided by 1e6.
"""

from __future__ import annotations

from dataclasses import dataclass

from .scenario import Scenario

__all__ = ["Costs", "compute_costs", "cumulative_costs", "training_cost"]


@dataclass(frozen=True)
class Costs:
    """Monthly and total costs of both approaches over the horizon, in USD."""

    pe_monthly: float
    ft_monthly: float
    ft_upfront: float
    break_even_months: float | None
    pe_total: float
    ft_total: float
    horizon_months: int

    @property
    def monthly_saving(self) -> float:
        """What fine-tuning saves per month (negative when it costs more)."""
        return self.pe_monthly - self.ft_monthly


def training_cost(s: Scenario, examples: float | None = None) -> float:
    """Training tokens times price, for ``examples`` (the scenario's by default)."""
    count = s.examples if examples is None else examples
    return count * s.training_tokens_per_example * s.epochs * s.training_price / 1e6


def compute_costs(s: Scenario, examples: float | None = None) -> Costs:
    """Apply the published formulas; ``examples`` overrides the training set size."""
    prompt_price = ((1 - s.cached_prompt_share) * s.base_price_input
                    + s.cached_prompt_share * s.base_price_cached_input)
    pe_monthly = s.monthly_requests * (
        s.prompt_tokens * prompt_price
        + s.input_tokens * s.base_price_input
        + s.output_tokens * s.base_price_output
    ) / 1e6
    ft_monthly = s.monthly_requests * (
        (s.tuned_prompt_tokens + s.input_tokens) * s.tuned_price_input
        + s.output_tokens * s.tuned_price_output
    ) / 1e6 + s.tuned_hosting_monthly
    ft_upfront = training_cost(s, examples) + s.fine_tuning_fixed_cost
    break_even = ft_upfront / (pe_monthly - ft_monthly) if pe_monthly > ft_monthly else None
    return Costs(
        pe_monthly=pe_monthly,
        ft_monthly=ft_monthly,
        ft_upfront=ft_upfront,
        break_even_months=break_even,
        pe_total=pe_monthly * s.horizon_months,
        ft_total=ft_upfront + ft_monthly * s.horizon_months,
        horizon_months=s.horizon_months,
    )


def cumulative_costs(s: Scenario) -> list[tuple[int, float, float]]:
    """(month, prompting so far, fine-tuning so far) for months 0..horizon."""
    c = compute_costs(s)
    return [(m, c.pe_monthly * m, c.ft_upfront + c.ft_monthly * m)
            for m in range(s.horizon_months + 1)]
