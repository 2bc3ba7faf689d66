"""A worked reference scenario for the tests that pin numbers by hand.

The tests of the cost model and of the rules were written on a scenario whose
prices make the trade-off interesting (a tuned model dearer per token than its
base, a training price that matters). Those figures are kept here as an
explicit reader's entry, with no preset, so the tests keep guarding the
formulas and rules whatever the calculator's default option is. The tuned
cached-input price equals the tuned input price, so the v3 formula gives the
v2 numbers exactly.
"""

from __future__ import annotations

from typing import Any

from calculator import Scenario
from calculator.scenario import ENUMS

REFERENCE_PRICES: dict[str, Any] = {
    "preset": "", "base_price_input": 0.40, "base_price_cached_input": 0.10,
    "base_price_output": 1.60, "prompt_hosting_monthly": 0.0, "tuned_price_input": 0.80,
    "tuned_price_cached_input": 0.80, "tuned_price_output": 3.20, "training_price": 5.0,
    "tuned_hosting_monthly": 0.0,
}


def reference(**changes: Any) -> Scenario:
    """The reference scenario with ``changes`` (choice fields given as their strings)."""
    values = {**REFERENCE_PRICES, **changes}
    return Scenario(**{k: ENUMS[k](v) if k in ENUMS else v for k, v in values.items()})
