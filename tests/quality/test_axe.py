"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation, in light and dark palettes.

Every page of the built site is checked (the 404 and offline pages included, served where
it is deployed so that its absolute links resolve), and the calculator in each
of its states: default, invalid input, loading, failed and live result, the
"Costs and prices" section folded and unfolded, and a comparison with a
pinned result, on a wide and a narrow screen.

The palette follows the visitor's system preference by default, so each
palette is chosen through the context's ``color_scheme`` and checked on the
page before axe runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SiteServer

from .support import (
    CALCULATOR_PAGE,
    ENGINE_TIMEOUT_MS,
    UI_TIMEOUT_MS,
    format_violations,
    open_calculator_live,
    result_count,
    run_axe,
    set_field,
    set_palette,
    site_pages,
    wait_engine,
    wait_live_result,
)

pytestmark = pytest.mark.browser

PALETTES = {"light": "default", "dark": "slate"}


@pytest.fixture(params=sorted(PALETTES))
def palette(request: pytest.FixtureRequest) -> str:
    """``light`` or ``dark``."""
    return str(request.param)


@pytest.fixture
def palette_page(browser: Any, palette: str) -> Iterator[Any]:
    """A fresh page whose system colour scheme selects the palette under test."""
    context = browser.new_context(service_workers="block", color_scheme=palette)
    try:
        yield context.new_page()
    finally:
        context.close()


def _check(page: Any, palette: str, where: str, report: list[str]) -> None:
    set_palette(page, PALETTES[palette])
    violations = run_axe(page)
    if violations:
        report.append(format_violations(f"{where}, {palette}", violations))


@pytest.fixture(scope="session")
def every_page_reports(
    browser: Any, built_site: Path, site_server: SiteServer, prefixed_server: SiteServer
) -> dict[str, tuple[int, list[str]]]:
    """axe's findings on every page in each palette: {palette: (pages, reports)}.

    One visit per page serves both palettes: the page opens with the system
    preference light, is checked, then the preference turns dark (the theme
    follows it as it would on a phone switching to its night mode) and the
    page is checked again. Both tests below read this one crawl (the suite
    runs each test file on one xdist worker, so it is made once).
    """
    context = browser.new_context(service_workers="block", color_scheme="light")
    reports: dict[str, list[str]] = {palette: [] for palette in PALETTES}
    pages = site_pages(built_site)
    try:
        page = context.new_page()
        for path in pages:
            server = prefixed_server if path in ("404.html", "503.html") else site_server
            page.emulate_media(color_scheme="light")
            page.goto(server.page_url(path))
            page.wait_for_load_state("load")
            for palette in ("light", "dark"):
                page.emulate_media(color_scheme=palette)
                _check(page, palette, path or "(overview)", reports[palette])
    finally:
        context.close()
    return {palette: (len(pages), report) for palette, report in reports.items()}


def test_every_page_has_no_violations(
    every_page_reports: dict[str, tuple[int, list[str]]], palette: str
) -> None:
    """Each page, as built, passes axe's WCAG A/AA rules."""
    pages, report = every_page_reports[palette]
    assert pages > 10
    assert not report, f"axe violations on {len(report)} of {pages} pages:\n" + "\n".join(
        report
    )


def test_calculator_states_have_no_violations(
    site_server: SiteServer, palette_page: Any, palette: str
) -> None:
    """The calculator, ready with defaults, with a live result and with invalid input."""
    page = palette_page
    report: list[str] = []
    page.goto(site_server.page_url(CALCULATOR_PAGE))
    wait_engine(page, "ready")
    _check(page, palette, "calculator default", report)

    open_calculator_live(page, site_server.page_url(CALCULATOR_PAGE))
    _check(page, palette, "calculator live result", report)

    before = result_count(page)
    set_field(page, "examples", "abc")
    page.wait_for_function(
        "() => document.getElementById('calculator-result')?.dataset.state === 'stale'"
    )
    invalid = page.locator("#calculator [name='examples']").get_attribute("aria-invalid")
    assert invalid == "true", f"invalid examples field has aria-invalid={invalid!r}"
    assert result_count(page) == before, "an invalid input produced a new result"
    _check(page, palette, "calculator invalid input", report)
    assert not report, "\n".join(report)


def _settle(page: Any) -> None:
    """Wait for transitions to end (the header swaps its title as the page scrolls)."""
    page.wait_for_function(
        "() => document.getAnimations().every((a) => a.playState !== 'running')",
        timeout=UI_TIMEOUT_MS,
    )


def _costs_open(page: Any) -> bool:
    return bool(page.evaluate("() => document.getElementById('calculator-costs').open"))


@pytest.mark.parametrize("width", [390, 1280])
def test_costs_section_and_comparison_have_no_violations(
    browser: Any, site_server: SiteServer, palette: str, width: int
) -> None:
    """Costs and prices folded and unfolded, and A pinned beside the current result."""
    report: list[str] = []
    context = browser.new_context(service_workers="block", color_scheme=palette,
                                  viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        page.goto(site_server.page_url(CALCULATOR_PAGE))
        wait_engine(page, "ready")
        assert not _costs_open(page), "the costs section starts unfolded"
        _check(page, palette, f"calculator costs folded, {width} px", report)
        page.locator("#calculator-costs > summary").click()
        assert _costs_open(page), "clicking its summary did not unfold the costs section"
        _settle(page)
        _check(page, palette, f"calculator costs unfolded, {width} px", report)

        before = result_count(page)
        page.locator("#calculator").get_by_role("button", name="Pin as A").click()
        wait_live_result(page, before)
        before = result_count(page)
        set_field(page, "examples", "50000")
        wait_live_result(page, before)
        assert page.locator("#calculator-result .tp-compare").count() == 1, "no comparison"
        _settle(page)
        _check(page, palette, f"calculator comparison, {width} px", report)
    finally:
        context.close()
    assert not report, "\n".join(report)


def test_calculator_loading_and_failed_have_no_violations(
    browser: Any, site_server: SiteServer, palette: str
) -> None:
    """While the engine loads (its WebAssembly held back) and after it fails (blocked)."""
    report: list[str] = []
    held: list[Any] = []
    context = browser.new_context(service_workers="block", color_scheme=palette)
    try:
        # Never answer the WebAssembly request: the engine stays loading.
        context.route("**/*.wasm", lambda route: held.append(route))
        page = context.new_page()
        with context.expect_event(
            "request", lambda request: request.url.endswith(".wasm"), timeout=ENGINE_TIMEOUT_MS
        ):
            page.goto(site_server.page_url(CALCULATOR_PAGE))
        state = page.evaluate("() => document.getElementById('calculator').dataset.engine")
        assert state == "loading", f"expected the engine to be loading, data-engine={state!r}"
        _check(page, palette, "calculator loading", report)
    finally:
        context.close()

    context = browser.new_context(service_workers="block", color_scheme=palette)
    try:
        context.route("**/*.wasm", lambda route: route.abort())
        page = context.new_page()
        page.goto(site_server.page_url(CALCULATOR_PAGE))
        wait_engine(page, "failed")
        _check(page, palette, "calculator failed", report)
    finally:
        context.close()
    assert not report, "\n".join(report)
