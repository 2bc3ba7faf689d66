"""A link's page holds the theme's script until its first live result.

The theme's bundle does about 170 ms of main-thread work at load, and on a
2-core machine that slows a returning reader's engine start by about as much
(overrides/partials/calculator-head.html). So on a calculator link the head
script holds it until the link's first live result, the reader's first touch,
key or scroll, or 1.5 s after navigation. These tests pin that the theme is
held, that it is let go on each of those, that it then works (its keyboard
shortcut opens search), and that the bare address loads it as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SiteServer
from tests.throttled_host import Line, serve_line

pytestmark = pytest.mark.browser

LINK = "calculator/?examples=60000&examples_per_month=2000&consistency=critical"
THEME_AT_LATEST_MS = 1500
# The theme's bundle sets window.document$ as the last step of running.
RECORDER = """
(() => {
  window.__theme = {};
  const check = () => {
    if (window.__theme.ranAt === undefined && typeof window.document$ !== "undefined") {
      window.__theme.ranAt = performance.now();
    }
  };
  setInterval(check, 5);
  document.addEventListener("DOMContentLoaded", () => {
    check();
    window.__theme.ranByDcl = window.__theme.ranAt !== undefined;
  }, { once: true });
})();
"""
SHEETS = """() => performance.getEntriesByType("resource")
  .filter((entry) => /[.]css$/.test(entry.name)).map((entry) => entry.name)"""
RUNNABLE_THEME = 'script[src*="/assets/javascripts/bundle."]:not([type])'


@pytest.fixture(scope="module")
def bare_host(built_site: Path) -> Iterator[SiteServer]:
    """A host that sends no caching headers: a file the page asks for again is fetched again."""
    with serve_line(built_site, Line(0, 0)) as server:
        yield server


def open_page(browser: Any, server: SiteServer, path: str, hold_engine: bool = False) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  service_workers="block")
    context.add_init_script(RECORDER)
    if hold_engine:
        held: list[Any] = []  # requests never answered: the engine never starts
        context.route(re.compile(r".*/pyodide\.asm\.wasm$"), lambda route: held.append(route))
    page = context.new_page()
    page.goto(server.page_url(path), wait_until="domcontentloaded")
    return page


def assert_theme_works(page: Any) -> None:
    """The theme started: it has seen the document loaded (its components mount then:
    a theme run after DOMContentLoaded and not told so mounts none), and its
    shortcut "s" puts the focus in the search box."""
    page.wait_for_function("() => window.__theme.ranAt !== undefined", timeout=30_000)
    page.wait_for_timeout(100)
    mounted = page.evaluate("""() => {
      let seen = false;
      window.document$.subscribe(() => { seen = true; }).unsubscribe();
      return seen;
    }""")
    assert mounted, "the theme never saw the document loaded: its components are not mounted"
    page.keyboard.press("s")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.matches('.md-search__input')",
        timeout=5_000)


def test_a_link_holds_the_theme_until_its_first_live_result(
        browser: Any, bare_host: SiteServer) -> None:
    page = open_page(browser, bare_host, LINK)
    try:
        assert page.evaluate("window.__theme.ranByDcl") is False
        page.wait_for_selector("#calculator-result[data-source=live]", timeout=120_000)
        page.wait_for_function("() => window.__theme.ranAt !== undefined", timeout=30_000)
        live = page.evaluate(
            "performance.getEntriesByName('calculator:first-live-result')[0].startTime")
        ran = page.evaluate("window.__theme.ranAt")
        assert ran >= min(live, THEME_AT_LATEST_MS), (ran, live)
        assert page.locator(RUNNABLE_THEME).count() == 1
        assert page.locator('script[type="text/x-held"]').count() == 0
        assert_theme_works(page)
        # The theme rewrites the page's relative URLs when it starts; done late, that
        # would fetch every stylesheet again.
        sheets = page.evaluate(SHEETS)
        assert sheets and len(sheets) == len(set(sheets)), sheets
    finally:
        page.context.close()


def test_a_key_lets_the_theme_go_at_once(browser: Any, site_server: SiteServer) -> None:
    page = open_page(browser, site_server, LINK, hold_engine=True)
    try:
        before = page.evaluate(
            f"() => [performance.now(), document.querySelectorAll('{RUNNABLE_THEME}').length]")
        assert before[0] < THEME_AT_LATEST_MS, "the page loaded too slowly to tell"
        assert before[1] == 0, "the theme's script was not held"
        # The header's search box shows meanwhile, as on a page whose theme has run.
        assert page.evaluate("document.documentElement.classList.contains('js')")
        assert page.locator(".md-search__form").is_visible()
        page.keyboard.press("Shift")
        at = page.evaluate(
            f"() => [performance.now(), document.querySelectorAll('{RUNNABLE_THEME}').length]")
        assert at[1] == 1 and at[0] < THEME_AT_LATEST_MS, at
        assert_theme_works(page)
        assert page.get_attribute("#calculator", "data-engine") == "loading"
    finally:
        page.context.close()


def test_a_link_whose_engine_is_slow_gets_its_theme_at_the_latest_bound(
        browser: Any, site_server: SiteServer) -> None:
    page = open_page(browser, site_server, LINK, hold_engine=True)
    try:
        assert_theme_works(page)
        assert page.evaluate("window.__theme.ranAt") >= THEME_AT_LATEST_MS
        assert page.get_attribute("#calculator", "data-engine") == "loading"
    finally:
        page.context.close()


def test_the_bare_address_loads_the_theme_as_before(
        browser: Any, site_server: SiteServer) -> None:
    page = open_page(browser, site_server, "calculator/", hold_engine=True)
    try:
        assert page.evaluate("window.__theme.ranByDcl") is True
        assert_theme_works(page)
    finally:
        page.context.close()
