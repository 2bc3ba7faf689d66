"""Quality in money: what fine-tuning must gain per answer, in words.

When fine-tuning costs more over the horizon, the difference spread over every
request is the value each answer must gain for the tune to pay back
(``Costs.value_needed_per_request``). Readers know what a wrong answer costs
them, so the same figure is also said as errors avoided: at the entered
``cost_per_error``, or, when errors are not priced, as the cost per error at
which one fewer error per 100 answers would be enough.
"""

from __future__ import annotations

from .costs import Costs
from .scenario import Scenario
from .wording import months, significant, usd, usd_fine

__all__ = ["ERRORS_PER", "value_needed_text"]

ERRORS_PER = 100
"""Errors are counted per this many answers: "0.8 fewer errors per 100"."""


def _errors(value: float, s: Scenario) -> str:
    """The value needed as errors avoided per 100 answers, or why no error rate reaches it."""
    if s.cost_per_error <= 0:
        per_error = value * ERRORS_PER
        return (f"for example 1 fewer error per {ERRORS_PER} answers where an error costs "
                f"{usd_fine(per_error)}")
    fewer = value / s.cost_per_error * ERRORS_PER
    left = s.tuned_error_rate * ERRORS_PER
    gained = s.tuned_error_rate < s.prompted_error_rate
    beyond = " beyond the gain you entered" if gained else ""
    if fewer > left:
        return (f"which no error rate reaches at {usd_fine(s.cost_per_error)} per error: the "
                f"tuned model would have to avoid {significant(fewer)} more errors per "
                f"{ERRORS_PER}{beyond}, and it makes only {significant(left)}")
    return (f"or {significant(fewer)} fewer errors per {ERRORS_PER}{beyond} at "
            f"{usd_fine(s.cost_per_error)} each")


def value_needed_text(s: Scenario, c: Costs) -> str:
    """One sentence on what each answer must gain; empty when fine-tuning needs no gain."""
    value = c.value_needed_per_request
    if value is None:
        return ""
    return (f"Fine-tuning costs {usd(c.extra_total)} more over {months(c.horizon_months)}: it "
            f"is worth it if each answer is worth {usd_fine(value)} more, {_errors(value, s)}.")
