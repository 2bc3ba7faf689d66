"""Hypothesis strategies derived from the schema, shared by the property tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from hypothesis import strategies as st

from calculator import FIELDS, FieldKind, Scenario, parse_scenario


def field_value(name: str) -> st.SearchStrategy[Any]:
    """Any valid value of one field, bounds included."""
    field = next(f for f in FIELDS if f.name == name)
    if field.kind is FieldKind.CHOICE:
        return st.sampled_from(field.choice_values())
    if field.kind is FieldKind.DATE:
        # Every preset is still offered up to this day, so any preset may go with any date.
        return st.dates(date(2024, 1, 1), date(2027, 1, 5)).map(date.isoformat)
    low, high = field.minimum or 0.0, field.maximum or 0.0
    if field.kind is FieldKind.INT:
        return st.integers(int(low), int(high))
    return st.floats(low, high, exclude_min=field.minimum_exclusive, allow_nan=False)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    """Any valid scenario."""
    return parse_scenario({f.name: draw(field_value(f.name)) for f in FIELDS})


raw_values = st.one_of(
    st.text(max_size=30), st.integers(), st.floats(), st.booleans(), st.none(),
    st.sampled_from(["1,000", " 12 ", "nan", "inf", "0x1F", "1e400", "-0", "1,00", "<b>"]),
)
