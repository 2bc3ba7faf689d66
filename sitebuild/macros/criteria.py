"""The "In the calculator" note closing each criterion section of the guidance pages.

Each note names the factor, its weight and rule as the calculator applies them,
and links to a calculator opened on a scenario in which the factor clearly applies.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import Any

import calculator
from sitebuild.macros.text import calculator_module as _module
from sitebuild.macros.text import factor_spec as _spec
from sitebuild.macros.text import field_label as _field_label
from sitebuild.macros.text import number as _n
from sitebuild.macros.text import points as _points
from sitebuild.macros.text import url_encoded_query as _url_encoded_query

__all__ = ["MACROS", "factor_demo_query", "factor_note"]


# A scenario in which each factor clearly fires, built from the defaults and
# the calculator's own thresholds, for "try it" links on the guidance pages.
def _demo_values() -> dict[str, dict[str, object]]:
    factors = _module("factors")
    defaults = calculator.Scenario()
    fixed_cost = float(defaults.fine_tuning_fixed_cost)
    return {
        "quick-iterations": {"deadline_weeks": factors.QUICK_ITERATION_WEEKS},
        "limited-data": {"examples": factors.LIMITED_DATA_THRESHOLD // 4},
        "general-tasks": {"task": "general"},
        "cost-constraints": {"upfront_budget": fixed_cost / 2},
        "experimentation": {"stage": "exploring"},
        "domain-specific-tasks": {"task": "domain-specific", "stage": "scaling"},
        "consistent-outputs": {"consistency": "critical"},
        "large-datasets": {"examples": factors.LARGE_DATASET_THRESHOLD},
        "latency-requirements": {"latency": "critical"},
        "privacy-concerns": {"data_policy": "must-stay-internal"},
        "priced-quality": {"cost_per_error": 0.5, "prompted_error_rate": 0.04,
                           "tuned_error_rate": 0.02},
        "budget": {"monthly_requests": float(defaults.monthly_requests) * 10},
        "timeline": {"deadline_weeks": max(1, factors.fine_tuning_weeks(defaults) - 1)},
        "team-expertise": {"ml_expertise": "none"},
        "evaluation-maturity": {"evals": "none"},
        "knowledge-vs-behaviour": {"gap": "knowledge"},
        "model-lifetime": {"model_lifetime_months": max(1, defaults.horizon_months // 2)},
    }


def factor_demo_query(factor_id: str) -> str:
    """The calculator query of a scenario in which ``factor_id`` clearly applies."""
    demos = _demo_values()
    if factor_id not in demos:
        raise KeyError(f"no demonstration scenario for factor {factor_id!r}")
    return _url_encoded_query(demos[factor_id])


def factor_note(factor_id: str) -> str:
    """The "In the calculator" part closing each criterion section: a heading, then a box.

    The heading gives reviewers an anchor to cite (``#<factor>-in-the-calculator``).
    The box names the factor, its weight and rule as the calculator applies them, and
    links to the factor's row on the methodology page and to the calculator
    opened on a scenario in which the factor applies.
    """
    spec = _spec(factor_id)
    inputs = ", ".join(_field_label(name) for name in spec.inputs)
    query = factor_demo_query(factor_id)
    calc = "calculator.md" + (f"?{query}" if query else "")
    body = (
        f"Factor **{spec.label}**, weight **{_n(spec.weight)}** (up to "
        f"{_points(spec.weight)} of the 100 score points), read from: {inputs}.\n"
        f"Rule: {spec.rule}\n\n"
        f"[How this factor is weighed](methodology.md#factor-{spec.id}) · "
        f"[Open the calculator with this factor in play]({calc})"
    )
    heading = f"### In the calculator {{#{spec.id}-in-the-calculator}}\n\n"
    return (heading + f'!!! abstract "Factor: {spec.label}"\n\n'
            + textwrap.indent(body, "    ") + "\n")


MACROS: tuple[Callable[..., Any], ...] = (
    factor_note,
)
