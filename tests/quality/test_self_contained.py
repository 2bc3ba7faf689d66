"""The site requests nothing from any other origin, and guidance pages never load Pyodide.

Every request of the browser context is recorded (pages, their workers, the
theme's search worker), while every page is opened and the calculator runs
until its engine is ready and has produced a live result.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, SiteServer

from .support import (
    CALCULATOR_PAGE,
    dumps,
    guidance_pages,
    open_calculator_live,
    run_search,
    same_origin,
    site_pages,
)

# Hosts the theme or a careless page could pull in at run time.
OUTSIDE_HOSTS = re.compile(r"fonts\.googleapis|fonts\.gstatic|cdn\.jsdelivr|unpkg\.com|cdnjs")
PYODIDE_BYTES = re.compile(r"/assets/(pyodide|calculator)/|\.wasm$|pyodide")


def _record(context: Any) -> list[str]:
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    return requests


@pytest.mark.browser
def test_crawl_requests_only_the_site_origin(
    browser: Any, built_site: Path, site_server: SiteServer
) -> None:
    """Opening every page (and the calculator until it is live) stays on this origin."""
    context = browser.new_context(service_workers="block")
    requests = _record(context)
    try:
        page = context.new_page()
        for path in site_pages(built_site):
            if path in (CALCULATOR_PAGE, "404.html"):
                continue
            page.goto(site_server.page_url(path))
            page.wait_for_load_state("networkidle")
        # The theme's search worker loads the index on first use.
        run_search(page, "prompt")
        open_calculator_live(page, site_server.page_url(CALCULATOR_PAGE))
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    outside = sorted({url for url in requests if not same_origin(url, site_server.url)})
    assert requests, "no requests were recorded"
    assert not outside, f"requests outside {site_server.url}:\n" + "\n".join(outside)


@pytest.mark.browser
def test_guidance_pages_load_no_pyodide(
    browser: Any, built_site: Path, site_server: SiteServer
) -> None:
    """Each guidance page, opened cold, requests no Pyodide or calculator-engine file."""
    report = {}
    for path in guidance_pages(built_site):
        context = browser.new_context(service_workers="block")
        requests = _record(context)
        try:
            page = context.new_page()
            page.goto(site_server.page_url(path))
            page.wait_for_load_state("networkidle")
        finally:
            context.close()
        engine = [url for url in requests if PYODIDE_BYTES.search(url)]
        if engine:
            report[path or "(overview)"] = engine
    assert not report, dumps(report)


def test_built_files_reference_no_cdn(built_site: Path) -> None:
    """No page, stylesheet or own script points a loading reference at another origin.

    The theme's bundle names CDN addresses for optional features (diagrams,
    polyfills) that it loads only when a page needs them: pages must not use
    those features, which is what the diagram check below guards.
    """
    problems = []
    loading = re.compile(
        r"<(?:script|img|iframe|source|embed)\b[^>]*\bsrc=[\"']?(?:https?:)?//"
        r"|<link\b(?=[^>]*\brel=[\"']?(?:stylesheet|preload|modulepreload|preconnect|icon"
        r"|manifest))[^>]*\bhref=[\"']?(?:https?:)?//",
        re.I,
    )
    for path in sorted(built_site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(built_site).as_posix()
        if match := loading.search(text):
            problems.append(f"{relative}: loads {match.group(0)!r}")
        if found := OUTSIDE_HOSTS.search(text):
            problems.append(f"{relative}: mentions {found.group(0)}")
        if re.search(r"class=[\"'][^\"']*\bmermaid\b", text):
            problems.append(f"{relative}: a mermaid diagram makes the theme fetch it from a CDN")
    for path in sorted(built_site.rglob("*.css")):
        text = path.read_text(encoding="utf-8")
        if re.search(r"@import\s+(url\()?[\"']?(https?:)?//|url\([\"']?(https?:)?//", text):
            problems.append(f"{path.relative_to(built_site)}: loads from another origin")
    for path in sorted((ROOT / "docs").rglob("*.js")):
        if found := OUTSIDE_HOSTS.search(path.read_text(encoding="utf-8")):
            problems.append(f"docs/{path.relative_to(ROOT / 'docs')}: names {found.group(0)}")
    assert not problems, "\n".join(problems)
