"""Whether a tune can happen on the chosen option when the plan needs it (rule 9).

A plan is a path only if every step exists on its date. A tune (or re-tune) on
an option closed to new customers, or after the day the option stops taking
tunes, is not a step anyone can take: the verdict must not rest on it, and the
result names an option that is open instead.

Kept apart so that the verdict, the plan and the explanations ask the same
question in one way.
"""

from __future__ import annotations

from datetime import date, timedelta

from .presets import (
    PRESET_BY_ID,
    Preset,
    closed_to_new,
    last_tune_day,
    open_alternative,
)
from .scenario import Scenario

__all__ = ["DAYS_PER_MONTH", "alternative", "month_date", "tune_closed"]

DAYS_PER_MONTH = 365.25 / 12
"""Days in an average month, to put a plan's month on the calendar."""


def month_date(s: Scenario, month: float) -> date:
    """The calendar day ``month`` months after ``as_of``."""
    return date.fromisoformat(s.as_of) + timedelta(days=round(month * DAYS_PER_MONTH))


def _preset(s: Scenario) -> Preset | None:
    return PRESET_BY_ID.get(s.preset) if s.preset else None


def tune_closed(s: Scenario, month: float) -> str | None:
    """Why a tune done ``month`` months after ``as_of`` is not a path on the option
    (``None`` when it is, or when no preset names the option).

    A team new to the platform is assumed: a platform closed to new customers by
    the tune's day is closed to the reader, and so is a day on or after the
    option's last tune day.
    """
    preset = _preset(s)
    if preset is None:
        return None
    day = month_date(s, month)
    closed = closed_to_new(preset, day)
    if closed is not None:
        return (f"{preset.provider} is closed to new customers: {closed.what.lower()} since "
                f"{closed.when.isoformat()}")
    last = last_tune_day(preset)
    if last is not None and month_date(s, month) >= last:
        return (f"{preset.provider} takes no tune after {last.isoformat()}, and this plan "
                f"needs one on {month_date(s, month).isoformat()}")
    return None


def alternative(s: Scenario) -> Preset | None:
    """An option open to a new team on ``as_of`` to name when the chosen one is not a path."""
    preset = _preset(s)
    if preset is None:
        return None
    return open_alternative(preset, date.fromisoformat(s.as_of))
