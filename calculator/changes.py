"""What would change the verdict: the smallest single-input changes, found by search.

Nothing here is hand-written per field. For every field of the schema the
search tries candidate values (every other choice; for numbers a ladder of
multiples within the field's bounds), keeps the smallest one that flips the
verdict, narrows it by bisection to the turning point, and then picks the
roundest number near that point that still flips, because "5,000" is a more
useful answer than "4,987.3".

Sizes are comparable across fields: a number's change counts log10 of the
ratio (ten times more or less counts 1), and one step along a choice counts
``CHOICE_STEP``, about the same as tripling a number.
The search only calls ``verdict_of``, never ``recommend``, so it cannot recurse.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from typing import Any

from .factors import LARGE_DATASET_THRESHOLD, LIMITED_DATA_THRESHOLD, QUICK_ITERATION_WEEKS
from .query import encode_query
from .scenario import Scenario
from .schema import FIELDS, Field, FieldKind, format_number
from .verdict import Verdict, verdict_of

__all__ = ["MAX_CHANGES", "Change", "search_changes"]

MAX_CHANGES = 5
"""How many flipping changes a result lists."""

CHOICE_STEP = 0.5
"""Size of one step along a choice field, about the same as tripling a number."""
_FACTORS = (1.1, 1.25, 1.5, 2.0, 3.0, 5.0, 10.0, 30.0, 100.0, 1_000.0, 10_000.0)
"""Multipliers tried upward and downward from the current value."""
_LANDMARKS: dict[str, tuple[float, ...]] = {
    "examples": (LIMITED_DATA_THRESHOLD, LARGE_DATASET_THRESHOLD),
    "deadline_weeks": (QUICK_ITERATION_WEEKS,),
}
"""Values where a factor is known to turn, tried in addition to the ladder."""
_BISECT_STEPS = 24
_UNKNOWN_ZERO = frozenset({"model_lifetime_months"})
"""Fields where 0 means "unknown, no limit", so the search starts from the top."""
_NOT_SEARCHED = frozenset({"preset", "as_of"})
"""Which figures to use, not facts about the feature: never offered as a change."""


@dataclass(frozen=True)
class Change:
    """One single-input change that would flip the verdict."""

    field: str
    from_value: int | float | str
    to_value: int | float | str
    new_verdict: Verdict
    text: str
    query: str
    size: float = 0.0


def _with(s: Scenario, name: str, value: Any) -> Scenario:
    """``s`` with one field set to an already-valid value (enum fields by their string).

    A shallow copy of the instance dict: the search builds hundreds of these per
    call, and ``dataclasses.replace`` re-runs ``__init__`` for each, several
    times slower. Values come from the schema's own bounds, so nothing is lost.
    """
    current = getattr(s, name)
    new = object.__new__(Scenario)
    new.__dict__.update(s.__dict__)
    object.__setattr__(new, name, type(current)(value) if isinstance(current, Enum) else value)
    return new


def _size(old: float, new: float) -> float:
    """How big a numeric change is: |log10(new / old)|, with 0 handled as a full step."""
    if old > 0 and new > 0:
        return abs(math.log10(new / old))
    if old == new:
        return 0.0
    return 1.0 + math.log10(1.0 + abs(new - old)) / 100.0


def _bounds(field: Field) -> tuple[float, float]:
    low = field.minimum if field.minimum is not None else 0.0
    high = field.maximum if field.maximum is not None else 0.0
    return low, high


def _valid(field: Field, value: float) -> bool:
    low, high = _bounds(field)
    above = value > low if field.minimum_exclusive else value >= low
    return above and value <= high and (field.kind is not FieldKind.INT or value.is_integer())


def _typed(field: Field, value: float) -> int | float:
    return int(value) if field.kind is FieldKind.INT else float(value)


def _ladder(field: Field, old: float) -> list[float]:
    """Candidate values, smallest change first."""
    low, high = _bounds(field)
    values: set[float] = {low, high, *_LANDMARKS.get(field.name, ())}
    if old > 0:
        for factor in _FACTORS:
            values.update((old * factor, old / factor))
    else:
        values.update(10.0 ** k for k in range(-2, 11))
        values.update(2 * 10.0 ** k for k in range(-2, 10))
        values.update(5 * 10.0 ** k for k in range(-2, 10))
    out = set()
    for value in values:
        if field.kind is FieldKind.INT:
            value = float(round(value))
        if value != old and _valid(field, value):
            out.add(value)
    return sorted(out, key=lambda v: (_size(old, v), v))


def _flips(s: Scenario, field: Field, value: float, verdict: Verdict) -> Verdict | None:
    new = verdict_of(_with(s, field.name, _typed(field, value)))
    return new if new is not verdict else None


def _round_toward(value: float, digits: int, upward: bool) -> float:
    """``value`` rounded to ``digits`` significant digits, up or down."""
    if value == 0:
        return 0.0
    scale = 10.0 ** (math.floor(math.log10(abs(value))) - digits + 1)
    rounded = (math.ceil if upward else math.floor)(value / scale) * scale
    return float(round(rounded, 12))


def _turning_point(s: Scenario, field: Field, keep: float, flip: float,
                   verdict: Verdict) -> float:
    """Bisect between a value that keeps the verdict and one that flips it."""
    is_int = field.kind is FieldKind.INT
    for _ in range(_BISECT_STEPS):
        if is_int and abs(flip - keep) <= 1:
            break
        if not is_int and abs(flip - keep) <= 1e-4 * max(abs(flip), abs(keep), 1e-6):
            break
        mid = (keep + flip) / 2
        if is_int:
            mid = float(math.floor(mid) if flip < keep else math.ceil(mid))
            if mid in (keep, flip):
                break
        if _flips(s, field, mid, verdict):
            flip = mid
        else:
            keep = mid
    return flip


def _roundest(s: Scenario, field: Field, start: float, flip: float,
              verdict: Verdict) -> float:
    """The roundest value at most a quarter further than ``flip`` that still flips."""
    upward = flip > start
    reach = abs(flip - start) * 1.25
    for digits in (1, 2, 3):
        value = _round_toward(flip, digits, upward)
        if field.kind is FieldKind.INT:
            value = float(math.ceil(value) if upward else math.floor(value))
        if (abs(value - start) <= reach and _valid(field, value)
                and _flips(s, field, value, verdict)):
            return value
    return flip


def _numeric_change(s: Scenario, field: Field, old: float,
                    verdict: Verdict) -> tuple[float, float, Verdict] | None:
    """(size, value, new verdict) of the smallest flipping change to a number, if any."""
    start = old
    if field.name in _UNKNOWN_ZERO and old == 0:
        start = _bounds(field)[1] + 1  # "unknown" behaves like "later than anything"
    for candidate in _ladder(field, start):
        if candidate == old:
            continue
        if _flips(s, field, candidate, verdict):
            point = _turning_point(s, field, start, candidate, verdict)
            value = _roundest(s, field, start, point, verdict)
            new = _flips(s, field, value, verdict)
            if new is None or value == old:  # pragma: no cover - guarded by bisection
                continue
            size = 1.0 if start != old else _size(old, value)
            return size, value, new
    return None


def _choice_change(s: Scenario, field: Field, old: str,
                   verdict: Verdict) -> tuple[float, str, Verdict] | None:
    values = field.choice_values()
    best: tuple[float, str, Verdict] | None = None
    for choice in values:
        if choice == old:
            continue
        new = verdict_of(_with(s, field.name, choice))
        distance = CHOICE_STEP * abs(values.index(choice) - values.index(old))
        if new is not verdict and (best is None or distance < best[0]):
            best = (distance, choice, new)
    return best


def _shown(field: Field, value: int | float | str) -> str:
    if isinstance(value, str):
        return field.choice_label(value)
    return format_number(round(value, 4) if isinstance(value, float) else value)


def search_changes(s: Scenario, verdict: Verdict) -> tuple[Change, ...]:
    """The smallest single-input changes that flip ``verdict``, smallest first."""
    found: list[Change] = []
    current = s.to_dict()
    for field in FIELDS:
        if field.name in _NOT_SEARCHED:
            continue
        old = current[field.name]
        best: tuple[float, Any, Verdict] | None
        if field.kind is FieldKind.CHOICE:
            best = _choice_change(s, field, str(old), verdict)
        else:
            best = _numeric_change(s, field, float(old), verdict)
        if best is None:
            continue
        size, value, new = best
        value = value if isinstance(value, str) else _typed(field, value)
        unit = f" {field.unit}" if field.unit else ""
        text = (f"{field.label}: {_shown(field, old)} → {_shown(field, value)}{unit} "
                f"would give {new.short}.")
        found.append(Change(field.name, old, value, new, text,
                            encode_query(_with(s, field.name, value)), size))
    found.sort(key=lambda change: change.size)  # stable: schema order breaks ties
    return tuple(found[:MAX_CHANGES])
