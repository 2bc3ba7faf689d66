"""End to end in Debian's Chromium: the calculator page against the built site."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from calculator import FIELDS, Scenario, recommend
from tests.conftest import SiteServer

pytestmark = pytest.mark.browser

ENGINE_TIMEOUT = 90_000
DEFAULT_VERDICT = recommend(Scenario()).verdict.value


def open_calculator(page: Any, server: SiteServer, query: str = "") -> None:
    page.goto(server.page_url("calculator/") + query)
    page.wait_for_selector("#calculator[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    page.wait_for_selector("#calculator-result[data-source=live]", timeout=ENGINE_TIMEOUT)


def verdict(page: Any) -> str:
    return str(page.get_attribute("#calculator-result", "data-verdict"))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_built_page_is_useful_without_the_engine(site_server: SiteServer) -> None:
    """The static HTML already has the hooks, every field and the default result."""
    html = (site_server.directory / "calculator" / "index.html").read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(html)
    by_id = {attrs.get("id"): (tag, attrs) for tag, attrs in parser.tags if attrs.get("id")}
    assert by_id["calculator"][1]["data-engine"] == "loading"
    assert by_id["calculator-result"][1]["data-verdict"] == DEFAULT_VERDICT
    names = [attrs["name"] for tag, attrs in parser.tags
             if tag in ("input", "select") and attrs.get("name") in {f.name for f in FIELDS}]
    assert names == [f.name for f in FIELDS]
    inline = [attrs for tag, attrs in parser.tags if tag == "script" and "src" not in attrs
              and attrs.get("type") not in ("application/json",)]
    assert not any("calculator" in str(a) for a in inline)


def test_prerendered_result_then_live_engine(page: Any, site_server: SiteServer) -> None:
    page.goto(site_server.page_url("calculator/"), wait_until="domcontentloaded")
    assert verdict(page) == DEFAULT_VERDICT
    page.wait_for_selector("#calculator[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    page.wait_for_selector("#calculator-result[data-source=live]", timeout=ENGINE_TIMEOUT)
    assert verdict(page) == DEFAULT_VERDICT
    assert "Live results on" in page.inner_text("#calculator-status")


def test_changing_examples_changes_verdict_url_and_shared_link(
    page: Any, browser: Any, site_server: SiteServer
) -> None:
    open_calculator(page, site_server)
    page.fill("#f-examples", "1,000")
    page.wait_for_function(
        "document.querySelector('#calculator-result').dataset.verdict === 'fine-tuning'",
        timeout=ENGINE_TIMEOUT)
    page.wait_for_function("location.search.includes('examples=1000')")
    assert parse_qs(urlsplit(page.url).query) == {"examples": ["1000"]}
    shared = browser.new_context(service_workers="block")
    try:
        fresh = shared.new_page()
        open_calculator(fresh, site_server, "?" + urlsplit(page.url).query)
        assert verdict(fresh) == "fine-tuning"
        assert fresh.input_value("#f-examples") == "1000"
        assert fresh.inner_text("#calculator-result") == page.inner_text("#calculator-result")
    finally:
        shared.close()


def test_copy_buttons(browser: Any, site_server: SiteServer) -> None:
    ctx = browser.new_context(service_workers="block")
    try:
        ctx.grant_permissions(["clipboard-read", "clipboard-write"],
                              origin=site_server.url.rstrip("/"))
        page = ctx.new_page()
        open_calculator(page, site_server, "?examples=2000")
        page.click('[data-action="copy-link"]')
        page.wait_for_selector(".tp-copy-feedback:has-text('Link copied')")
        assert page.evaluate("navigator.clipboard.readText()") == page.url
        page.click('[data-action="copy-markdown"]')
        page.wait_for_selector(".tp-copy-feedback:has-text('Markdown')")
        markdown = page.evaluate("navigator.clipboard.readText()")
        assert markdown.startswith("# Decision record")
        assert "calculator/?examples=2000>" in markdown
    finally:
        ctx.close()


def test_bad_input_shows_message_and_keeps_last_result(
    page: Any, site_server: SiteServer
) -> None:
    open_calculator(page, site_server)
    page.select_option("#f-latency", "critical")
    page.wait_for_function("location.search.includes('latency=critical')")
    before = page.inner_text("#calculator-result")
    page.fill("#f-examples", "-3")
    page.wait_for_selector("#calculator-result[data-state=stale]", timeout=ENGINE_TIMEOUT)
    assert page.inner_text("#f-examples-error") == (
        "examples must be a whole number from 0 to 10,000,000")
    assert page.get_attribute("#f-examples", "aria-invalid") == "true"
    assert page.is_visible("#calculator-stale")
    assert page.inner_text("#calculator-result") == before
    assert page.input_value("#f-latency") == "critical"
    assert page.input_value("#f-examples") == "-3"
    page.fill("#f-examples", "5000")
    page.wait_for_selector("#calculator-result[data-state=fresh]", timeout=ENGINE_TIMEOUT)
    assert page.get_attribute("#f-examples", "aria-invalid") is None
    assert page.inner_text("#f-examples-error") == ""


@pytest.mark.parametrize(
    "query",
    [
        "?examples=%3Cscript%3Ewindow.__owned%3D1%3C%2Fscript%3E",
        "?examples=1e999&task=%3Cimg%20src%3Dx%20onerror%3Dwindow.__owned%3D1%3E",
        "?foo=bar&examples_per_month=" + "9" * 500,
    ],
)
def test_hostile_queries_inject_nothing(page: Any, site_server: SiteServer, query: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(site_server.page_url("calculator/") + query)
    page.wait_for_selector("#calculator[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    page.wait_for_function(
        "document.querySelector('.tp-error:not(:empty)') || "
        "!document.querySelector('#calculator-query-errors').hidden", timeout=ENGINE_TIMEOUT)
    assert page.evaluate("window.__owned") is None
    assert page.evaluate("document.querySelectorAll('#calculator script, #calculator img')"
                         ".length") == 0
    assert dialogs == []
    assert page.get_attribute("#calculator-result", "data-state") == "stale"
    assert verdict(page) == DEFAULT_VERDICT


def test_engine_failure_keeps_prerendered_result(browser: Any, site_server: SiteServer) -> None:
    ctx = browser.new_context(service_workers="block")
    try:
        ctx.route(re.compile(r".*pyodide\.asm\.wasm$"), lambda route: route.abort())
        page = ctx.new_page()
        page.goto(site_server.page_url("calculator/"))
        page.wait_for_selector("#calculator[data-engine=failed]", timeout=ENGINE_TIMEOUT)
        status = page.inner_text("#calculator-status")
        assert "unavailable" in status and "python -m calculator" in status
        assert verdict(page) == DEFAULT_VERDICT
        assert page.get_attribute("#calculator-result", "data-source") == "prerendered"
    finally:
        ctx.close()


def test_no_webassembly_fallback(browser: Any, site_server: SiteServer) -> None:
    ctx = browser.new_context(service_workers="block")
    try:
        ctx.add_init_script("delete globalThis.WebAssembly;")
        page = ctx.new_page()
        page.goto(site_server.page_url("calculator/"))
        page.wait_for_selector("#calculator[data-engine=failed]", timeout=ENGINE_TIMEOUT)
        assert "WebAssembly" in page.inner_text("#calculator-status")
        assert [w for w in page.workers if "calculator-worker" in w.url] == []
    finally:
        ctx.close()


def test_instant_navigation_starts_and_stops_the_engine(
    page: Any, site_server: SiteServer
) -> None:
    page.goto(site_server.page_url(""))
    page.click('.md-nav a[href$="calculator/"]')
    page.wait_for_selector("#calculator[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    page.wait_for_selector("#calculator-result[data-source=live]", timeout=ENGINE_TIMEOUT)
    assert len(page.workers) >= 1
    page.click('.md-nav a[href$="methodology/"]')
    page.wait_for_url(re.compile(r".*/methodology/$"))
    page.wait_for_function("!document.getElementById('calculator')")
    page.wait_for_timeout(500)
    assert [w for w in page.workers if "calculator-worker" in w.url] == []


def test_keyboard_reaches_the_form(page: Any, site_server: SiteServer) -> None:
    open_calculator(page, site_server)
    wanted = {f.name for f in FIELDS}
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement && document.activeElement.name")
        if name:
            reached.add(name)
        if reached >= wanted:
            break
    assert reached >= wanted
    page.focus("#f-examples")
    page.keyboard.press("Control+a")
    page.keyboard.type("20000")
    page.wait_for_function("location.search.includes('examples=20000')", timeout=ENGINE_TIMEOUT)


def test_no_request_leaves_the_site(browser: Any, site_server: SiteServer) -> None:
    ctx = browser.new_context(service_workers="block")
    requests: list[str] = []
    ctx.on("request", lambda r: requests.append(r.url))
    try:
        page = ctx.new_page()
        open_calculator(page, site_server, "?examples=3000")
        page.fill("#f-examples", "4000")
        page.wait_for_function("location.search.includes('examples=4000')")
    finally:
        ctx.close()
    outside = [u for u in requests if not u.startswith(site_server.url)
               and not u.startswith(("data:", "blob:"))]
    assert requests and outside == []
