"""End to end in Debian's Chromium: the calculator page of the built site, live.

Expected values come from the calculator package itself (``calculator.web``),
so these tests check that the browser shows what Python computes, not numbers
copied into the tests. Waits are generous (the machine may be busy); nothing
here asserts a duration.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import quote, urlsplit

import pytest

from calculator import FIELDS, Scenario, recommend, render_markdown
from calculator.schema import FORM_ORDER
from calculator.web import compute
from tests.conftest import SiteServer

pytestmark = pytest.mark.browser

ENGINE_TIMEOUT = 90_000
UI_TIMEOUT = 15_000
DEFAULT_VERDICT = recommend(Scenario()).verdict.value
# Enough data, critical consistency and latency, in production: fine-tuning's case.
TUNING_INPUTS = {"examples": "50000", "consistency": "critical", "latency": "critical",
                 "stage": "scaling", "deadline_weeks": "20"}
WORKER = "calculator-worker.js"


# --- helpers ---------------------------------------------------------------


def result(page: Any, name: str) -> str | None:
    return page.get_attribute("#calculator-result", f"data-{name}")


def engine(page: Any) -> str | None:
    return page.get_attribute("#calculator", "data-engine")


def wait_engine(page: Any, state: str) -> None:
    page.wait_for_selector(f"#calculator[data-engine={state}]", timeout=ENGINE_TIMEOUT)


def wait_live(page: Any) -> None:
    wait_engine(page, "ready")
    page.wait_for_selector("#calculator-result[data-source=live][data-state=fresh]",
                           timeout=ENGINE_TIMEOUT)


def result_marks(page: Any) -> int:
    return int(page.evaluate("performance.getEntriesByName('calculator:result').length"))


def set_field(page: Any, name: str, value: str) -> None:
    control = page.locator(f"#calculator [name='{name}']")
    # Unfold the "Costs and prices" section first when the field is in it, as a reader would.
    control.evaluate("(el) => { const d = el.closest('details'); if (d) d.open = true; }")
    if control.evaluate("(el) => el.tagName") == "SELECT":
        control.select_option(value)
    else:
        control.fill(value)


def set_fields_and_wait(page: Any, values: dict[str, str]) -> None:
    """Change fields one by one as a user would; wait for the last live result."""
    before = result_marks(page)
    for name, value in values.items():
        set_field(page, name, value)
    page.wait_for_function(
        "(n) => performance.getEntriesByName('calculator:result').length > n"
        " && document.getElementById('calculator-result').dataset.state === 'fresh'",
        arg=before, timeout=ENGINE_TIMEOUT)


def expected(query: str, page: Any) -> dict[str, Any]:
    """What calculator.web.compute answers for this query, with the page's settings."""
    site_url = page.get_attribute("#calculator", "data-site-url")
    prefix = page.get_attribute("#calculator", "data-page-prefix")
    return compute(query, site_url, prefix)


def calculator_workers(page: Any) -> list[Any]:
    """The page's calculator workers, known by their name: their URL is a blob: URL."""
    found = []
    for worker in page.workers:
        try:
            if worker.evaluate("() => self.name") == "calculator":
                found.append(worker)
        except Exception:  # terminated while being asked
            continue
    return found


def wait_until(page: Any, condition: Callable[[], bool], what: str, seconds: float = 15) -> None:
    """Poll ``condition`` while Playwright keeps dispatching events (routes, workers)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"timed out waiting for {what}")


def enable_instant_navigation(context: Any, server: SiteServer) -> None:
    """Let the theme's instant navigation work on the test server.

    The theme only navigates instantly to links listed in ``sitemap.xml``, and
    it keeps the path and port of the sitemap's addresses (the deployed
    ``site_url``). Rewriting the sitemap's root to the test server's address
    makes the local site behave as the deployed one does.
    """
    sitemap = (server.directory / "sitemap.xml").read_text(encoding="utf-8")
    deployed_root = min(re.findall(r"<loc>([^<]+)</loc>", sitemap), key=len)

    def rewrite(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(deployed_root, server.url))

    context.route(re.compile(r".*/sitemap\.xml$"), rewrite)


def click_nav(page: Any, path: str) -> None:
    """Follow the site's link to ``path``, without reloading the page.

    The primary navigation's link where it shows; the calculator page hides
    the navigation to make room, so there a link in the page or its footer.
    """
    page.evaluate("window.__sameDocument = true")
    nav = page.locator(f'.md-nav a[href$="{path}"]:visible')
    link = nav if nav.count() else page.locator(f'.md-content a[href*="{path}"]:visible, '
                                                f'.md-footer a[href$="{path}"]:visible')
    link.first.click()
    page.wait_for_function("(p) => location.pathname.endsWith(p)", arg=path, timeout=UI_TIMEOUT)
    assert page.evaluate("window.__sameDocument") is True, f"navigation to {path} reloaded"


@pytest.fixture
def held_wasm(context: Any) -> Iterator[list[Any]]:
    """Hold back Pyodide's WebAssembly so the engine stays loading until released."""
    held: list[Any] = []
    context.route(re.compile(r".*/pyodide\.asm\.wasm$"), lambda route: held.append(route))
    yield held


def release(held: list[Any]) -> None:
    for route in held:
        route.continue_()


# --- the newcomer's path ----------------------------------------------------


def test_newcomer_path_from_overview_to_a_shared_link(
    page: Any, browser: Any, site_server: SiteServer
) -> None:
    """Overview -> Calculator by instant navigation, change inputs, share, reopen elsewhere."""
    enable_instant_navigation(page.context, site_server)
    page.goto(site_server.page_url(""))
    click_nav(page, "calculator/")
    wait_live(page)
    assert result(page, "verdict") == DEFAULT_VERDICT

    want = expected("&".join(f"{k}={v}" for k, v in TUNING_INPUTS.items()), page)
    assert want["ok"] and want["verdict"] != DEFAULT_VERDICT
    set_fields_and_wait(page, TUNING_INPUTS)
    page.wait_for_function("(q) => location.search === '?' + q", arg=want["query"],
                           timeout=UI_TIMEOUT)
    page.wait_for_function("(v) => document.getElementById('calculator-result')"
                           ".dataset.verdict === v", arg=want["verdict"], timeout=UI_TIMEOUT)
    assert result(page, "verdict") == want["verdict"]
    shown = page.inner_text("#calculator-result")

    fresh_context = browser.new_context(service_workers="block")
    try:
        fresh = fresh_context.new_page()
        fresh.goto(page.url)
        wait_live(fresh)
        assert result(fresh, "verdict") == want["verdict"]
        assert fresh.inner_text("#calculator-result") == shown
        for name, value in TUNING_INPUTS.items():
            assert fresh.input_value(f"#calculator [name='{name}']") == value
    finally:
        fresh_context.close()


# --- before, during and after the engine's start ------------------------------


def test_prerendered_result_then_live(
    context: Any, site_server: SiteServer, held_wasm: list[Any]
) -> None:
    """The build's result is there while the engine loads; then the live one replaces it."""
    page = context.new_page()
    page.goto(site_server.page_url("calculator/"))
    wait_until(page, lambda: bool(held_wasm), "the WebAssembly request")
    assert engine(page) == "loading"
    assert result(page, "verdict") == DEFAULT_VERDICT
    assert result(page, "source") == "prerendered"
    assert result(page, "state") == "fresh"
    assert "Live engine loading" in page.inner_text("#calculator-status")
    assert page.locator("#calculator-result svg").count() >= 1, "no cost chart"
    release(held_wasm)
    wait_live(page)
    assert result(page, "verdict") == DEFAULT_VERDICT
    assert "Live results on" in page.inner_text("#calculator-status")
    marks = page.evaluate("['calculator:engine-ready', 'calculator:first-live-result']"
                          ".map((n) => performance.getEntriesByName(n).length)")
    assert marks == [1, 1]


def test_link_shows_its_inputs_pending_until_computed(
    context: Any, site_server: SiteServer, held_wasm: list[Any]
) -> None:
    """A shared link's inputs show at once, with a pending result, never the defaults' one."""
    query = "examples=50000&consistency=critical&latency=critical&stage=scaling&deadline_weeks=20"
    page = context.new_page()
    page.goto(site_server.page_url("calculator/") + "?" + query)
    wait_until(page, lambda: bool(held_wasm), "the WebAssembly request")
    page.wait_for_selector("#calculator-result[data-state=pending]", timeout=UI_TIMEOUT)
    assert page.input_value("#calculator [name='examples']") == "50000"
    assert page.input_value("#calculator [name='latency']") == "critical"
    assert result(page, "verdict") == ""
    assert page.get_attribute("#calculator-result", "aria-busy") == "true"
    pending = page.inner_text("#calculator-result .tp-pending-inputs")
    assert "Quality examples now" in pending and "50000" in pending, pending
    assert page.is_hidden("#calculator-stale")
    assert "default inputs" not in page.inner_text("#calculator-status")
    release(held_wasm)
    wait_live(page)
    assert result(page, "verdict") == expected(query, page)["verdict"]
    assert page.get_attribute("#calculator-result", "aria-busy") == "false"
    assert page.is_hidden("#calculator-stale")


# --- copy buttons ------------------------------------------------------------


def clipboard_after(page: Any, selector: str) -> str:
    page.evaluate("navigator.clipboard.writeText('')")
    page.click(selector)
    page.wait_for_function("async () => (await navigator.clipboard.readText()).length > 0",
                           timeout=UI_TIMEOUT, polling=100)
    return str(page.evaluate("navigator.clipboard.readText()"))


def test_copy_link_and_markdown(clipboard_page: Any, site_server: SiteServer) -> None:
    """The link is the page's address with its query; the Markdown is the module's record."""
    page = clipboard_page
    page.goto(site_server.page_url("calculator/") + "?examples=2000")
    wait_live(page)
    want = expected("examples=2000", page)
    assert clipboard_after(page, '[data-action="copy-link"]') == page.url
    assert page.url.endswith("/calculator/?" + want["query"])
    assert "Link copied" in page.inner_text(".tp-copy-feedback")
    assert clipboard_after(page, '[data-action="copy-markdown"]') == want["markdown"]
    assert "Markdown" in page.inner_text(".tp-copy-feedback")
    assert page.get_attribute(".tp-copy-feedback", "role") == "status"


def test_copy_markdown_before_the_engine(clipboard_page: Any, site_server: SiteServer) -> None:
    """Before Pyodide, Copy as Markdown gives the build's record of the defaults."""
    page = clipboard_page
    held: list[Any] = []
    page.context.route(re.compile(r".*/pyodide\.asm\.wasm$"), lambda route: held.append(route))
    page.goto(site_server.page_url("calculator/"))
    assert engine(page) == "loading"
    site_url = page.get_attribute("#calculator", "data-site-url")
    copied = clipboard_after(page, '[data-action="copy-markdown"]')
    assert copied == render_markdown(recommend(Scenario()), site_url)


# --- bad and hostile input ---------------------------------------------------


def test_bad_input_shows_message_and_keeps_the_rest(page: Any, site_server: SiteServer) -> None:
    """The field says what is wrong; the last good result stays, marked stale."""
    page.goto(site_server.page_url("calculator/"))
    wait_live(page)
    set_fields_and_wait(page, {"latency": "critical"})
    before = page.inner_text("#calculator-result")
    set_field(page, "examples", "-3")
    page.wait_for_selector("#calculator-result[data-state=stale]", timeout=ENGINE_TIMEOUT)
    message = expected("examples=-3", page)["errors"]["examples"]
    assert page.inner_text("#f-examples-error") == message
    examples = page.locator("#calculator [name='examples']")
    assert examples.get_attribute("aria-invalid") == "true"
    assert "f-examples-error" in (examples.get_attribute("aria-describedby") or "")
    assert page.is_visible("#calculator-stale")
    assert "last valid inputs" in page.inner_text("#calculator-stale")
    assert page.inner_text("#calculator-result") == before
    assert page.input_value("#calculator [name='latency']") == "critical"
    assert examples.input_value() == "-3"
    assert "latency=critical" in page.url and "examples" not in page.url

    set_fields_and_wait(page, {"examples": "5000"})
    assert examples.get_attribute("aria-invalid") is None
    assert page.inner_text("#f-examples-error") == ""
    assert page.is_hidden("#calculator-stale")


def test_typed_shorthand_is_read_and_ambiguous_text_gets_its_hint(
    page: Any, site_server: SiteServer
) -> None:
    """The page reads 2M and 15k as the CLI does; the link gets the canonical numbers, and
    0,40 is refused with the label, the field's name and a hint for that input."""
    page.goto(site_server.page_url("calculator/"))
    wait_live(page)
    set_fields_and_wait(page, {"monthly_requests": "2M", "examples": "15k"})
    page.wait_for_function("() => location.search.includes('examples=15000')",
                           timeout=ENGINE_TIMEOUT)
    assert "monthly_requests=2000000" in page.url
    assert page.input_value("#calculator [name='monthly_requests']") == "2M"
    set_field(page, "base_price_input", "0,40")
    page.wait_for_selector("#calculator-result[data-state=stale]", timeout=ENGINE_TIMEOUT)
    shown = page.inner_text("#f-base_price_input-error")
    assert shown.startswith("Prompted model input price (base_price_input): must be a number")
    assert "'0,40' is ambiguous" in shown and "write 0.40" in shown
    assert "base_price_input" not in page.url


HOSTILE = [
    "examples=" + quote("<script>alert(1)</script>"),
    "examples=1e999",
    "foo=bar",
    "task=" + quote('"><img src=x onerror=alert(1)>') + "&examples_per_month=" + "9" * 5000,
    "examples=" + quote("<svg onload=alert(1)>") * 1000,
]


@pytest.mark.parametrize("query", HOSTILE, ids=["script", "1e999", "unknown", "img", "huge"])
def test_hostile_queries_inject_nothing(page: Any, site_server: SiteServer, query: str) -> None:
    """Markup in a link comes back as field messages, never as elements."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(site_server.page_url("calculator/") + "?" + query)
    elements = "document.querySelectorAll('script, img, svg, iframe, object, embed').length"
    static_count = page.evaluate(elements)
    wait_engine(page, "ready")
    errors = expected(query, page)["errors"]
    assert errors, "the query was expected to be invalid"
    page.wait_for_selector("#calculator-result[aria-busy=false]", timeout=ENGINE_TIMEOUT)
    for name, message in errors.items():
        if page.locator(f"#calculator [name='{name}']").count():
            page.wait_for_function(
                "([id, text]) => document.getElementById(id).textContent === text",
                arg=[f"f-{name}-error", message], timeout=UI_TIMEOUT)
        else:
            assert message in page.inner_text("#calculator-query-errors")
    assert page.evaluate(elements) == static_count
    assert dialogs == []
    # No result for invalid inputs, and never the defaults' result for a link.
    assert result(page, "verdict") == ""
    assert result(page, "source") == "pending"
    assert "invalid" in page.inner_text("#calculator-result .tp-progress-text")


def test_what_would_change_links_apply_in_place(page: Any, site_server: SiteServer) -> None:
    """A suggested change in the result is applied to the form and recomputed, no reload."""
    enable_instant_navigation(page.context, site_server)
    page.goto(site_server.page_url("calculator/"))
    wait_live(page)
    link = page.locator("#calculator-result a[data-field]").first
    field = link.get_attribute("data-field")
    # Relative as rendered, or made absolute by the theme's instant navigation.
    want = expected(urlsplit(link.get_attribute("href") or "").query, page)
    assert want["ok"] and want["verdict"] != DEFAULT_VERDICT
    page.evaluate("window.__sameDocument = true")
    before = result_marks(page)
    link.click()
    page.wait_for_function(
        "(n) => performance.getEntriesByName('calculator:result').length > n", arg=before,
        timeout=ENGINE_TIMEOUT)
    assert page.evaluate("window.__sameDocument") is True
    assert result(page, "verdict") == want["verdict"]
    assert page.evaluate("location.search") == "?" + want["query"]
    assert page.evaluate("document.activeElement.name") == field


# --- failure -------------------------------------------------------------------


def assert_failed_with_fallback(page: Any) -> None:
    wait_engine(page, "failed")
    status = page.inner_text("#calculator-status")
    assert "unavailable" in status
    assert "python -m calculator --help" in status
    assert result(page, "verdict") == DEFAULT_VERDICT
    assert result(page, "source") == "prerendered"
    assert page.locator("#calculator-result svg").count() >= 1


def test_blocked_webassembly_download_fails_clearly(
    context: Any, site_server: SiteServer
) -> None:
    context.route(re.compile(r".*/pyodide\.asm\.wasm$"), lambda route: route.abort())
    page = context.new_page()
    page.goto(site_server.page_url("calculator/"))
    assert_failed_with_fallback(page)


def test_blocked_worker_fails_clearly(context: Any, site_server: SiteServer) -> None:
    context.route(re.compile(rf".*/{re.escape(WORKER)}$"), lambda route: route.abort())
    page = context.new_page()
    page.goto(site_server.page_url("calculator/"))
    assert_failed_with_fallback(page)


def test_no_webassembly_fails_without_a_worker(context: Any, site_server: SiteServer) -> None:
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    page.goto(site_server.page_url("calculator/") + "?examples=50000")
    wait_engine(page, "failed")
    status = page.inner_text("#calculator-status")
    assert "WebAssembly" in status and "python -m calculator --help" in status
    assert "--query 'examples=50000'" in status
    # A link keeps its inputs and shows no verdict: never the defaults' result.
    assert result(page, "verdict") == ""
    assert result(page, "source") == "pending"
    assert page.get_attribute("#calculator-result", "aria-busy") == "false"
    assert "could not start" in page.inner_text("#calculator-result")
    assert calculator_workers(page) == []


def test_slow_engine_times_out(
    context: Any, site_server: SiteServer, held_wasm: list[Any]
) -> None:
    """A short time limit (rewritten into the page) and a download that never ends."""

    def shorten(route: Any) -> None:
        response = route.fetch()
        body = re.sub(r'data-timeout="\d+"', 'data-timeout="1500"', response.text())
        route.fulfill(response=response, body=body)

    context.route(re.compile(r".*/calculator/$"), shorten)
    page = context.new_page()
    page.goto(site_server.page_url("calculator/"))
    assert_failed_with_fallback(page)
    assert "did not start within" in page.inner_text("#calculator-status")
    wait_until(page, lambda: calculator_workers(page) == [], "the timed-out worker to stop")


# --- instant navigation, keyboard, network -----------------------------------------


def test_leaving_stops_the_engine_and_coming_back_starts_it(
    page: Any, site_server: SiteServer
) -> None:
    """Instant navigation: the worker lives exactly while the calculator is shown."""
    enable_instant_navigation(page.context, site_server)
    page.goto(site_server.page_url(""))
    assert calculator_workers(page) == []
    click_nav(page, "calculator/")
    wait_live(page)
    assert len(calculator_workers(page)) == 1
    click_nav(page, "methodology/")
    page.wait_for_function("() => !document.getElementById('calculator')", timeout=UI_TIMEOUT)
    wait_until(page, lambda: calculator_workers(page) == [], "the worker to be terminated")
    page.go_back()
    page.wait_for_selector("#calculator", timeout=UI_TIMEOUT)
    assert page.evaluate("window.__sameDocument") is True
    wait_live(page)
    assert len(calculator_workers(page)) == 1


def test_keyboard_reaches_the_fields_in_order_and_enter_stays(
    page: Any, site_server: SiteServer
) -> None:
    page.goto(site_server.page_url("calculator/"))
    wait_live(page)
    names: list[str] = []
    for _ in range(300):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.closest('#calculator') ?"
                             " document.activeElement.name : ''")
        if page.evaluate("document.activeElement.matches('details:not([open]) > summary')"):
            page.keyboard.press("Enter")  # unfold "Costs and prices" as a reader would
        if name and name not in names:
            names.append(name)
        if len(names) == len(FIELDS):
            break
    assert names == [field.name for field in FORM_ORDER]
    page.evaluate("window.__sameDocument = true")
    page.focus("#calculator [name='examples']")
    page.keyboard.press("Control+a")
    page.keyboard.type("20000")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => location.search.includes('examples=20000')", timeout=ENGINE_TIMEOUT
    )
    assert page.evaluate("window.__sameDocument") is True


def test_no_request_leaves_the_site(context: Any, site_server: SiteServer) -> None:
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    enable_instant_navigation(context, site_server)
    page = context.new_page()
    page.goto(site_server.page_url("calculator/") + "?examples=3000")
    wait_live(page)
    set_fields_and_wait(page, {"examples": "4000"})
    click_nav(page, "fine-tuning/")
    page.wait_for_function("() => !document.getElementById('calculator')", timeout=UI_TIMEOUT)
    outside = [url for url in requests
               if not url.startswith(site_server.url) and not url.startswith(("data:", "blob:"))]
    assert any(url.endswith(".wasm") for url in requests)
    assert outside == []
