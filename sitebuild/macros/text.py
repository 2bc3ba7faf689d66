"""How the page macros write numbers, table cells and links: the way the calculator does.

Shared by the macro modules, so a number on a guidance page reads exactly as
the calculator prints it, and a link to a criterion is the Markdown source
file with its anchor (which MkDocs' strict build checks).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

import calculator

TIMES = "\N{MULTIPLICATION SIGN}"


def calculator_module(name: str) -> ModuleType:
    """A submodule of ``calculator`` (``calculator.recommend`` is also a function name)."""
    return importlib.import_module(f"calculator.{name}")


def number(value: float) -> str:
    """Numbers as the calculator prints them: thousands grouped, no needless ``.0``."""
    formatter: Callable[[float], str] = calculator_module("schema").format_number
    return formatter(value)


def usd(value: float) -> str:
    """A whole amount of US dollars: ``USD 1,234``."""
    return "USD " + number(round(value))


def cell(text: object) -> str:
    """Text made safe for a Markdown table cell."""
    escaper: Callable[[str], str] = calculator_module("render").escape_markdown
    return escaper(str(text))


def url_encoded_query(values: Mapping[str, object]) -> str:
    """The calculator's share query for the defaults with ``values`` changed."""
    scenario = calculator.parse_scenario(dict(values))
    return str(calculator.encode_query(scenario))


def page_source(site_path: str) -> str:
    """The Markdown file of a site path: ``'prompt-engineering/'`` -> ``'prompt-engineering.md'``.

    Every guidance page sits at the top of ``docs/``, so the file is also the
    relative link from any other page.
    """
    stem = site_path.strip("/")
    if "/" in stem:
        raise ValueError(f"expected a top-level page path such as 'decision/', got {site_path!r}")
    return f"{stem or 'index'}.md"


def factor_source(factor_id: str) -> str:
    """``'limited-data'`` -> ``'prompt-engineering.md#limited-data'``."""
    if factor_id not in calculator.FACTOR_PAGES:
        known = ", ".join(calculator.FACTOR_PAGES)
        raise KeyError(f"unknown factor id {factor_id!r}; known ids: {known}")
    return f"{page_source(calculator.FACTOR_PAGES[factor_id])}#{factor_id}"


def factor_spec(factor_id: str) -> Any:
    """The calculator's specification of a factor; an unknown id names the known ones."""
    for spec in calculator.FACTOR_SPECS:
        if spec.id == factor_id:
            return spec
    known = ", ".join(spec.id for spec in calculator.FACTOR_SPECS)
    raise KeyError(f"unknown factor id {factor_id!r}; known ids: {known}")


def field_label(name: str) -> str:
    """The form label of a calculator input."""
    return str(calculator.FIELD_BY_NAME[name].label)


def points(weight: float) -> str:
    """A weight as the most score points it can move (the score runs to +/-100)."""
    scale = float(calculator_module("verdict").SCORE_SCALE)
    return number(round(100.0 * weight / scale, 1))
