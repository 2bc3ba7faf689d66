"""Tables of the calculator's inputs and the sources of their figures.

The vendors' training-set minimums, the cost and price defaults with the page
and date each was checked on, and every input's default and accepted range.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import calculator
from sitebuild.macros.text import cell as _cell
from sitebuild.macros.text import number as _n

__all__ = ["MACROS", "input_defaults_table", "price_sources_table", "vendor_minimums_table"]


def vendor_minimums_table() -> str:
    """Vendors' published minimum and recommended training-set sizes, with sources."""
    rows = ["| Provider | A job accepts from | Recommended to start | Source |",
            "| --- | --- | --- | --- |"]
    for vendor in calculator.VENDOR_MINIMUMS:
        accepts = "not stated" if vendor.minimum is None else f"{_n(vendor.minimum)} examples"
        rows.append(f"| {_cell(vendor.vendor)} | {accepts} | "
                    f"{_cell(vendor.recommended)} | {_source_cell(vendor.source)} |")
    return "\n".join(rows) + "\n"


def _source_cell(source: str) -> str:
    """A source citation with its URL made a link (the rest escaped)."""
    words = []
    for word in source.split(" "):
        bare = word.rstrip(",.;:")
        if bare.startswith(("https://", "http://")):
            words.append(f"<{bare}>{word[len(bare):]}")
        else:
            words.append(_cell(word))
    return " ".join(words)


def _default_text(field: Any) -> str:
    value = field.default
    shown = _n(value) if isinstance(value, int | float) else f"`{value}`"
    return f"{shown} {field.unit}".strip()


def price_sources_table() -> str:
    """Every cost and price default with its source and the date it was checked."""
    rows = ["| Input | Default | Source |", "| --- | --- | --- |"]
    cited = [field for field in calculator.FIELDS if field.source]
    if not cited:
        raise ValueError("no calculator field cites a source; the price table would be empty")
    for field in cited:
        rows.append(f"| {_cell(field.label)} (`{field.name}`) | {_cell(_default_text(field))} | "
                    f"{_source_cell(field.source)} |")
    return "\n".join(rows) + "\n"


def input_defaults_table() -> str:
    """Every input with its default and accepted range, grouped as on the form."""
    rows = ["| Group | Input | Field | Default | Accepts |", "| --- | --- | --- | --- | --- |"]
    for field in calculator.FIELDS:
        rows.append(
            f"| {_cell(field.group.value)} | {_cell(field.label)} | `{field.name}` | "
            f"{_cell(_default_text(field))} | {_cell(field.describe_range())} |"
        )
    return "\n".join(rows) + "\n"


MACROS: tuple[Callable[..., Any], ...] = (
    input_defaults_table,
    price_sources_table,
    vendor_minimums_table,
)
