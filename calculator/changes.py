"""What would change the verdict: the smallest single-input changes, found by search.

Each searchable field is either a *lever* the team controls (budget, deadline,
data collection, evals, skills, prompt length, model choice and prices) or a
*fact* that would change the call (task, gap, stage, volume...), and has a
sensible range around its current value: a prompt ten times longer or a price
thirty times higher is no answer, and a sentinel such as "0 = unknown" is
never proposed. A lever is only moved the way a team would move it: more
data, budget, time, evals and skills, a shorter prompt, cheaper models. "Lose
your ML engineer" or "throw away your data" is not advice. Fields that only
tune the model (epochs, tokens per training example, the horizon) are not
searched.

For every searched field the search tries candidate values (every other
choice; for numbers a ladder of multiples inside the range), keeps the
smallest one that flips the verdict, narrows it by bisection to the turning
point, and then picks the roundest number near that point that still flips,
because "5,000" is a more useful answer than "4,987.3".

Sizes are comparable across fields: a number's change counts log10 of the
ratio (ten times more or less counts 1), and one step along a choice counts
``CHOICE_STEP``, about the same as tripling a number.
The search only calls ``verdict_of``, never ``recommend``, so it cannot recurse.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from .factors import LARGE_DATASET_THRESHOLD, LIMITED_DATA_THRESHOLD, QUICK_ITERATION_WEEKS
from .query import encode_query
from .scenario import Scenario
from .schema import FIELDS, Field, FieldKind, format_number
from .verdict import Verdict, verdict_of

__all__ = ["KINDS", "MAX_CHANGES", "MAX_FACTS", "Change", "ChangeKind", "search_changes"]

MAX_CHANGES = 6
"""How many flipping changes a result lists at most, levers first."""
MAX_FACTS = 2
"""How many of them may be facts rather than levers."""


class ChangeKind(StrEnum):
    """Whether a change is in the team's hands or a different situation altogether."""

    LEVER = "lever"
    FACT = "fact"


_Range = Callable[[float], tuple[float, float]]


def _ratio(low: float, high: float, floor: float = 0.0) -> _Range:
    """A range from ``low`` to ``high`` times the current value (at least up to ``floor``)."""
    return lambda old: (old * low, max(old * high, floor))


def _fixed(low: float, high: float) -> _Range:
    """An absolute range, widened to include the current value."""
    return lambda old: (min(low, old), max(high, old))


_L, _F = ChangeKind.LEVER, ChangeKind.FACT
_UP, _DOWN, _BOTH = 1, -1, 0
_SEARCH: dict[str, tuple[ChangeKind, _Range | None, int]] = {
    "examples": (_L, _ratio(0.0, 10.0, 20_000), _UP),
    "examples_per_month": (_L, _ratio(0.0, 10.0, 1_000), _UP),
    "task": (_F, None, _BOTH),
    "gap": (_F, None, _BOTH),
    "stage": (_F, None, _UP),  # a validated use case does not go back to exploring
    "consistency": (_F, None, _BOTH),
    "latency": (_F, None, _BOTH),
    "data_policy": (_F, None, _BOTH),
    "deadline_weeks": (_L, _fixed(1.0, 52.0), _UP),
    "upfront_budget": (_L, _ratio(0.0, 10.0, 100_000), _UP),
    "model_lifetime_months": (_F, _ratio(0.25, 4.0), _BOTH),
    "retrain_every_months": (_L, _ratio(0.25, 4.0), _BOTH),
    "ml_expertise": (_L, None, _UP),
    "domain_expertise": (_L, None, _UP),
    "evals": (_L, None, _UP),
    "monthly_requests": (_F, _ratio(0.1, 10.0), _BOTH),
    "prompt_tokens": (_L, _ratio(0.1, 2.0), _DOWN),
    "cached_prompt_share": (_L, _fixed(0.0, 1.0), _UP),
    "base_price_input": (_L, _ratio(0.1, 3.0), _DOWN),
    "base_price_output": (_L, _ratio(0.1, 3.0), _DOWN),
    "tuned_price_input": (_L, _ratio(0.1, 3.0), _DOWN),
    "tuned_price_output": (_L, _ratio(0.1, 3.0), _DOWN),
    "fine_tuning_fixed_cost": (_L, _ratio(0.25, 4.0), _DOWN),
    "max_training_examples": (_L, _ratio(0.1, 10.0), _BOTH),
    # Quality in money: what an error costs is a fact of the business; the tuned model's
    # error rate is what better training data and a pilot tune work on.
    "cost_per_error": (_F, _ratio(0.1, 10.0, 100.0), _BOTH),
    "prompted_error_rate": (_F, _fixed(0.0, 1.0), _BOTH),
    "tuned_error_rate": (_L, _fixed(0.0, 1.0), _DOWN),
}
"""Searched fields: lever or fact, the range a proposal must stay in (None: a choice), and
the direction a team would move it (up, down, or either for facts and neutral levers)."""
KINDS: dict[str, ChangeKind] = {name: kind for name, (kind, _, _) in _SEARCH.items()}
DIRECTIONS: dict[str, int] = {name: way for name, (_, _, way) in _SEARCH.items()}
"""+1: only ever proposed higher; -1: only lower; 0: either way."""
"""Every searched field's kind, for renderers that group the changes."""
_MODEL_PRICES = frozenset({"base_price_input", "base_price_output", "tuned_price_input",
                           "tuned_price_output"})
"""Price fields whose lower values mean choosing a smaller or cheaper model."""
_NO_ZERO = frozenset({"model_lifetime_months", "retrain_every_months"})
"""Fields where 0 is a sentinel ("unknown", "never"): never searched from or proposed."""

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
_GRAIN = {"deadline_weeks": 0.5}
"""Fields proposed in steps of this size (half weeks), the way people plan them."""


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
    kind: ChangeKind = ChangeKind.LEVER


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
        ratio = new / old
        if ratio == 0 or not math.isfinite(ratio):  # subnormal against huge: a giant step
            return 400.0
        return abs(math.log10(ratio))
    if old == new:
        return 0.0
    return 1.0 + math.log10(1.0 + abs(new - old)) / 100.0


def _bounds(field: Field) -> tuple[float, float]:
    low = field.minimum if field.minimum is not None else 0.0
    high = field.maximum if field.maximum is not None else 0.0
    return low, high


def _valid(field: Field, value: float, span: tuple[float, float] | None = None) -> bool:
    """``value`` is accepted by the schema and, when given, inside the sensible ``span``."""
    low, high = _bounds(field)
    above = value > low if field.minimum_exclusive else value >= low
    if span is not None and not span[0] <= value <= span[1]:
        return False
    if field.name in _NO_ZERO and value == 0:
        return False
    return above and value <= high and (field.kind is not FieldKind.INT or value.is_integer())


def _typed(field: Field, value: float) -> int | float:
    return int(value) if field.kind is FieldKind.INT else float(value)


def _ladder(field: Field, old: float, span: tuple[float, float]) -> list[float]:
    """Candidate values inside ``span`` and in the field's direction, smallest change first."""
    values: set[float] = {*span, *_LANDMARKS.get(field.name, ())}
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
        way = DIRECTIONS.get(field.name, _BOTH)
        if value != old and _valid(field, value, span) and (value - old) * way >= 0:
            out.add(value)
    return sorted(out, key=lambda v: (_size(old, v), v))


def _flips(s: Scenario, field: Field, value: float, verdict: Verdict) -> Verdict | None:
    new = verdict_of(_with(s, field.name, _typed(field, value)))
    return new if new is not verdict else None


def _round_toward(value: float, digits: int, upward: bool) -> float:
    """``value`` rounded to ``digits`` significant digits, up or down."""
    if value == 0 or not math.isfinite(value):
        return 0.0 if value == 0 else value
    scale = 10.0 ** (math.floor(math.log10(abs(value))) - digits + 1)
    if scale == 0 or not math.isfinite(scale):  # subnormal or huge: leave it as it is
        return value
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
              verdict: Verdict, span: tuple[float, float]) -> float:
    """The roundest value at most a quarter further than ``flip`` that still flips."""
    upward = flip > start
    reach = abs(flip - start) * 1.25
    grain = _GRAIN.get(field.name)
    if grain:
        value = (math.ceil if upward else math.floor)(flip / grain) * grain
        if _valid(field, value, span) and _flips(s, field, value, verdict):
            return float(value)
    for digits in (1, 2, 3, 4):
        value = _round_toward(flip, digits, upward)
        if field.kind is FieldKind.INT:
            value = float(math.ceil(value) if upward else math.floor(value))
        if (abs(value - start) <= reach and _valid(field, value, span)
                and _flips(s, field, value, verdict)):
            return value
    return flip


def _numeric_change(s: Scenario, field: Field, old: float,
                    verdict: Verdict) -> tuple[float, float, Verdict] | None:
    """(size, value, new verdict) of the smallest flipping change to a number, if any."""
    spec = _SEARCH.get(field.name)
    if spec is None or spec[1] is None or (field.name in _NO_ZERO and old == 0):
        return None
    span = spec[1](old)
    for candidate in _ladder(field, old, span):
        if _flips(s, field, candidate, verdict):
            point = _turning_point(s, field, old, candidate, verdict)
            value = _roundest(s, field, old, point, verdict, span)
            new = _flips(s, field, value, verdict)
            if new is None or value == old:  # pragma: no cover - guarded by bisection
                continue
            return _size(old, value), value, new
    return None


def _choice_change(s: Scenario, field: Field, old: str,
                   verdict: Verdict) -> tuple[float, str, Verdict] | None:
    values = field.choice_values()
    best: tuple[float, str, Verdict] | None = None
    way = DIRECTIONS.get(field.name, _BOTH)
    for choice in values:
        if choice == old or (values.index(choice) - values.index(old)) * way < 0:
            continue
        new = verdict_of(_with(s, field.name, choice))
        distance = CHOICE_STEP * abs(values.index(choice) - values.index(old))
        if new is not verdict and (best is None or distance < best[0]):
            best = (distance, choice, new)
    return best


def _shown(field: Field, value: int | float | str) -> str:
    if isinstance(value, str):
        return field.choice_label(value)
    if isinstance(value, float) and 0 < abs(value) < 1e-4:
        return "almost 0"
    return format_number(round(value, 4) if isinstance(value, float) else value)


def search_changes(s: Scenario, verdict: Verdict) -> tuple[Change, ...]:
    """The smallest single-input changes that flip ``verdict``: levers first, then facts."""
    found: list[Change] = []
    current = s.to_dict()
    for field in FIELDS:
        if field.name not in _SEARCH:
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
        hint = (" (a smaller or cheaper model)"
                if field.name in _MODEL_PRICES and not isinstance(value, str)
                and value < float(old) else "")
        text = (f"{field.label}: {_shown(field, old)} → {_shown(field, value)}{unit}{hint} "
                f"would give {new.short}.")
        found.append(Change(field.name, old, value, new, text,
                            encode_query(_with(s, field.name, value)), size,
                            KINDS[field.name]))
    found.sort(key=lambda change: change.size)  # stable: schema order breaks ties
    facts = [c for c in found if c.kind is ChangeKind.FACT][:MAX_FACTS]
    levers = [c for c in found if c.kind is ChangeKind.LEVER][:MAX_CHANGES - len(facts)]
    return tuple(levers + facts)
