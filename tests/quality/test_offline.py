"""After one visit the calculator and the guidance pages work with the network cut.

The site's service worker keeps each visited page and, once the calculator's
engine has started, Pyodide and the calculator archive. Here the browser goes
offline *and* the server is shut down before the reload, so nothing can come
from the network.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitebuild import offline
from tests.conftest import serve

from .support import (
    CALCULATOR_PAGE,
    ENGINE_TIMEOUT_MS,
    UI_TIMEOUT_MS,
    open_calculator_live,
    result_count,
    set_field,
    wait_engine,
    wait_live_result,
)

pytestmark = pytest.mark.browser


def _wait_mark(page: Any, name: str, timeout: int) -> None:
    try:
        page.wait_for_function(
            "(name) => performance.getEntriesByName(name).length > 0", arg=name, timeout=timeout
        )
    except Exception as error:
        raise AssertionError(
            f"the page never reported {name!r}: the service worker did not keep its files"
        ) from error


def test_service_worker_is_stamped_by_the_build(built_site: Path) -> None:
    """The built ``sw.js`` carries this build's version and file lists."""
    module = offline
    text = (built_site / "sw.js").read_text(encoding="utf-8")
    assert '"version":"unbuilt"' not in text and "version: \"unbuilt\"" not in text
    assert module.cache_version(built_site) in text
    assert "pyodide.asm.wasm" in text and "calculator-" in text


def _starts(site: Path) -> dict[str, list[str]]:
    """Each engine start's files, as the built sw.js carries them."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    line = next(row for row in text.splitlines() if row.startswith("const BUILD = "))
    starts: dict[str, list[str]] = json.loads(
        line.removeprefix("const BUILD = ").removesuffix(";"))["starts"]
    return starts


KEPT_NAMES = """async () => {
    const names = [];
    for (const key of await caches.keys()) {
        for (const request of await (await caches.open(key)).keys()) {
            names.push(new URL(request.url).pathname.split("/").pop());
        }
    }
    return names;
}"""


def test_calculator_works_offline_after_one_visit(browser: Any, built_site: Path) -> None:
    """Reloaded without a network, the calculator boots and recomputes."""
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        with serve(built_site) as server:
            url = server.page_url(CALCULATOR_PAGE)
            open_calculator_live(page, url)
            _wait_mark(page, "offline:engine-kept", ENGINE_TIMEOUT_MS)
        # Kept: the snapshot start's files, each once, nothing else (the start
        # a returning reader makes, whichever this visit made).
        start = "snapshot"
        kept = page.evaluate(KEPT_NAMES)
        starts = _starts(built_site)
        engine = [name for name in kept
                  if name.startswith(("pyodide", "python_stdlib", "calculator-"))
                  and name.endswith((".zip", ".gz", ".wasm", ".json", ".mjs"))]
        assert sorted(engine) == sorted(path.rsplit("/", 1)[1] for path in starts[start])
        assert "python_stdlib.zip" not in engine, engine  # the fallback's only
        context.set_offline(True)
        page.reload()
        wait_engine(page, "ready")
        assert page.get_attribute("#calculator", "data-engine-boot") == "snapshot"
        before = result_count(page)
        set_field(page, "examples", "40000")
        wait_live_result(page, before)
        verdict = page.locator("#calculator-result").get_attribute("data-verdict")
        assert verdict, "no verdict after recomputing offline"
    finally:
        context.close()


def test_a_start_made_another_way_is_not_kept_beside_the_snapshot(
    browser: Any, built_site: Path
) -> None:
    """Engine files are stored only when the page asks, and then the snapshot start's:
    a trimmed start (a slow line's) on a page the service worker already controls
    fetches its library through the worker, which must not store it as well (a
    put would have finished before the worker had the file: cacheFirst awaits it)."""
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        with serve(built_site) as server:
            url = server.page_url(CALCULATOR_PAGE)
            open_calculator_live(page, url)
            _wait_mark(page, "offline:engine-kept", ENGINE_TIMEOUT_MS)
            context.add_init_script("""new MutationObserver((records, observer) => {
              const root = document.getElementById("calculator");
              if (!root) return;
              root.dataset.engineStart = "trimmed";
              observer.disconnect();
            }).observe(document, { childList: true, subtree: true });""")
            page.reload()
            wait_engine(page, "ready")
            assert page.get_attribute("#calculator", "data-engine-boot") == "trimmed"
            assert page.evaluate("navigator.serviceWorker.controller !== null")
            trimmed = next(path.rsplit("/", 1)[1] for path in _starts(built_site)["trimmed"]
                           if "python_stdlib-calculator-" in path)
            assert trimmed not in page.evaluate(KEPT_NAMES)
    finally:
        context.close()


def test_guidance_page_works_offline_after_one_visit(browser: Any, built_site: Path) -> None:
    """A visited guidance page reloads offline with its stylesheet and heading."""
    context = browser.new_context(service_workers="allow")
    try:
        page = context.new_page()
        with serve(built_site) as server:
            page.goto(server.page_url("fundamentals/"))
            _wait_mark(page, "offline:page-kept", UI_TIMEOUT_MS * 2)
            title = page.title()
        context.set_offline(True)
        page.reload()
        assert page.title() == title
        assert page.locator("article h1").first.is_visible()
        # The theme's stylesheet came from the cache: the header is laid out.
        position = page.evaluate(
            "() => getComputedStyle(document.querySelector('.md-header')).position"
        )
        assert position == "sticky", f"theme stylesheet missing offline (position={position})"
    finally:
        context.close()
