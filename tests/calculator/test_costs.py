"""The cost model, pinned to numbers worked out by hand (design §2, version 2)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from calculator import DataPolicy, compute_costs, cumulative_costs
from calculator.costs import (
    MATERIAL_SHARE,
    MIGRATION_FIXED_SHARE,
    RETUNE_FIXED_SHARE,
    TYPICAL_LIFE_MONTHS,
    _maintenance,
    filled_hosting_side,
    hosting,
    migration_months,
    net_saving,
    pays_back,
    retune_cost,
    retune_months,
    training_cost,
)
from tests.calculator.reference import reference


def test_defaults_by_hand() -> None:
    c = compute_costs(reference())
    # Like for like: the prompted model is the tuned model's own base (GPT-4.1 mini).
    # 200,000 x (1,500 x (0.5 x 0.40 + 0.5 x 0.10) + 800 x 0.40 + 250 x 1.60) / 1e6 + 0
    assert c.pe_monthly == pytest.approx(200_000 * (375 + 320 + 400) / 1e6)  # 219
    # 200,000 x ((150 + 800) x 0.80 + 250 x 3.20) / 1e6 + 0
    assert c.ft_monthly == pytest.approx(312.0)
    # 640 x 1,200 x 3 x 5.00 / 1e6 = 11.52, + 8,000
    assert c.training == pytest.approx(11.52)
    assert c.ft_upfront == pytest.approx(8_011.52)
    assert c.pe_upfront == 4_000
    assert c.break_even_months is None  # the tuned model costs more each month
    assert c.pe_total == pytest.approx(4_000 + 219 * 12)
    assert c.maintenance == 0 and c.retunes == 0
    assert c.ft_total == pytest.approx(8_011.52 + 312 * 12)
    assert c.horizon_months == 12


def test_a_second_hand_computed_case() -> None:
    s = reference(monthly_requests=1_000_000, prompt_tokens=1_000, cached_prompt_share=0.0,
                 input_tokens=500, output_tokens=100, base_price_input=1.0,
                 base_price_output=4.0, tuned_prompt_tokens=0, tuned_price_input=0.5,
                 tuned_price_output=2.0, tuned_hosting_monthly=100, examples=10_000,
                 training_tokens_per_example=500, epochs=2, training_price=10.0,
                 fine_tuning_fixed_cost=0, horizon_months=24, prompt_engineering_cost=50,
                 prompt_hosting_monthly=10)
    c = compute_costs(s)
    assert c.pe_monthly == pytest.approx(1e6 * (1_000 + 500 + 400) / 1e6 + 10)  # 1,910
    assert c.ft_monthly == pytest.approx(1e6 * (250 + 200) / 1e6 + 100)  # 550
    assert c.ft_upfront == pytest.approx(10_000 * 500 * 2 * 10 / 1e6)  # 100
    assert c.break_even_months == pytest.approx((100 - 50) / 1_360)
    assert c.pe_total == pytest.approx(50 + 1_910 * 24)
    assert c.ft_total == pytest.approx(100 + 550 * 24)


def test_training_set_is_subsampled_to_the_largest_run() -> None:
    """More data than one run uses costs no more to train on: nobody trains on all of it."""
    capped = reference(examples=1_000_000, max_training_examples=10_000)
    assert compute_costs(capped).training == pytest.approx(10_000 * 1_200 * 3 * 5 / 1e6)
    assert compute_costs(capped) == compute_costs(reference(examples=10_000))


def test_break_even_is_zero_when_tuning_costs_no_more_upfront() -> None:
    s = reference(fine_tuning_fixed_cost=0, prompt_engineering_cost=10_000,
                 base_price_input=2.0, base_price_output=8.0)
    c = compute_costs(s)
    assert c.monthly_saving > 0 and c.break_even_months == 0


def test_no_break_even_when_tuning_costs_more_per_month() -> None:
    c = compute_costs(reference(tuned_hosting_monthly=5_000))
    assert c.break_even_months is None


def test_equal_monthly_costs_never_break_even() -> None:
    s = reference(monthly_requests=0)
    assert compute_costs(s).break_even_months is None


def test_maintenance_prices_cadence_and_recurring_retirements() -> None:
    """One re-tune each retrain_every_months, and a migration at every retirement: the
    known one, then the successor's after the typical model life (rule 10)."""
    s = reference(examples=5_000, horizon_months=24, retrain_every_months=6,
                 model_lifetime_months=9)
    assert TYPICAL_LIFE_MONTHS == 12
    assert migration_months(s) == [9.0, 21.0]
    assert retune_months(s) == [6.0, 9.0, 12.0, 18.0, 21.0]
    routine = training_cost(s) + RETUNE_FIXED_SHARE * s.fine_tuning_fixed_cost
    move = training_cost(s) + MIGRATION_FIXED_SHARE * s.fine_tuning_fixed_cost
    assert retune_cost(s) == pytest.approx(5_000 * 1_200 * 3 * 5 / 1e6 + 2_000)
    assert retune_cost(s, migration=True) == pytest.approx(5_000 * 1_200 * 3 * 5 / 1e6 + 4_000)
    c = compute_costs(s)
    assert c.retunes == 5
    assert c.maintenance == pytest.approx(3 * routine + 2 * move)
    assert c.ft_total == pytest.approx(c.ft_upfront + c.ft_monthly * 24 + c.maintenance)


def test_a_retirement_forces_one_migration_and_successors_live_a_typical_life() -> None:
    """A base retiring in 4 months forces one move; its successor retires 12 months later,
    not every 4 months (rule 10)."""
    s = reference(horizon_months=24, model_lifetime_months=4)
    assert retune_months(s) == [4.0, 16.0]
    assert compute_costs(s).retunes == 2
    assert retune_months(reference(horizon_months=12, model_lifetime_months=1)) == [1.0]


def test_a_migration_costs_more_than_a_routine_re_tune() -> None:
    assert MIGRATION_FIXED_SHARE > RETUNE_FIXED_SHARE


def test_a_retirement_on_a_cadence_month_counts_once_and_none_after_the_horizon() -> None:
    s = reference(horizon_months=24, retrain_every_months=6, model_lifetime_months=12)
    assert retune_months(s) == [6.0, 12.0, 18.0]
    fixed = s.fine_tuning_fixed_cost
    assert compute_costs(s).maintenance == pytest.approx(
        3 * training_cost(s) + (2 * RETUNE_FIXED_SHARE + MIGRATION_FIXED_SHARE) * fixed)
    assert retune_months(reference(horizon_months=12, model_lifetime_months=12)) == []
    assert retune_months(reference(horizon_months=12, retrain_every_months=12)) == []
    assert compute_costs(reference()).maintenance == 0


def test_maintenance_counts_the_re_tunes_retune_months_lists() -> None:
    """Maintenance counts re-tunes without listing them; it must price the listed ones.

    Every cadence and lifetime against horizons and switch months that are
    whole, fractional and on the edge of a cadence month.
    """
    cases = 0
    for horizon in (1, 5, 12, 24, 37, 120):
        for every in (0, 1, 2, 3, 5, 6, 7, 12, 24, 120):
            for life in (0, 1, 3, 4, 6, 9, 12, 18, 120):
                s = reference(examples=5_000, horizon_months=horizon,
                             retrain_every_months=every, model_lifetime_months=life)
                for start in (0.0, 0.5, 1.0, 1 / 3, 2.3, 4.0, 5.999, 6.0, 6.1, 7.25,
                              11.9, horizon - 0.1, float(horizon)):
                    moves = len(migration_months(s, start))
                    routine = len(retune_months(s, start)) - moves
                    fixed = s.fine_tuning_fixed_cost
                    expected = (moves * (1_000 + MIGRATION_FIXED_SHARE * fixed)
                                + routine * (1_000 + RETUNE_FIXED_SHARE * fixed))
                    assert _maintenance(s, 1_000, start) == pytest.approx(expected), (
                        horizon, every, life, start)
                    cases += 1
    assert cases == 6 * 10 * 9 * 13


def test_must_stay_internal_fills_only_a_hosting_side_left_at_zero() -> None:
    """Privacy favours self-hosting: a prompted model left at 0 pays the tuned one's hosting."""
    cloud = reference(tuned_hosting_monthly=3_000)
    internal = reference(tuned_hosting_monthly=3_000, data_policy=DataPolicy.MUST_STAY_INTERNAL)
    assert compute_costs(internal).pe_monthly == pytest.approx(
        compute_costs(cloud).pe_monthly + 3_000)
    assert compute_costs(internal).ft_monthly == pytest.approx(compute_costs(cloud).ft_monthly)
    assert compute_costs(internal).self_hosted and not compute_costs(cloud).self_hosted
    assert filled_hosting_side(internal) == "prompt_hosting_monthly"


def test_must_stay_internal_keeps_both_entered_hosting_figures() -> None:
    """A prompted 70B on USD 12,000 and a tuned 8B on USD 4,000 keep their own figures."""
    s = reference(data_policy=DataPolicy.MUST_STAY_INTERNAL, prompt_hosting_monthly=12_000,
                 tuned_hosting_monthly=4_000)
    assert hosting(s) == (12_000, 4_000)
    assert filled_hosting_side(s) is None
    tuned_blank = reference(data_policy=DataPolicy.MUST_STAY_INTERNAL,
                           prompt_hosting_monthly=6_000)
    assert hosting(tuned_blank) == (6_000, 6_000)
    assert filled_hosting_side(tuned_blank) == "tuned_hosting_monthly"


def test_a_saving_must_be_material_to_pay_back() -> None:
    """A positive saving under MATERIAL_SHARE of prompting's total is no pay-back."""
    # Same prices both sides, nothing upfront: the only saving is the shorter prompt.
    same = reference(tuned_price_input=0.4, tuned_price_output=1.6, fine_tuning_fixed_cost=0,
                    training_price=0, prompt_engineering_cost=0, cached_prompt_share=0,
                    input_tokens=1_000, output_tokens=0, tuned_prompt_tokens=0)
    small = replace(same, prompt_tokens=30)  # 30 of 1,030 tokens: a 2.9% saving
    c = compute_costs(small)
    assert 0 < net_saving(small, c, 0.0) < MATERIAL_SHARE * c.pe_total
    assert not pays_back(small, c)
    large = replace(same, prompt_tokens=100)  # 100 of 1,100 tokens: 9.1%
    assert pays_back(large, compute_costs(large))


def test_a_break_even_after_the_retirement_never_pays_back() -> None:
    """Saving enough over the horizon is not enough if the upfront cost is repaid only after
    the base model retires: the migration comes first."""
    s = reference(examples=5_000, monthly_requests=3_000_000, prompt_tokens=2_000,
                 tuned_prompt_tokens=100, cached_prompt_share=0.3, horizon_months=24,
                 fine_tuning_fixed_cost=8_000, prompt_engineering_cost=0,
                 tuned_price_input=0.4, tuned_price_output=1.6)
    c = compute_costs(s)
    assert c.break_even_months is not None and 1 < c.break_even_months < 24
    assert pays_back(s, c)
    short = replace(s, model_lifetime_months=math.floor(c.break_even_months))
    assert not pays_back(short, compute_costs(short))


def test_cumulative_costs_start_and_end_at_the_totals() -> None:
    for s in (reference(), reference(horizon_months=24, retrain_every_months=5)):
        points = cumulative_costs(s)
        c = compute_costs(s)
        assert points[0] == (0, pytest.approx(c.pe_upfront), pytest.approx(c.ft_upfront))
        assert points[-1][0] == s.horizon_months
        assert points[-1][1] == pytest.approx(c.pe_total)
        assert points[-1][2] == pytest.approx(c.ft_total)
