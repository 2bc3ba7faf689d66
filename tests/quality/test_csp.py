"""The site runs under a strict Content-Security-Policy without a single violation.

The policy comes from the build hook that writes ``_headers``, so the policy
tested here is exactly the one published. The browser checks run with the
whole ``_headers`` header set on every response (pages, scripts, workers).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from tests.conftest import SiteServer

from .support import (
    CALCULATOR_PAGE,
    UI_TIMEOUT_MS,
    dumps,
    open_calculator_live,
    run_search,
    site_pages,
    wait_engine,
)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
const record = (event) => window.__cspViolations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ":" + event.lineNumber,
    sample: event.sample,
});
document.addEventListener("securitypolicyviolation", record);
"""

INJECTED = '<img src="x" onerror="window.__injected = 1">'


# --- static checks on the built HTML --------------------------------------


def test_headers_file_publishes_the_tested_policy(
    built_site: Path, site_headers: dict[str, str]
) -> None:
    """``_headers`` carries the same policy the browser tests enforce, for every path."""
    text = (built_site / "_headers").read_text(encoding="utf-8")
    policy = site_headers["Content-Security-Policy"]
    assert f"/*\n  Content-Security-Policy: {policy}\n" in text
    for directive in (
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval'",
        "style-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
    ):
        assert directive in policy, directive
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert re.search(r"^/assets/pyodide/[^/]+/\*\n  Cache-Control: .*immutable", text, re.M)
    assert re.search(r"^/assets/calculator/\*\n  Cache-Control: .*immutable", text, re.M)


def test_only_hashed_theme_scripts_are_inline(built_site: Path, security_module: Any) -> None:
    """Inline scripts are the theme's few (allowed by hash); no handlers, javascript: or style=."""
    hashes = security_module.inline_script_hashes(built_site)
    # The theme keeps a handful of tiny scripts (storage helpers, palette,
    # content tabs), whose text varies only with the page's depth.
    assert 1 <= len(hashes) <= 8, f"unexpected inline scripts: {hashes}"
    problems = security_module.blocked_markup(built_site)
    assert not problems, "\n".join(problems)
    for path in built_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\son[a-z]+\s*=", text), f"inline event handler in {path}"
        assert "javascript:" not in text.lower(), f"javascript: URL in {path}"


# --- the browser, with the policy enforced ---------------------------------


@pytest.fixture
def csp_page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page that records CSP violations (events and console messages)."""
    context = browser.new_context(service_workers="block")
    console: list[str] = []

    def on_console(message: Any) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            console.append(text)

    context.on("console", on_console)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.on("pageerror", lambda error: console.append(f"page error: {error}"))
    try:
        yield page, console
    finally:
        context.close()


def _violations(page: Any) -> list[dict[str, Any]]:
    return list(page.evaluate("() => window.__cspViolations || []"))


@pytest.mark.browser
def test_every_page_and_search_without_violations(
    built_site: Path, csp_server: SiteServer, csp_page: tuple[Any, list[str]]
) -> None:
    """Every page loads, instant navigation swaps pages, and search finds results."""
    page, console = csp_page
    report: dict[str, Any] = {}
    for path in site_pages(built_site):
        if path == "404.html":
            continue
        page.goto(csp_server.page_url(path))
        page.wait_for_load_state("load")
        if violations := _violations(page):
            report[path or "(overview)"] = violations

    # Instant navigation re-runs the theme's inline scripts from fetched HTML.
    page.goto(csp_server.page_url(""))
    next_link = page.locator("a.md-footer__link--next")
    next_link.click()
    page.wait_for_function("() => location.pathname !== '/'", timeout=UI_TIMEOUT_MS)
    page.wait_for_load_state("load")

    # Search runs in the theme's worker and fetches the index.
    run_search(page, "fine-tuning")
    if violations := _violations(page):
        report["instant navigation and search"] = violations
    assert not report and not console, dumps({"violations": report, "console": console})


@pytest.mark.browser
def test_calculator_without_violations(
    csp_server: SiteServer, csp_page: tuple[Any, list[str]]
) -> None:
    """The calculator boots Pyodide in its worker and recomputes under the policy.

    Markup typed into a field or put into the shared link's query must come
    back as text: an injected element would show up here, and its handler as
    a violation.
    """
    page, console = csp_page
    open_calculator_live(page, csp_server.page_url(CALCULATOR_PAGE))
    page.locator("#calculator [name='examples']").fill(INJECTED)
    page.locator("#calculator [name='examples']").dispatch_event("change")
    page.wait_for_function(
        "() => document.getElementById('calculator-result')?.dataset.state === 'stale'"
    )
    page.goto(csp_server.page_url(CALCULATOR_PAGE) + "?examples=" + quote(INJECTED))
    wait_engine(page, "ready")
    injected = page.evaluate(
        "() => [document.querySelectorAll('img[src=\"x\"]').length, window.__injected]"
    )
    violations = _violations(page)
    assert injected == [0, None], f"markup from input reached the page: {injected}"
    assert not violations and not console, dumps({"violations": violations, "console": console})
