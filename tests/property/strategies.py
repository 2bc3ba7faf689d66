"""Hypothesis strategies derived from the schema, shared by the property tests."""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

from hypothesis import strategies as st

from calculator import FIELDS, FieldKind, Scenario, parse_scenario
from calculator.schema import Field

_TINY = (5e-324, sys.float_info.min, 1e-300, 1e-12)
"""Subnormal and tiny positive floats: the values that once divided by zero."""


def _edges(field: Field) -> list[float]:
    """Every number at the edge of a field's range that it accepts."""
    low, high = field.minimum or 0.0, field.maximum or 0.0
    values = [high, high * (1 - 1e-12), low + 1.0, -0.0, 0.0, low, *(low + t for t in _TINY)]
    if field.kind is FieldKind.INT:
        values = [float(round(v)) for v in values]
    out: list[float] = []
    for value in values:
        above = value > low if field.minimum_exclusive else value >= low
        if above and value <= high and repr(value) not in map(repr, out):
            out.append(value)
    return out


def field_value(name: str) -> st.SearchStrategy[Any]:
    """Any valid value of one field: bounds, zeros, subnormals and huge values included."""
    field = next(f for f in FIELDS if f.name == name)
    if field.kind is FieldKind.CHOICE:
        return st.sampled_from(field.choice_values())
    if field.kind is FieldKind.DATE:
        # Every preset is still offered up to this day, so any preset may go with any date.
        return st.dates(date(2024, 1, 1), date(2027, 1, 5)).map(date.isoformat)
    low, high = field.minimum or 0.0, field.maximum or 0.0
    if field.kind is FieldKind.INT:
        return st.one_of(st.integers(int(low), int(high)),
                         st.sampled_from([int(v) for v in _edges(field)]))
    return st.one_of(st.floats(low, high, exclude_min=field.minimum_exclusive, allow_nan=False),
                     st.sampled_from(_edges(field)))


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """Any valid scenario."""
    return parse_scenario({f.name: draw(field_value(f.name)) for f in FIELDS})


@st.composite
def realistic_scenarios(draw: st.DrawFn) -> Scenario:
    """Any valid scenario, with numbers drawn mostly from the ranges real teams use."""
    s = draw(scenarios())
    if draw(st.booleans()):
        return s
    return parse_scenario({
        "examples": draw(st.integers(0, 200_000)),
        "examples_per_month": draw(st.integers(0, 5_000)),
        "deadline_weeks": draw(st.floats(0.5, 52)),
        "upfront_budget": draw(st.floats(0, 500_000)),
        "monthly_requests": draw(st.floats(0, 50_000_000)),
        "prompt_tokens": draw(st.floats(0, 8_000)),
        "horizon_months": draw(st.integers(1, 36)),
        "model_lifetime_months": draw(st.integers(0, 36)),
        "retrain_every_months": draw(st.integers(0, 24)),
    }, base=s)


raw_values = st.one_of(
    st.text(max_size=30), st.integers(), st.floats(), st.booleans(), st.none(),
    st.sampled_from(["1,000", " 12 ", "nan", "inf", "0x1F", "1e400", "-0", "1,00", "<b>",
                     "5e-324", "-0.0", "1e-320"]),
)
