"""A shared link never shows another scenario's result, on a real network's speed.

Each link is opened cold through a throttled host (tests/throttled_host.py:
one shared 10 Mbit/s budget, 60 ms per request, gzip), so the engine takes
seconds to arrive. A recorder installed before the page's own scripts samples
the page on every frame and every 25 ms: the result's ``data-verdict`` and
``aria-busy``, and every verdict shown in the result and in the summary above
the form. The page is sampled at 1280 px, then at 390 px, while it loads.
Until the link's own result is computed, no other verdict may ever be seen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from calculator.preset_page import preset_page_data
from calculator.query import format_value
from calculator.verdict import Verdict
from calculator.web import compute
from tests.conftest import SiteServer
from tests.throttled_host import Line, serve_line

pytestmark = pytest.mark.browser

LINE = Line(mbit=10, delay_ms=60)
ENGINE_TIMEOUT = 120_000
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
FINE_TUNING = (
    "examples=60000&examples_per_month=2000&stage=scaling&consistency=critical"
    "&data_policy=must-stay-internal&deadline_weeks=16&upfront_budget=150000"
    "&ml_expertise=strong&evals=rigorous&monthly_requests=400000&input_tokens=600"
    "&output_tokens=20&prompt_tokens=2500&tuned_prompt_tokens=100"
    "&prompt_hosting_monthly=4000&tuned_hosting_monthly=4000"
)
PRESET = "together-llama-3.1-8b-lora"
LINKS = {
    "plain": FINE_TUNING,
    "preset": f"preset={PRESET}&as_of=2026-11-26&examples=50000",
    "comparison": f"pin={quote(FINE_TUNING, safe='')}&examples=50000",
}

# Runs before any of the page's scripts; keeps every distinct state it sees.
RECORDER = """
(() => {
  const seen = new Set();
  window.__samples = [];
  const labels = (selector) => [...document.querySelectorAll(selector)]
    .filter((node) => node.checkVisibility ? node.checkVisibility() : node.offsetParent !== null)
    .map((node) => node.textContent.trim());
  const sample = () => {
    const region = document.getElementById("calculator-result");
    if (!region) return;
    const state = {
      width: window.innerWidth,
      verdict: region.getAttribute("data-verdict"),
      busy: region.getAttribute("aria-busy"),
      source: region.getAttribute("data-source"),
      shown: labels("#calculator-result .tp-verdict-label"),
      summary: labels("#calculator-glance .tp-verdict-label"),
      progress: labels("#calculator-result .tp-progress-text").join(" "),
      // Geometry: the page never wider than the window; the summary inside it.
      overflow: document.documentElement.scrollWidth - window.innerWidth,
      summaryRight: Math.round(
        document.querySelector("#calculator-glance")?.getBoundingClientRect().right || 0),
    };
    const key = JSON.stringify(state);
    if (!seen.has(key)) {
      seen.add(key);
      window.__samples.push(state);
    }
  };
  const frame = () => {
    sample();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  setInterval(sample, 25);
  document.addEventListener("readystatechange", sample);
})();
"""


@pytest.fixture(scope="module")
def slow_host(built_site: Path) -> Iterator[SiteServer]:
    with serve_line(built_site, LINE) as server:
        yield server


def expected(query: str, server: SiteServer) -> dict[str, Any]:
    return compute(query, "https://example.invalid/", "../")


def open_cold(browser: Any, server: SiteServer, query: str) -> tuple[Any, Any]:
    context = browser.new_context(viewport=WIDE, service_workers="block")
    context.add_init_script(RECORDER)
    page = context.new_page()
    page.goto(server.page_url(f"calculator/?{query}"), wait_until="domcontentloaded")
    return context, page


def watch_until_live(page: Any) -> list[dict[str, Any]]:
    """Samples at 1280 px until real progress shows, then at 390 px until the result is live."""
    page.wait_for_function(
        "() => (window.__samples || []).some((s) => / \\d+ %/.test(s.progress))"
        " || document.getElementById('calculator').dataset.engine !== 'loading'",
        timeout=ENGINE_TIMEOUT)
    page.set_viewport_size(PHONE)
    page.wait_for_selector("#calculator-result[data-source=live]", timeout=ENGINE_TIMEOUT)
    page.wait_for_timeout(200)  # a few frames of the live result
    samples: list[dict[str, Any]] = page.evaluate("window.__samples")
    return samples


def assert_never_another_verdict(samples: list[dict[str, Any]], verdicts: set[str]) -> None:
    allowed_labels = {Verdict(v).label for v in verdicts}
    others = {v.label for v in Verdict} - allowed_labels
    assert samples, "the recorder saw nothing"
    for state in samples:
        assert state["verdict"] in {"", *verdicts}, state
        shown = set(state["shown"]) | set(state["summary"])
        assert not shown & others, f"another scenario's verdict on show: {state}"
        if state["verdict"] == "":
            assert state["busy"] == "true", state
    pending = [s for s in samples if s["busy"] == "true"]
    for width in (1280, 390):
        at_width = [s for s in pending if s["width"] == width]
        assert at_width, f"never sampled pending at {width} px: {samples[:5]}"
    phone = [s for s in pending if s["width"] == 390]
    assert any(s["summary"] for s in phone), "the phone summary said nothing while pending"
    for state in pending:
        assert state["overflow"] <= 0, f"the pending page is wider than the window: {state}"
        assert state["summaryRight"] <= state["width"], state
    assert any(re.search(r"\d+ % \([\d.]+ of [\d.]+ MB, [\d.]+ MB left\)", s["progress"])
               for s in pending), "no real progress while pending"
    last = samples[-1]
    assert last["source"] == "live" and last["busy"] == "false", last


@pytest.mark.parametrize("kind", sorted(LINKS))
def test_a_link_shows_only_its_own_result(browser: Any, slow_host: SiteServer, kind: str) -> None:
    query = LINKS[kind]
    want = expected(query, slow_host)
    verdicts = {want["verdict"]}
    if "pinned" in want:
        verdicts.add(expected(FINE_TUNING, slow_host)["verdict"])
    context, page = open_cold(browser, slow_host, query)
    try:
        if kind == "preset":
            # The preset's figures are in the form at once, before the engine is up.
            figures = preset_page_data()["presets"][PRESET]["figures"]  # type: ignore[index]
            assert figures
            for name, value in figures.items():
                assert page.input_value(f"#calculator [name={name}]") == format_value(value), name
            assert page.get_attribute("#calculator", "data-engine") == "loading"
            assert f"{PRESET}" in page.inner_text("#calculator-result") or page.locator(
                "#calculator-result .tp-pending-inputs").count() == 1
        if kind == "comparison":
            assert page.locator("#calculator-result .tp-pending-side").count() == 2
            assert page.inner_text("#calculator-result").count("pending") >= 2
        samples = watch_until_live(page)
        assert_never_another_verdict(samples, verdicts)
        assert page.get_attribute("#calculator-result", "data-verdict") == want["verdict"]
        # At 10 Mbit/s the worker measured a slow line and started from the
        # trimmed standard library rather than the larger snapshot.
        assert page.get_attribute("#calculator", "data-engine-boot") == "trimmed"
        assert 0 < int(page.get_attribute("#calculator", "data-engine-line") or 0) < 2e6
    finally:
        context.close()


# Records when the page first sends the engine its init message (which starts
# the engine's downloads), on the page's clock.
INIT_RECORDER = """
(() => {
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message, ...rest) {
    if (message && message.type === "init" && window.__initAt === undefined) {
      window.__initAt = performance.now();
    }
    return post.call(this, message, ...rest);
  };
})();
"""


def without_blocking_theme_script(route: Any) -> None:
    """The page without the theme's inline scripts, which hold the parser until the
    stylesheets have arrived: the early start must wait for them on its own."""
    response = route.fetch()
    body = re.sub(r"<script>.*?</script>", "", response.text(), flags=re.S)
    assert "__md_scope" in response.text() and "__md_scope" not in body
    route.fulfill(response=response, body=body)


@pytest.mark.parametrize("theme_script", [True, False], ids=["theme", "no-blocking-script"])
def test_a_link_starts_its_engine_early_without_delaying_the_first_paint(
    browser: Any, slow_host: SiteServer, theme_script: bool
) -> None:
    """A link's worker is made in the head, before the stylesheets have arrived, so it
    starts up meanwhile; its downloads begin only once they have (the init message).

    On the bare address the engine starts at the load event (test_engine_start.py).
    """
    context = browser.new_context(viewport=WIDE, service_workers="block")
    context.add_init_script(INIT_RECORDER)
    if not theme_script:
        context.route(re.compile(r".*/calculator/\?.*"), without_blocking_theme_script)
    try:
        page = context.new_page()
        page.goto(slow_host.page_url(f"calculator/?{FINE_TUNING}"), wait_until="load")
        page.wait_for_selector("#calculator-result[data-source=live]", timeout=ENGINE_TIMEOUT)
        timing = page.evaluate("""() => ({
            start: performance.getEntriesByName("calculator:engine-start")[0].startTime,
            init: window.__initAt,
            sheets: Math.max(...performance.getEntriesByType("resource")
              .filter((entry) => entry.initiatorType === "link" && /\\.css$/.test(entry.name))
              .map((entry) => entry.responseEnd)),
            ready: performance.getEntriesByType("navigation")[0].domContentLoadedEventStart,
            engines: performance.getEntriesByName("calculator:engine-start").length,
        })""")
        assert timing["engines"] == 1, timing  # calculator.js adopted the worker
        assert page.get_attribute("#calculator", "data-engine-early") == "true"
        assert timing["start"] < timing["sheets"], timing
        assert timing["sheets"] <= timing["init"] < timing["ready"], timing
    finally:
        context.close()


def test_a_returning_readers_link_says_it_starts_from_the_saved_copy(
    browser: Any, site_server: SiteServer
) -> None:
    """From the offline copy nothing downloads, so the pending view shows no download
    figures ("4.9 MB left" of nothing) but says where the engine starts from; and
    still never another scenario's verdict."""
    context = browser.new_context(viewport=WIDE, service_workers="allow")
    context.add_init_script(RECORDER)
    try:
        page = context.new_page()
        url = site_server.page_url(f"calculator/?{FINE_TUNING}")
        page.goto(url)
        page.wait_for_selector("#calculator-result[data-source=live]", timeout=ENGINE_TIMEOUT)
        page.wait_for_function(
            "() => performance.getEntriesByName('offline:engine-kept').length > 0",
            timeout=ENGINE_TIMEOUT)
        page.goto(url)
        page.wait_for_selector("#calculator-result[data-source=live]", timeout=ENGINE_TIMEOUT)
        samples: list[dict[str, Any]] = page.evaluate("window.__samples")
        progress = {state["progress"] for state in samples if state["busy"] == "true"}
        assert "Starting the live engine from the copy saved on this device\u2026" in progress
        assert not any("MB" in text for text in progress), progress
        want = expected(FINE_TUNING, site_server)["verdict"]
        assert {state["verdict"] for state in samples} <= {"", want}, samples
        assert page.get_attribute("#calculator", "data-engine-boot") == "snapshot"
    finally:
        context.close()
