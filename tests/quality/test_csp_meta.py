"""The policy reaches the browser where the site is really hosted: as a ``<meta>`` element.

GitHub Pages sends no custom headers (it ignores ``_headers``), so in
production the only Content-Security-Policy is the ``<meta>`` element the
build writes into every page. These tests serve the built site twice, once
with every header of ``_headers`` and once with no header at all, and demand
the same outcome from both:

* every page and the live calculator run without a single violation;
* ``eval`` and a request to another origin are blocked on the page *and*
  inside the calculator's worker, and the other origin never sees a request.

The worker is the part a ``<meta>`` policy does not reach by itself: it is
covered only because the page starts it from a ``blob:`` URL, which inherits
the page's policy.
"""

from __future__ import annotations

import contextlib
import http.server
import re
import threading
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SiteServer

from .support import (
    CALCULATOR_PAGE,
    UI_TIMEOUT_MS,
    dumps,
    open_calculator_live,
    run_search,
    site_pages,
)

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.__cspViolations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ":" + event.lineNumber,
}));
"""

# Runs in a page or a worker: tries eval and a request to another origin and
# reports what happened, with the violations reported in that same context.
# DevTools lifts the eval block for the code it evaluates itself, so the probe
# first waits for a task of the page's (or worker's) own.
PROBE = """async (outside) => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    const seen = [];
    const listener = (event) => seen.push(event.effectiveDirective);
    self.addEventListener("securitypolicyviolation", listener);
    let evalResult;
    try {
        evalResult = "ran: " + eval("6 * 7");
    } catch (error) {
        evalResult = error.name;
    }
    let fetchResult;
    try {
        const response = await fetch(outside, { mode: "no-cors" });
        fetchResult = "fetched: " + response.type;
    } catch (error) {
        fetchResult = error.name;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    self.removeEventListener("securitypolicyviolation", listener);
    return { eval: evalResult, fetch: fetchResult, violations: [...new Set(seen)].sort() };
}"""

BLOCKED = {
    "eval": "EvalError",
    "fetch": "TypeError",
    "violations": ["connect-src", "script-src"],
}

SERVINGS = ("with-headers", "meta-only")


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    """Another origin that answers everything and counts what reached it."""

    hits: list[str]

    def do_GET(self) -> None:
        self.hits.append(self.path)
        body = b"reached"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@contextlib.contextmanager
def other_origin() -> Iterator[tuple[str, list[str]]]:
    """A server on another port (another origin) and the paths requested from it."""
    hits: list[str] = []
    handler = type("Handler", (_CountingHandler,), {"hits": hits})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}/probe", hits
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(params=SERVINGS)
def served(request: pytest.FixtureRequest) -> SiteServer:
    """The built site served with its ``_headers`` headers, or with none (GitHub Pages)."""
    name = "csp_server" if request.param == "with-headers" else "site_server"
    server: SiteServer = request.getfixturevalue(name)
    return server


@pytest.fixture
def recording_page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A page recording CSP violations, policy console messages and page errors."""
    context = browser.new_context(service_workers="block")
    console: list[str] = []

    def on_console(message: Any) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            console.append(message.text)

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


def _policy_metas(html: str) -> list[str]:
    return [
        unescape(m) for m in re.findall(
            r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', html
        )
    ]


# --- the built HTML ----------------------------------------------------------


def test_every_page_carries_the_computed_policy_as_meta(
    built_site: Path, security_module: Any
) -> None:
    """Each page has one policy ``<meta>`` right after its charset, before any script.

    Its text is the ``_headers`` policy less ``frame-ancestors``, which a
    ``<meta>`` cannot carry.
    """
    header_policy = security_module.content_security_policy(built_site)
    expected = security_module.meta_policy(header_policy)
    assert "frame-ancestors" in header_policy and "frame-ancestors" not in expected
    assert expected == header_policy.replace("; frame-ancestors 'none'", "")
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 10
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert _policy_metas(html) == [expected], path
        head = html[: html.index("<meta http-equiv=")]
        assert "<script" not in head and "<link" not in head, f"policy is not first in {path}"
        assert head.rstrip().endswith('<meta charset="utf-8">'), path


def test_worker_source_is_allowed_only_from_the_site_and_blob(
    built_site: Path, security_module: Any
) -> None:
    """``worker-src`` adds ``blob:`` (the policy-inheriting worker) and nothing else."""
    policy = security_module.content_security_policy(built_site)
    assert "worker-src 'self' blob:;" in policy
    script_src = re.search(r"script-src ([^;]*)", policy)
    assert script_src and "blob:" not in script_src.group(1) and "data:" not in policy.replace(
        "img-src 'self' data:", ""
    )


# --- the browser, served both ways --------------------------------------------


@pytest.mark.browser
def test_every_page_and_search_without_violations(
    built_site: Path, served: SiteServer, recording_page: tuple[Any, list[str]]
) -> None:
    """Every page, instant navigation and search run without a violation."""
    page, console = recording_page
    report: dict[str, Any] = {}
    for path in site_pages(built_site):
        if path == "404.html":
            continue
        page.goto(served.page_url(path))
        page.wait_for_load_state("load")
        if violations := _violations(page):
            report[path or "(overview)"] = violations
    page.goto(served.page_url(""))
    page.locator("a.md-footer__link--next").click()
    page.wait_for_function("() => location.pathname !== '/'", timeout=UI_TIMEOUT_MS)
    page.wait_for_load_state("load")
    run_search(page, "fine-tuning")
    if violations := _violations(page):
        report["instant navigation and search"] = violations
    assert not report and not console, dumps({"violations": report, "console": console})


@pytest.mark.browser
def test_page_and_worker_cannot_eval_or_reach_another_origin(
    served: SiteServer, recording_page: tuple[Any, list[str]]
) -> None:
    """The live calculator: no violation, then eval and outside requests blocked everywhere."""
    page, console = recording_page
    open_calculator_live(page, served.page_url(CALCULATOR_PAGE))
    violations = _violations(page)
    assert not violations and not console, dumps({"violations": violations, "console": console})

    workers = [w for w in page.workers if w.evaluate("() => self.name") == "calculator"]
    assert len(workers) == 1, [w.url for w in page.workers]
    with other_origin() as (outside, hits):
        on_page = page.evaluate(PROBE, outside)
        in_worker = workers[0].evaluate(PROBE, outside)
        assert hits == [], f"a request reached the other origin: {hits}"
    assert on_page == BLOCKED, dumps({"page": on_page})
    assert in_worker == BLOCKED, dumps({"worker": in_worker, "url": workers[0].url})
    # The worker still computes after the probes: the blocks broke nothing.
    assert page.locator("#calculator").get_attribute("data-engine") == "ready"
