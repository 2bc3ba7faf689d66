"""The single entry point of the browser worker: query string in, page fragments out.

It never raises: bad input becomes field-named messages, so the page can show
them next to the fields and keep the last good result. An unexpected failure
(a bug, never bad input) is reported under the key ``engine`` instead of
escaping into the worker, where it would leave the page waiting.
"""

from __future__ import annotations

from typing import Any

from .compare import join_pin, render_comparison_html, render_comparison_markdown, split_pin
from .query import decode_query, format_value
from .recommend import Result, recommend
from .render import DEFAULT_BASE_URL, render_markdown
from .render_html import render_result_html, source_texts
from .scenario import ScenarioError

__all__ = ["compute"]


def _failure(errors: dict[str, str]) -> dict[str, Any]:
    return {"ok": False, "verdict": None, "html": "", "markdown": "", "query": "",
            "values": {}, "sources": {}, "errors": errors}


def _values(result: Result) -> dict[str, str]:
    """Every input's value as the form shows it (a chosen preset's figures go into the form)."""
    return {name: format_value(value) for name, value in result.scenario.to_dict().items()}


def _pinned(pin: str) -> Result:
    """The pinned scenario's result; its problems are reported under ``pinned``."""
    try:
        return recommend(decode_query(pin))
    except ScenarioError as exc:
        raise ScenarioError({"pinned": "the pinned scenario A is invalid: "
                             + "; ".join(exc.errors.values())}) from exc


def _compare(pinned: Result, result: Result, site_url: str, page_prefix: str) -> dict[str, Any]:
    return {
        "ok": True,
        "verdict": result.verdict.value,
        "html": render_comparison_html(pinned, result, page_prefix)
        + render_result_html(result, page_prefix),
        "markdown": render_comparison_markdown(pinned, result, site_url),
        "query": join_pin(result.share_query, pinned.share_query),
        "pinned": pinned.share_query,
        "values": _values(result),
        "sources": source_texts(result.scenario),
        "errors": {},
    }


def compute(
    query: str, site_url: str = DEFAULT_BASE_URL, page_prefix: str = "../"
) -> dict[str, Any]:
    """Recompute for a URL query: ``{"ok", "verdict", "html", "markdown", "query", "values",
    "errors"}``.

    A ``pin`` parameter (see ``compare``) adds the pinned scenario A: the
    comparison comes first in the HTML and the Markdown, and ``query`` keeps it.
    """
    try:
        current, pin = split_pin(str(query))
        scenario = decode_query(current)
        result = recommend(scenario)
        if pin is not None:
            return _compare(_pinned(pin), result, site_url, page_prefix)
        return {
            "ok": True,
            "verdict": result.verdict.value,
            "html": render_result_html(result, page_prefix),
            "markdown": render_markdown(result, site_url),
            "query": result.share_query,
            # Every input's value as the form shows it, so a chosen preset's figures can
            # be put into the form.
            "values": {name: format_value(value) for name, value in scenario.to_dict().items()},
            # Where each price came from, for the line under its input (rule 8).
            "sources": source_texts(scenario),
            "errors": {},
        }
    except ScenarioError as exc:
        return _failure(exc.errors)
    except Exception as exc:  # a bug, never bad input: say so, but never break the page
        return _failure({"engine": f"engine: the calculator failed ({type(exc).__name__}); "
                                   "please report the link that caused it"})
