"""MkDocs hook: no section tracking in the address bar on pages that keep state in it.

The theme's ``navigation.tracking`` writes the heading being read into the
address (``#how-it-runs``). On the calculator page the address is the
result's link: a colleague who opens a URL copied from the address bar should
land on the result, not on an explanation below it. The theme tracks the
headings of the page's table of contents, so a page whose front matter sets
``calculator: true`` (its table of contents is hidden anyway) gets an empty
one; its headings keep their ids and permalinks, and search still indexes
its sections (the search plugin has read the page before this hook runs).
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.toc import TableOfContents


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    """Empty the table of contents of a calculator page (nothing left to track)."""
    if page.meta.get("calculator"):
        page.toc = TableOfContents([])
        context["toc"] = page.toc
    return context
