"""Numbers in sentences: counts with the right plural, money, weeks and months.

Every explanation of a result goes through these helpers, so "1 week",
"2 weeks", "USD 8,090" and "never within 10 years" read the same everywhere
and no text shows a count of months nobody could plan with.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .schema import format_number

__all__ = [
    "NEVER_MONTHS",
    "count",
    "join",
    "months",
    "number",
    "significant",
    "usd",
    "usd_fine",
    "weeks",
]

NEVER_MONTHS = 120
"""Beyond ten years a month count is shown as "never within 10 years"."""


def number(value: float) -> str:
    """A plain number: whole numbers grouped, others to one decimal, tiny ones as '0'.

    >>> number(1500.0), number(2.96), number(1e-300)
    ('1,500', '3', '0')
    """
    if not math.isfinite(value):
        return "an unbounded number"
    rounded = round(value, 1) if abs(value) < 10 else round(value)
    if rounded == 0:
        return "0"
    return format_number(float(rounded))


def count(value: float, singular: str, plural: str | None = None) -> str:
    """'1 week', '2 weeks', '1,000 quality examples'; the plural adds 's' unless given.

    >>> count(1, "month"), count(2.0, "month"), count(1, "quality example")
    ('1 month', '2 months', '1 quality example')
    """
    shown = number(value)
    word = singular if shown == "1" else (plural or singular + "s")
    return f"{shown} {word}"


def usd(value: float) -> str:
    """'USD 8,090', rounded to whole dollars (cents only below 10, never a bare 'USD 0').

    >>> usd(8090.4), usd(2.5), usd(0.001)
    ('USD 8,090', 'USD 2.50', 'less than USD 0.01')
    """
    if not math.isfinite(value):
        return "an unbounded amount"
    if 0 < abs(value) < 0.005:
        return "less than USD 0.01"
    if abs(value) < 10 and round(value, 2) != round(value):
        return f"USD {value:,.2f}"
    return "USD " + format_number(float(round(value)) + 0.0)


def weeks(value: float) -> str:
    """A duration in whole or half weeks: 2.9997 -> '3 weeks', 1.4 -> '1.5 weeks'.

    >>> weeks(2.9997), weeks(1.0), weeks(1.3)
    ('3 weeks', '1 week', '1.5 weeks')
    """
    if not math.isfinite(value):
        return "an unbounded number of weeks"
    halves = round(value * 2) / 2
    if halves == 0 and value > 0:
        return "under half a week"
    shown = format_number(float(halves))
    return f"{shown} {'week' if halves == 1 else 'weeks'}"


def months(value: float | None) -> str:
    """A duration in months for a plan: one decimal below 10, whole above, capped at ten years.

    >>> months(3.04), months(1), months(2_135_376.8), months(None)
    ('3 months', '1 month', 'never within 10 years', 'never')
    """
    if value is None:
        return "never"
    if not math.isfinite(value) or value > NEVER_MONTHS:
        return "never within 10 years"
    return count(value, "month")


def join(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(words)
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def significant(value: float, digits: int = 2) -> str:
    """A small positive amount to ``digits`` significant digits, never in exponent form.

    >>> significant(0.000437), significant(0.8), significant(12.34), significant(1234.5)
    ('0.00044', '0.8', '12', '1,235')
    """
    if not math.isfinite(value) or value <= 0:
        return "0"
    if value >= 10 ** (digits - 1):
        return format_number(float(round(value)))
    places = digits - 1 - math.floor(math.log10(value))
    return f"{value:.{places}f}".rstrip("0").rstrip(".")


def usd_fine(value: float) -> str:
    """A per-request amount: 'USD 0.00044', two significant digits; whole dollars from 10."""
    return "USD " + significant(value)
