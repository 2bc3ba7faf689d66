"""The budget factor has no cliff at a zero monthly saving.

A tuned model that saves a cent a month and never repays its upfront cost must
not pull harder toward prompting than one that costs a cent more: otherwise a
cheaper prompted model would pull toward fine-tuning. (More traffic may rightly
pull either way: it grows whichever side is dearer per request.)
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from calculator import Scenario, compute_costs
from calculator.factors import FACTOR_SPECS, factor_signals

from .strategies import realistic_scenarios

BUDGET = [spec.id for spec in FACTOR_SPECS].index("budget")


def budget(s: Scenario) -> float:
    return factor_signals(s, compute_costs(s))[BUDGET]


@settings(max_examples=150, deadline=None)
@given(realistic_scenarios(), st.floats(min_value=1.01, max_value=20))
def test_a_dearer_prompted_model_never_pulls_the_budget_toward_prompting(
        s: Scenario, factor: float) -> None:
    """A dearer prompted model (input, cached and output alike) never lowers a budget signal
    that does not pay back."""
    assume(budget(s) <= 0)
    dearer = replace(s, base_price_input=s.base_price_input * factor,
                     base_price_cached_input=s.base_price_cached_input * factor,
                     base_price_output=s.base_price_output * factor)
    assert budget(dearer) >= budget(s) - 1e-9


def _scaled(s: Scenario, k: float) -> Scenario:
    return replace(s, base_price_input=s.base_price_input * k,
                   base_price_cached_input=s.base_price_cached_input * k,
                   base_price_output=s.base_price_output * k)


@settings(max_examples=200, deadline=None)
@given(realistic_scenarios())
def test_no_cliff_where_the_monthly_saving_crosses_zero(s: Scenario) -> None:
    """Just above a zero monthly saving the budget pulls no harder toward prompting than
    just below it: the prompted model's prices are scaled to where both bills meet."""
    s = replace(s, cost_per_error=0.0)
    c = compute_costs(s)
    tokens = c.pe_monthly - compute_costs(_scaled(s, 0.0)).pe_monthly
    assume(tokens > 0)
    k = (c.ft_monthly - (c.pe_monthly - tokens)) / tokens
    assume(k > 0)
    assert budget(_scaled(s, k * 1.01)) >= budget(_scaled(s, k * 0.99)) - 1e-9
