"""Macros for the calculator page: the form and the default result, rendered at build time.

They call the very renderers the browser's worker calls, so the page shows a
correct result before (and without) Pyodide. The asset URLs the page's script
needs travel as data attributes: the site has no inline scripts.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from html import escape

import calculator
from calculator.preset_page import preset_page_data
from calculator.query import query_names
from calculator.release import release_version
from calculator.render_html import render_form_html, render_glance_html, render_result_html

# Ten times a cold start on a slow laptop; a larger download on a slow network
# still fits. Past it the page says that live recalculation is unavailable.
ENGINE_TIMEOUT_MS = 45_000

UNINDEXED = "tp-unindexed"
"""A custom element that only marks what the site's search leaves out (``display: contents``)."""


def _prefix(page_url: str) -> str:
    """Relative path from a page's URL to the site root: 'calculator/' -> '../'."""
    depth = page_url.strip("/").count("/") + 1 if page_url.strip("/") else 0
    return "../" * depth


def calculator_widget(page_url: str, site_url: str | None, engine_urls: Mapping[str, str],
                      engine_files: Mapping[str, list[list[object]]]) -> str:
    """The whole calculator: status line, form, copy buttons and result region.

    ``engine_urls`` are the engine's site-relative URLs
    (``sitebuild.engine.asset_urls``), known before the build writes the files.
    """
    prefix = _prefix(page_url)
    extra = engine_urls
    result = calculator.recommend(calculator.Scenario())
    site_url = site_url or calculator.DEFAULT_BASE_URL
    markdown = calculator.render_markdown(result, site_url)
    attrs = {
        "id": "calculator",
        "class": "tp-calculator",
        "data-engine": "loading",
        "data-pyodide": prefix + extra["pyodide_base"],
        "data-archive": prefix + extra["calculator_archive"],
        "data-snapshot": prefix + extra["calculator_snapshot"],
        "data-no-stdlib": prefix + extra["pyodide_no_stdlib"],
        "data-trimmed-stdlib": prefix + extra["pyodide_trimmed_stdlib"],
        "data-site-url": site_url,
        "data-page-prefix": prefix,
        # How long the engine may take to start before the page gives up on it.
        "data-timeout": str(ENGINE_TIMEOUT_MS),
        # Every name a link may give a field by (both spellings) -> the field,
        # so the form reads a link exactly as the engine does.
        "data-query-names": json.dumps(query_names(), separators=(",", ":")),
        # A preset link's figures, filled into the form before the engine is up.
        "data-presets": json.dumps(preset_page_data(), separators=(",", ":")),
        # Each start's files and sizes: the engine's download progress.
        "data-engine-files": json.dumps(engine_files, separators=(",", ":")),
    }
    # Release builds only: "Copy link" names this release, never an alias.
    release = release_version(site_url, calculator.__version__)
    if release:
        attrs["data-release"] = release
    opening = " ".join(f'{k}="{escape(v, quote=True)}"' for k, v in attrs.items())
    return "".join([
        f"<div {opening}>",
        '<p class="tp-status" id="calculator-status" role="status">'
        '<span class="tp-status-text">Live engine loading… Until it is ready, the result '
        "below is the one computed when the site was built, for the default inputs.</span></p>",
        '<noscript><p class="tp-noscript">JavaScript is off, so the result below stays the one '
        "for the default inputs. <strong>Recalculate</strong> puts your inputs into the "
        "address bar; run <code>python -m calculator --query '…'</code> with the part after "
        "<code>?</code> to compute them.</p></noscript>",
        '<p class="tp-query-errors" id="calculator-query-errors" role="alert" hidden></p>',
        '<div class="tp-layout"><div class="tp-inputs">',
        # Narrow screens: the verdict at a glance above the form, kept in step
        # with the result by the page's script (calculator-view.js).
        # The result and its copies are kept out of the search index: their words belong to
        # one scenario, and the guidance pages explain them better. The theme's indexer
        # tells elements apart by tag name only, so an excluded <div> stops being excluded
        # at the first nested </div>: the wrapper is an element nothing else is (see
        # UNINDEXED), laid out as if absent (calculator.css).
        f"<{UNINDEXED} data-search-exclude>",
        '<div class="tp-glance-mirror" id="calculator-glance">',
        '<div class="tp-glance-body"><div class="tp-glance-slot">',
        render_glance_html(result, heading=False),
        '</div><span class="tp-glance-stale">For the last valid inputs</span></div>',
        # Copy link within reach of the thumb: the toolbar sits after the whole form.
        '<div class="tp-glance-actions"><button type="button" class="tp-glance-copy" '
        'data-glance-action="copy-link">Copy link</button>'
        '<a class="tp-glance-link" href="#calculator-result">Full result</a>'
        '<span class="tp-glance-feedback" aria-hidden="true"></span></div></div>',
        f"</{UNINDEXED}>",
        render_form_html(calculator.Scenario()).replace("\n", ""),
        '</div><div class="tp-output">',
        '<div class="tp-toolbar">',
        '<button type="button" class="md-button" data-action="copy-link">Copy link</button> ',
        '<button type="button" class="md-button" data-action="copy-markdown">'
        "Copy as Markdown</button> ",
        '<button type="button" class="md-button" data-action="pin" '
        'aria-describedby="calculator-pin-help">Pin as A</button> ',
        '<span class="tp-pin-help" id="calculator-pin-help" hidden>Keeps this result as A and '
        "shows it next to the result of the inputs you change.</span>",
        '<span class="tp-copy-feedback" role="status"></span></div>',
        '<p class="tp-stale-note" id="calculator-stale" hidden></p>',
        f"<{UNINDEXED} data-search-exclude>",
        f'<section id="calculator-result" class="tp-result-region" data-verdict="'
        f'{escape(result.verdict.value)}" data-source="prerendered" data-state="fresh" '
        'aria-live="polite" aria-label="Result">',
        render_result_html(result, prefix),
        f"</section></{UNINDEXED}>",
        f'<template id="calculator-markdown" data-search-exclude>{escape(markdown)}</template>',
        "</div></div></div>",
    ])


def engine_download_text(files: Mapping[str, list[list[object]]]) -> str:
    """The first visit's engine download, from the build's own figures (never typed by hand).

    The worker chooses the start by the line (calculator-worker.js): the trimmed
    standard library on a slow one, the memory snapshot on a fast one. Sizes are
    what a compressing host sends.
    """

    def megabytes(start: str) -> str:
        return f"{sum(int(str(row[2])) for row in files[start]) / 1e6:.1f} MB"

    return (f"{megabytes('trimmed')} of runtime on a slower connection, or "
            f"{megabytes('snapshot')} on a fast one (a ready-made memory image that starts "
            "sooner when the line is quick)")
