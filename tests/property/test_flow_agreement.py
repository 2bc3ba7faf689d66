"""Rule: the overview's decision flow and ``recommend()`` agree for every scenario."""

from __future__ import annotations

from hypothesis import given, settings

from calculator import Scenario, recommend
from calculator.flow import walk

from .strategies import scenarios


@settings(max_examples=150, deadline=None)
@given(scenarios())
def test_flow_and_calculator_agree_everywhere(s: Scenario) -> None:
    """Whatever the inputs, the flow ends where the calculator's verdict is."""
    assert walk(s)[1] is recommend(s).verdict
