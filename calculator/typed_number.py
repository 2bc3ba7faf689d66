"""Numbers as a person types them: ``15k``, ``2M``, ``15,000``, ``15 000``, ``$20,000``, ``50%``.

One reader for the form (through the worker), the link and the command line,
so the three never disagree on what a figure means. It is generous with form
and strict with meaning: a shorthand or a grouping that can only mean one
number is read; one that could mean two (``0,40`` is 0.40 in much of Europe
and a mistyped 40 elsewhere) is refused with a hint written for that input.

>>> read_number("1.5M"), read_number("$20,000"), read_number("15 000")
(1500000.0, 20000.0, 15000.0)
>>> read_number("50%", percent=True)
0.5
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

__all__ = ["NumberTextError", "read_number"]

MAX_LENGTH = 40
"""Longer text is not a number anyone typed."""

_MULTIPLIERS = {"k": 1_000, "K": 1_000, "m": 1_000_000, "M": 1_000_000, "": 1}
"""Shorthand suffixes: thousands and millions (``2M`` requests, ``15k`` examples)."""

# Digits in groups of three after the first: "15,000", "15 000" (one separator kind per number).
_GROUPED = r"[0-9]{1,3}(?:(?P<sep>[, ])[0-9]{3})(?:(?P=sep)[0-9]{3})*"
_NUMBER = re.compile(
    r"(?P<sign>[+-]?)(?P<currency>\$?)\s?"
    rf"(?P<digits>(?:{_GROUPED}|[0-9]+)(?:\.[0-9]*)?|\.[0-9]+)"
    r"(?P<exponent>[eE][+-]?[0-9]+)?"
    r"\s?(?P<suffix>[kKmM%]?)"
)
_SPACES = re.compile(r"[\u00a0\u202f\u2009]")
"""No-break, narrow no-break and thin spaces, as spreadsheets group thousands."""


@dataclass(frozen=True)
class NumberTextError(ValueError):
    """Text that is not a number; ``hint`` (possibly empty) says what to write instead."""

    hint: str = ""

    def __str__(self) -> str:
        return self.hint


def _hint(text: str, percent: bool) -> str:
    """Why ``text`` was refused, when its form suggests a likely intention."""
    shown = f"'{text}'"
    if "%" in text and not percent:
        return f"{shown}: a percentage is accepted only on shares and rates; write the number"
    decimal_comma = re.fullmatch(r"([+-]?\$?[0-9]*),([0-9]{1,2})\s?([kKmM%]?)", text)
    if decimal_comma:
        whole, fraction, suffix = decimal_comma.groups()
        written = f"{whole or '0'}.{fraction}{suffix}"
        if percent and not suffix:
            share = Decimal(f"{whole or '0'}.{fraction}".lstrip("$")) * 100
            written += f" (or {share.normalize():f}%)"
        return (f"{shown} is ambiguous: a comma only groups thousands (15,000); for a "
                f"decimal write {written}")
    if re.fullmatch(r"[0-9]{1,3}(?:\.[0-9]{3}){2,}", text):
        return (f"{shown} is ambiguous: group thousands with commas or spaces "
                f"({text.replace('.', ',')}) and use a point only for decimals")
    if re.search(r"[0-9][, ][0-9]", text):
        return f"{shown}: commas and spaces group thousands in threes (15,000 or 15 000)"
    if re.search(r"[0-9]\s*(?:bn|b|B|g|G|t|T)$", text):
        return f"{shown}: shorthand is k for thousands and M for millions (2M, 15k)"
    return ""


def read_number(raw: str, *, percent: bool = False) -> float:
    """The number ``raw`` spells, or ``NumberTextError`` with a hint when there is one.

    ``percent`` allows a trailing ``%`` (``50%`` is 0.5): only on fields that
    hold a share or a rate. Exponents (``1e6``) stay accepted because links and
    spreadsheets produce them, but never together with a shorthand suffix.
    """
    text = _SPACES.sub(" ", raw.strip())
    if len(text) > MAX_LENGTH:
        raise NumberTextError("")
    match = _NUMBER.fullmatch(text)
    if match is None or (match["suffix"] == "%" and not percent) \
            or (match["suffix"] and match["exponent"]) \
            or (match["currency"] and match["suffix"] == "%"):
        raise NumberTextError(_hint(text, percent))
    digits = match["digits"].replace(",", "").replace(" ", "")
    try:
        # Decimal keeps "1.1k" at exactly 1100 and "7%" at exactly 0.07.
        exact = Decimal(match["sign"] + digits + (match["exponent"] or ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimal text
        raise NumberTextError("") from None
    suffix = match["suffix"]
    scaled = exact / 100 if suffix == "%" else exact * _MULTIPLIERS[suffix]
    return float(scaled)


def is_whole_text(raw: str) -> bool:
    """True when ``raw`` has no exponent: whole-number fields refuse ``1e3`` (a typed count
    is never written that way, so it is more likely a slip than a shorthand)."""
    return "e" not in raw.lower()
