"""The single entry point of the browser worker: query string in, page fragments out.

It never raises: bad input becomes field-named messages, so the page can show
them next to the fields and keep the last good result.
"""

from __future__ import annotations

from typing import Any

from .query import decode_query
from .recommend import recommend
from .render import DEFAULT_BASE_URL, render_markdown
from .render_html import render_result_html
from .scenario import ScenarioError

__all__ = ["compute"]


def compute(
    query: str, site_url: str = DEFAULT_BASE_URL, page_prefix: str = "../"
) -> dict[str, Any]:
    """Recompute for a URL query: ``{"ok", "verdict", "html", "markdown", "query", "errors"}``."""
    try:
        scenario = decode_query(str(query))
    except ScenarioError as exc:
        return {"ok": False, "verdict": None, "html": "", "markdown": "", "query": "",
                "errors": exc.errors}
    result = recommend(scenario)
    return {
        "ok": True,
        "verdict": result.verdict.value,
        "html": render_result_html(result, page_prefix),
        "markdown": render_markdown(result, site_url),
        "query": result.share_query,
        "errors": {},
    }
