"""The cost model, pinned to numbers worked out by hand."""

from __future__ import annotations

import pytest

from calculator import Scenario, compute_costs, cumulative_costs


def test_defaults_by_hand() -> None:
    c = compute_costs(Scenario())
    # 200,000 x (1,500 x (0.5 x 2.00 + 0.5 x 0.50) + 800 x 2.00 + 250 x 8.00) / 1e6
    assert c.pe_monthly == pytest.approx(200_000 * (1_875 + 1_600 + 2_000) / 1e6)  # 1,095
    # 200,000 x ((150 + 800) x 0.80 + 250 x 3.20) / 1e6 + 0
    assert c.ft_monthly == pytest.approx(312.0)
    # 640 x 1,200 x 3 x 5.00 / 1e6 + 8,000
    assert c.ft_upfront == pytest.approx(8_011.52)
    assert c.break_even_months == pytest.approx(8_011.52 / 783)
    assert c.pe_total == pytest.approx(1_095 * 12)
    assert c.ft_total == pytest.approx(8_011.52 + 312 * 12)
    assert c.horizon_months == 12


def test_a_second_hand_computed_case() -> None:
    s = Scenario(monthly_requests=1_000_000, prompt_tokens=1_000, cached_prompt_share=0.0,
                 input_tokens=500, output_tokens=100, base_price_input=1.0,
                 base_price_output=4.0, tuned_prompt_tokens=0, tuned_price_input=0.5,
                 tuned_price_output=2.0, tuned_hosting_monthly=100, examples=10_000,
                 training_tokens_per_example=500, epochs=2, training_price=10.0,
                 fine_tuning_fixed_cost=0, horizon_months=24)
    c = compute_costs(s)
    assert c.pe_monthly == pytest.approx(1e6 * (1_000 + 500 + 400) / 1e6)  # 1,900
    assert c.ft_monthly == pytest.approx(1e6 * (250 + 200) / 1e6 + 100)  # 550
    assert c.ft_upfront == pytest.approx(10_000 * 500 * 2 * 10 / 1e6)  # 100
    assert c.break_even_months == pytest.approx(100 / 1_350)
    assert c.ft_total == pytest.approx(100 + 550 * 24)


def test_no_break_even_when_tuning_costs_more_per_month() -> None:
    c = compute_costs(Scenario(tuned_hosting_monthly=5_000))
    assert c.break_even_months is None


def test_equal_monthly_costs_never_break_even() -> None:
    s = Scenario(monthly_requests=0)
    assert compute_costs(s).break_even_months is None


def test_cumulative_costs_start_and_end_at_the_totals() -> None:
    s = Scenario()
    points = cumulative_costs(s)
    c = compute_costs(s)
    assert points[0] == (0, 0.0, pytest.approx(c.ft_upfront))
    assert points[-1][0] == s.horizon_months
    assert points[-1][1] == pytest.approx(c.pe_total)
    assert points[-1][2] == pytest.approx(c.ft_total)
