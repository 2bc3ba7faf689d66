"""Offline reading survives a deploy, and a missing page says so instead of failing.

The reader's path: visit a page and the calculator, the site is redeployed
with changed content, the reader opens the overview once online, then the
network goes away. A real second build is published on the same origin, and
"offline" means the server is shut down (Playwright's ``set_offline`` does not
block a service worker's own requests).
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitebuild import offline

from .deploys import DeployServer, build_changed_site
from .support import (
    CALCULATOR_PAGE,
    ENGINE_TIMEOUT_MS,
    UI_TIMEOUT_MS,
    open_calculator_live,
    result_count,
    run_search,
    set_field,
    site_pages,
    wait_engine,
    wait_live_result,
)

pytestmark = pytest.mark.browser

MARKER = "This paragraph exists only in the second deploy."
ENGINE_PATH = re.compile(r"/assets/(pyodide|calculator)/")

CACHE_NAMES = "async () => (await caches.keys()).map((name) => name.split(':').pop())"

# The states of the registration's workers, for a failure message.
WORKERS = """async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    if (!registration) return "no registration";
    return ["active", "waiting", "installing"]
        .map((role) => `${role} ${registration[role] ? registration[role].state : "none"}`)
        .join(", ");
}"""

# Resolves with the fate of the worker a fresh update check installs.
UPDATE = """async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    // The new worker may install and fail before update() resolves: catch it as it is found.
    const found = new Promise((resolve) => registration.addEventListener(
        "updatefound", () => resolve(registration.installing), { once: true }));
    await registration.update();
    const worker = registration.installing || registration.waiting || await Promise.race(
        [found, new Promise((resolve) => setTimeout(() => resolve(null), 10000))]);
    if (!worker) return "no new worker";
    if (worker.state === "redundant" || worker.state === "activated") return worker.state;
    return await new Promise((resolve) => worker.addEventListener("statechange", () => {
        if (worker.state === "redundant" || worker.state === "activated") resolve(worker.state);
    }));
}"""


@pytest.fixture
def sw_context(browser: Any) -> Iterator[Any]:
    """A context that lets the site's service worker run."""
    context = browser.new_context(service_workers="allow")
    try:
        yield context
    finally:
        context.close()


def _wait_mark(page: Any, name: str, timeout: int = ENGINE_TIMEOUT_MS) -> None:
    page.wait_for_function(
        "(name) => performance.getEntriesByName(name).length > 0", arg=name, timeout=timeout
    )


def _kept_by(page: Any, name: str) -> str:
    """The deploy (cache version) that answered the page's latest ``name`` mark."""
    _wait_mark(page, name)
    return str(page.evaluate(
        "(name) => performance.getEntriesByName(name).at(-1).detail.version", name
    ))


def _wait_caches(page: Any, expected: list[str]) -> None:
    """Poll the origin's caches until they are exactly ``expected`` (cache versions)."""
    deadline = time.monotonic() + ENGINE_TIMEOUT_MS / 1000
    names: list[str] = []
    while time.monotonic() < deadline:
        names = page.evaluate(CACHE_NAMES)
        if names == expected:
            return
        time.sleep(0.2)
    workers = page.evaluate(WORKERS)
    raise AssertionError(f"caches are {names}, expected {expected}; workers: {workers}")


def _visit_first_deploy(page: Any, server: DeployServer) -> None:
    """A reader opens a guidance page and the calculator until its engine is kept."""
    page.goto(server.site.page_url("fundamentals/"))
    _wait_mark(page, "offline:page-kept", UI_TIMEOUT_MS * 2)
    open_calculator_live(page, server.site.page_url(CALCULATOR_PAGE))
    _wait_mark(page, "offline:engine-kept")


def _assert_works_offline(page: Any, server: DeployServer, site_dir: Path) -> None:
    """Every page opens from the cache, search works, the calculator boots and recomputes."""
    for path in site_pages(site_dir):
        if path in ("404.html", "503.html"):
            continue
        response = page.goto(server.site.page_url(path))
        assert response is not None and response.ok, f"{path or '(overview)'} failed offline"
        assert page.locator("article h1").first.is_visible(), path
        title = page.title()
        assert title and not title.startswith("Offline"), f"{path}: {title}"
    run_search(page, "fine-tuning")
    page.goto(server.site.page_url(CALCULATOR_PAGE) + "?examples=30000")
    wait_engine(page, "ready")
    before = result_count(page)
    set_field(page, "examples", "40000")
    wait_live_result(page, before)


def test_offline_survives_a_deploy(sw_context: Any, built_site: Path, tmp_path: Path) -> None:
    """After a deploy with changed content, everything works offline, the new content included.

    The engine's files kept the same URLs, so the new cache copies them from
    the old one: the deploy downloads none of them again.
    """
    changed = build_changed_site(tmp_path, MARKER)
    version = offline.cache_version
    first, second = version(built_site), version(changed)
    assert first != second

    page = sw_context.new_page()
    server = DeployServer(tmp_path).start()
    try:
        server.deploy(built_site)
        _visit_first_deploy(page, server)
        assert page.evaluate(CACHE_NAMES) == [first]
        assert _kept_by(page, "offline:engine-kept") == first

        server.deploy(changed)
        page.goto(server.site.page_url(""))
        # The page waits for the new deploy to take over before it asks for a
        # copy: the old one's cache is about to go.
        assert _kept_by(page, "offline:page-kept") == second
        _wait_caches(page, [second])
        downloaded = sorted({path for path in server.requests if ENGINE_PATH.search(path)})
        assert downloaded == [], f"the deploy downloaded engine files again: {downloaded}"
    finally:
        server.stop()

    _assert_works_offline(page, server, changed)
    page.goto(server.site.page_url("fundamentals/"))
    assert page.get_by_text(MARKER).is_visible(), "offline copy is from the old deploy"


def test_missing_address_offline_gets_the_offline_page(
    sw_context: Any, built_site: Path, tmp_path: Path
) -> None:
    """Offline, an address without a saved copy shows the themed offline page."""
    page = sw_context.new_page()
    with DeployServer(tmp_path) as server:
        server.deploy(built_site)
        page.goto(server.site.page_url(""))
        _wait_mark(page, "offline:page-kept", UI_TIMEOUT_MS * 2)
    response = page.goto(server.site.page_url("no-such-page/deeper/"))
    assert response is not None and response.status == 503
    assert page.title().startswith("Offline")
    assert page.locator("h1#offline").is_visible()
    position = page.evaluate(
        "() => getComputedStyle(document.querySelector('.md-header')).position"
    )
    assert position == "sticky", "the offline page has no stylesheet"
    overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"the offline page is {overflow}px wider than the window"
    links = page.locator("article a[href]").evaluate_all("(links) => links.map((a) => a.href)")
    assert server.site.page_url("calculator/") in links


def test_failed_update_keeps_the_previous_copy(
    sw_context: Any, built_site: Path, tmp_path: Path
) -> None:
    """A deploy whose files cannot all be stored leaves the previous offline copy intact."""
    broken = tmp_path / "site-broken"
    shutil.copytree(built_site, broken)
    shutil.rmtree(broken / "glossary")
    worker = broken / "sw.js"
    first = offline.cache_version(built_site)
    worker.write_text(
        worker.read_text(encoding="utf-8").replace(first, "brokendeploy0000"), encoding="utf-8"
    )

    page = sw_context.new_page()
    server = DeployServer(tmp_path).start()
    try:
        server.deploy(built_site)
        _visit_first_deploy(page, server)
        server.deploy(broken)
        assert page.evaluate(UPDATE) == "redundant"
        assert page.evaluate(CACHE_NAMES) == [first]
    finally:
        server.stop()
    _assert_works_offline(page, server, built_site)


def test_missing_page_logs_no_offline_warning(
    sw_context: Any, built_site: Path, tmp_path: Path
) -> None:
    """Opening a missing address (the 404 page) keeps its files without a warning."""
    page = sw_context.new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    with DeployServer(tmp_path) as server:
        server.deploy(built_site)
        page.goto(server.site.page_url(""))
        _wait_mark(page, "offline:page-kept", UI_TIMEOUT_MS * 2)
        response = page.goto(server.site.page_url("no-such-page/"))
        assert response is not None and response.status == 404
        assert page.locator("h1#page-not-found").is_visible()
        _wait_mark(page, "offline:page-kept", UI_TIMEOUT_MS * 2)
    warnings = [text for text in messages if "Offline" in text or "offline" in text]
    assert warnings == [], warnings


def test_new_engine_files_are_kept_generically(tmp_path: Path) -> None:
    """Any file added under the engine's versioned folders is part of the engine."""
    module = offline
    site = tmp_path / "site"
    for path in (
        "assets/pyodide/9.9.9/pyodide.mjs",
        "assets/calculator/calculator-abc.zip",
        "assets/calculator/snapshot-0123.bin.gz",
        "assets/calculator/more/part-1.bin",
    ):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_bytes(b"x")
    versioned = ["assets/pyodide/9.9.9/", "assets/calculator/"]
    assert module.engine_files(site, versioned) == [
        "assets/pyodide/9.9.9/pyodide.mjs",
        "assets/calculator/calculator-abc.zip",
        "assets/calculator/more/part-1.bin",
        "assets/calculator/snapshot-0123.bin.gz",
    ]


def test_service_worker_lists_every_page(built_site: Path) -> None:
    """The built worker precaches every page, the search index and the offline page."""
    module = offline
    text = (built_site / "sw.js").read_text(encoding="utf-8")
    pages = module.page_urls(built_site)
    expected = [p for p in site_pages(built_site) if p not in ("404.html", "503.html")]
    assert pages == expected
    for page in pages:
        assert f'"{page}"' in text
    assert '"offline":"503.html"' in text and "search/search_index.json" in text
