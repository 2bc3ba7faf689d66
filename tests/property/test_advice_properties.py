"""Properties of the result's texts and levers over the whole input space.

The cases behind each rule are in tests/calculator/test_advice_cases.py.
"""

from __future__ import annotations

import math
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from calculator import ChangeKind, Scenario, recommend
from calculator.changes import DIRECTIONS
from calculator.schema import FIELDS

from .strategies import realistic_scenarios, scenarios

_NEVER = (
    re.compile(r"\bin never\b"),
    re.compile(r"\bin 0 months?\b|\bwithin 0 months?\b"),
    re.compile(r"saves USD 0 a month"),
    re.compile(r"over (\d+) months?\b.*\bover \1 months?\b"),
    re.compile(r"\d(\.\d+)?e[+-]?\d"),
    re.compile(r"\b1 quality example are\b"),
)
"""Wordings a result must never contain: see each finding's test above."""


@settings(max_examples=60, deadline=None)
@given(st.one_of(scenarios(), realistic_scenarios()))
def test_no_text_reads_wrong(s: Scenario) -> None:
    result = recommend(s)
    texts = [result.summary, result.timeline.summary, *result.warnings, *result.next_steps,
             *(f.explanation for f in result.factors),
             *(c.text for c in result.what_would_change)]
    for text in texts:
        for pattern in _NEVER:
            assert not pattern.search(text), text
    budget = next(f for f in result.factors if f.id == "budget")
    if budget.favours.value == "fine-tuning":
        # The budget factor judges running costs; priced errors are another factor's.
        running = result.costs.running_saving
        assert (result.costs.monthly_saving if running is None else running) > 0


_MONEY = ("pe_monthly", "ft_monthly", "pe_upfront", "training", "ft_upfront", "maintenance",
          "pe_total", "ft_total")


@settings(max_examples=60, deadline=None)
@given(st.one_of(scenarios(), realistic_scenarios()))
def test_levers_move_only_the_way_a_team_would_and_money_is_in_cents(s: Scenario) -> None:
    result = recommend(s)
    choices = {f.name: f.choice_values() for f in FIELDS if f.kind.value == "choice"}
    for change in result.what_would_change:
        way = DIRECTIONS[change.field]
        if change.kind is not ChangeKind.LEVER or way == 0:
            continue
        if change.field in choices:
            order = choices[change.field]
            step = order.index(str(change.to_value)) - order.index(str(change.from_value))
        else:
            step = float(change.to_value) - float(change.from_value)
        assert step * way > 0, change.text
    costs = result.to_dict()["costs"]
    for key in _MONEY:
        value = costs[key]
        assert math.isfinite(value) and value == round(value, 2), (key, value)
