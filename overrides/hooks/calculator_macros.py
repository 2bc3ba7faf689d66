"""Macros for the calculator page: the form and the default result, rendered at build time.

They call the very renderers the browser's worker calls, so the page shows a
correct result before (and without) Pyodide. The asset URLs the page's script
needs travel as data attributes: the site has no inline scripts.
"""

from __future__ import annotations

from html import escape
from typing import Any

import calculator
from calculator.render_html import render_form_html, render_result_html


def _prefix(page_url: str) -> str:
    """Relative path from a page's URL to the site root: 'calculator/' -> '../'."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth


def calculator_widget(page_url: str, config: Any) -> str:
    """The whole calculator: status line, form, copy buttons and result region."""
    prefix = _prefix(page_url)
    extra = config["extra"]
    result = calculator.recommend(calculator.Scenario())
    site_url = config.get("site_url") or calculator.DEFAULT_BASE_URL
    markdown = calculator.render_markdown(result, site_url)
    attrs = {
        "id": "calculator",
        "class": "tp-calculator",
        "data-engine": "loading",
        "data-pyodide": prefix + extra["pyodide_base"],
        "data-archive": prefix + extra["calculator_archive"],
        "data-site-url": site_url,
        "data-page-prefix": prefix,
    }
    opening = " ".join(f'{k}="{escape(v, quote=True)}"' for k, v in attrs.items())
    return "".join([
        f"<div {opening}>",
        '<p class="tp-status" id="calculator-status" role="status">'
        '<span class="tp-status-text">The result below is computed for the default inputs. '
        "The live engine is loading…</span></p>",
        '<p class="tp-query-errors" id="calculator-query-errors" role="alert" hidden></p>',
        '<div class="tp-layout"><div class="tp-inputs">',
        render_form_html(calculator.Scenario()).replace("\n", ""),
        '</div><div class="tp-output">',
        '<div class="tp-toolbar">',
        '<button type="button" class="md-button" data-action="copy-link">Copy link</button> ',
        '<button type="button" class="md-button" data-action="copy-markdown">'
        "Copy as Markdown</button> ",
        '<span class="tp-copy-feedback" role="status"></span></div>',
        '<p class="tp-stale-note" id="calculator-stale" hidden>Some inputs are invalid: the '
        "result below is for the last valid inputs.</p>",
        f'<section id="calculator-result" class="tp-result-region" data-verdict="'
        f'{escape(result.verdict.value)}" data-source="prerendered" data-state="fresh" '
        'aria-live="polite" aria-label="Result">',
        render_result_html(result, prefix),
        "</section>",
        f'<template id="calculator-markdown">{escape(markdown)}</template>',
        "</div></div></div>",
    ])


def register(env: Any) -> None:
    """Expose this module's macros to the pages."""

    @env.macro  # type: ignore[misc]
    def calculator_page() -> str:
        """The calculator widget for the page being rendered."""
        return calculator_widget(env.page.url, env.conf)
