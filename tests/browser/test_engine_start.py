"""How the calculator's engine starts, in Debian's Chromium, and how it says why it did not.

The fast way restores the memory snapshot the build made; every way the
snapshot can be unusable (missing, damaged, made by another Pyodide build)
must fall back to a normal boot and still reach ``data-engine="ready"``.
Each engine file that is missing or damaged must fail the start at once with
one sentence naming the file, the technical detail behind a disclosure, and a
"Try again" button. Files are broken with Playwright routes on the real
built site; nothing is mocked.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from calculator.web import compute
from sitebuild import snapshot_pack
from tests.conftest import SiteServer, serve
from tests.throttled_host import Line, serve_line

pytestmark = pytest.mark.browser

ENGINE_TIMEOUT = 90_000
UI_TIMEOUT = 15_000
PAGE = "calculator/"
SNAPSHOT = r".*/calculator-snapshot-[0-9a-f]+\.bin\.gz$"
ARCHIVE = r".*/assets/calculator/calculator-[0-9a-f]+\.zip$"
STDLIB = r".*/python_stdlib\.zip$"
# Damaged bodies, one per kind of file, served with the right MIME type so that
# only the content is wrong.
DAMAGED = {
    ".mjs": (b"export const broken = {;\n", "text/javascript"),
    ".js": (b"self.onmessage = (;\n", "text/javascript"),
    ".wasm": (b"\0asn-not-webassembly" * 64, "application/wasm"),
    ".json": (b'{"info": ', "application/json"),
    ".zip": (b"this is not a zip archive" * 64, "application/zip"),
}


# The worker chooses the start by the line it measures (calculator-worker.js);
# these tests are about the snapshot start and its fallbacks, so the page names
# it (#calculator[data-engine-start]) whatever a busy machine measures.
# Set the moment the parser makes #calculator: a link's head script sends the
# engine its data attributes then (calculator-link.js).
SNAPSHOT_START = """new MutationObserver((records, observer) => {
  const root = document.getElementById("calculator");
  if (!root) return;
  if (!root.dataset.engineStart) root.dataset.engineStart = "snapshot";
  observer.disconnect();
}).observe(document, { childList: true, subtree: true });"""


@pytest.fixture(autouse=True)
def snapshot_start(context: Any) -> None:
    context.add_init_script(SNAPSHOT_START)


# --- helpers ---------------------------------------------------------------


def pattern(name: str) -> re.Pattern[str]:
    return re.compile(name if name.startswith(".*") else rf".*/{re.escape(name)}$")


def missing(context: Any, name: str) -> None:
    context.route(pattern(name), lambda route: route.fulfill(status=404, body="Not found"))


def damaged(context: Any, name: str) -> None:
    suffix = "." + name.rstrip("$").rsplit(".", 1)[-1]
    body, mime = DAMAGED[suffix]
    context.route(pattern(name),
                  lambda route: route.fulfill(status=200, body=body, content_type=mime))


def open_calculator(context: Any, server: SiteServer, wait_until: str = "load") -> Any:
    page = context.new_page()
    page.goto(server.page_url(PAGE), wait_until=wait_until)
    page.wait_for_selector("#calculator:is([data-engine=ready], [data-engine=failed])",
                           timeout=ENGINE_TIMEOUT)
    return page


def assert_live(page: Any, boot: str) -> None:
    """Ready, started the expected way, and showing what Python computes."""
    assert page.get_attribute("#calculator", "data-engine") == "ready", status(page)
    assert page.get_attribute("#calculator", "data-engine-boot") == boot
    page.wait_for_selector("#calculator-result[data-source=live]", timeout=ENGINE_TIMEOUT)
    page.locator("#calculator [name=examples]").fill("50000")
    site_url = page.get_attribute("#calculator", "data-site-url")
    prefix = page.get_attribute("#calculator", "data-page-prefix")
    want = compute("examples=50000", site_url, prefix)
    page.wait_for_function(
        "(v) => document.getElementById('calculator-result').dataset.verdict === v"
        " && location.search.includes('examples=50000')",
        arg=want["verdict"], timeout=ENGINE_TIMEOUT)


def status(page: Any) -> str:
    return str(page.inner_text("#calculator-status"))


def details(page: Any) -> str:
    return str(page.locator(".tp-failure-detail").text_content())


def fallback(page: Any) -> str:
    return str(page.get_attribute("#calculator", "data-engine-fallback") or "")


def assert_failed(page: Any, code: str, file: str) -> None:
    """Failed, with the cause in one sentence naming the file, details and a retry button."""
    assert page.get_attribute("#calculator", "data-engine") == "failed"
    text = status(page)
    first = text.split(". ")[0]
    assert first.startswith("Live recalculation is unavailable because"), text
    assert file in first, text
    assert "Traceback" not in text and "exit(" not in text, text
    assert f"code: {code}" in details(page), details(page)
    assert page.locator(".tp-failure details").get_attribute("open") is None
    assert page.get_by_role("button", name="Try again").is_visible()
    assert page.get_attribute("#calculator-result", "data-source") == "prerendered"


def mirror(site: Path, target: Path) -> Path:
    """``target`` made to look like ``site`` through symbolic links; returns the Pyodide folder.

    The Pyodide folder is a real folder (of links) so that files can be added to it.
    """
    base = next((site / "assets" / "pyodide").iterdir())
    for entry in site.iterdir():
        if entry.name != "assets":
            (target / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    (target / "assets" / "pyodide").mkdir(parents=True)
    for entry in (site / "assets").iterdir():
        if entry.name != "pyodide":
            (target / "assets" / entry.name).symlink_to(entry, target_is_directory=True)
    folder = target / "assets" / "pyodide" / base.name
    folder.mkdir()
    for entry in base.iterdir():
        (folder / entry.name).symlink_to(entry)
    return folder


@pytest.fixture(scope="module")
def variant_server(built_site: Path, tmp_path_factory: pytest.TempPathFactory
                   ) -> Iterator[SiteServer]:
    """The built site plus two variants of its snapshot, next to the real one.

    ``calculator-snapshot-raw.bin``: the packed snapshot as a host that decodes
    ``.gz`` files itself delivers it. ``calculator-snapshot-other.bin.gz``: the real
    snapshot with another build id in its header, as another Pyodide build
    would have made it.
    """
    folder = mirror(built_site, tmp_path_factory.mktemp("variants"))
    real = next(folder.glob("calculator-snapshot-*.bin.gz"))
    packed = gzip.decompress(real.read_bytes())
    (folder / "calculator-snapshot-raw.bin").write_bytes(packed)
    wasm = (folder / "pyodide.asm.wasm").read_bytes()
    heap = bytearray(snapshot_pack.unpack(packed, wasm))
    heap[20] ^= 0xFF  # inside the build id (bytes 16 to 47 of the header)
    other = snapshot_pack.pack(bytes(heap), wasm)
    (folder / "calculator-snapshot-other.bin.gz").write_bytes(gzip.compress(other, 1))
    with serve(folder.parents[2]) as server:
        yield server


def use_snapshot(context: Any, name: str) -> None:
    """Point the calculator page at another snapshot file of the Pyodide folder."""

    def rewrite(route: Any) -> None:
        response = route.fetch()
        body = re.sub(r'(data-snapshot="[^"]*/)calculator-snapshot-[^"]+"', rf'\g<1>{name}"',
                      response.text())
        assert name in body
        route.fulfill(response=response, body=body)

    context.route(re.compile(r".*/calculator/$"), rewrite)


# --- the fast start and its fallbacks ------------------------------------------


def test_snapshot_start_needs_no_standard_library_and_no_import(
    context: Any, site_server: SiteServer
) -> None:
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = open_calculator(context, site_server)
    assert_live(page, "snapshot")
    assert fallback(page) == ""
    assert any(re.match(SNAPSHOT, url) for url in requested)
    assert not any(re.match(STDLIB, url) or re.match(ARCHIVE, url) for url in requested)


def test_pyodide_instantiates_while_the_snapshot_is_still_arriving(
    context: Any, built_site: Path
) -> None:
    """The snapshot is unpacked as it arrives, and Pyodide instantiates meanwhile.

    Through a 10 Mbit/s host the last of the 4.6 MB snapshot arrives about a
    second after the 3.6 MB WebAssembly (they share the line; on a busy machine
    compiling it takes a few hundred ms of that). Pyodide needs only the image's
    size to instantiate, so it must have done so before the image is whole (the
    worker's marks), not after, as when it waited for every byte (0.06 s after,
    measured with that planted); and the start still answers.
    """
    workers: list[Any] = []
    with serve_line(built_site, Line(mbit=10, delay_ms=60)) as server:
        page = context.new_page()
        page.on("worker", lambda worker: workers.append(worker))
        page.goto(server.page_url(PAGE))
        page.wait_for_selector("#calculator:is([data-engine=ready], [data-engine=failed])",
                               timeout=ENGINE_TIMEOUT)
        assert page.get_attribute("#calculator", "data-engine-boot") == "snapshot", status(page)
        engine = next(worker for worker in workers if worker.url.startswith("blob:"))
        marks = engine.evaluate("""() => Object.fromEntries(performance.getEntriesByType("mark")
            .map((mark) => [mark.name, mark.startTime]))""")
        assert marks["engine:wasm-instantiated"] < marks["engine:snapshot-bytes"], marks
        assert marks["engine:snapshot-bytes"] < marks["engine:booted"], marks
        page.wait_for_selector("#calculator-result[data-source=live]", timeout=ENGINE_TIMEOUT)


def test_engine_starts_once_the_page_has_loaded(context: Any, site_server: SiteServer) -> None:
    """The worker, and with it the engine's downloads, start after the load event.

    Started earlier, they compete with the first paint and the theme's own
    start for the network and the processor (Lighthouse's total blocking time
    on the calculator page grew by a third), for no earlier first live result.
    """
    page = open_calculator(context, site_server)
    timing = page.evaluate("""() => ({
        load: performance.getEntriesByType("navigation")[0].loadEventStart,
        start: performance.getEntriesByName("calculator:engine-start")[0].startTime,
    })""")
    assert timing["load"] > 0
    assert timing["start"] >= timing["load"], timing
    assert_live(page, "snapshot")


def test_engine_starts_when_the_load_event_is_held_up(
    context: Any, site_server: SiteServer
) -> None:
    """An image that never arrives holds the load event; the engine starts regardless."""
    held: list[Any] = []
    context.route(re.compile(r".*/held-up\.png$"), lambda route: held.append(route))  # unanswered

    def add_image(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text().replace(
            "</article>", '<img src="held-up.png" alt=""></article>', 1))

    context.route(re.compile(r".*/calculator/$"), add_image)
    page = open_calculator(context, site_server, wait_until="domcontentloaded")
    assert held, "the image was not requested"
    assert page.evaluate("document.readyState") != "complete"
    assert_live(page, "snapshot")


def test_missing_snapshot_falls_back_to_a_normal_boot(
    context: Any, site_server: SiteServer
) -> None:
    missing(context, SNAPSHOT)
    page = open_calculator(context, site_server)
    assert_live(page, "normal")
    assert "HTTP 404" in fallback(page)


def test_damaged_snapshot_is_rejected_and_falls_back(
    context: Any, site_server: SiteServer
) -> None:
    damaged_bytes = gzip.compress(b"\x07" * (1 << 20))
    context.route(pattern(SNAPSHOT), lambda route: route.fulfill(
        status=200, body=damaged_bytes, content_type="application/gzip"))
    page = open_calculator(context, site_server)
    assert_live(page, "normal")
    assert "memory snapshot could not be used" in fallback(page)


def test_snapshot_from_another_pyodide_build_falls_back(
    context: Any, variant_server: SiteServer
) -> None:
    use_snapshot(context, "calculator-snapshot-other.bin.gz")
    page = open_calculator(context, variant_server)
    assert_live(page, "normal")
    assert "build id mismatch" in fallback(page)


def test_page_without_a_snapshot_boots_normally(context: Any, site_server: SiteServer) -> None:
    """A page from before the snapshot existed (or a cached one) offers none: a normal boot."""

    def strip(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response,
                      body=re.sub(r' data-snapshot="[^"]*"', "", response.text()))

    context.route(re.compile(r".*/calculator/$"), strip)
    page = open_calculator(context, site_server)
    assert_live(page, "normal")
    assert fallback(page) == "no memory snapshot was offered"


def test_snapshot_sent_already_decoded_by_the_host_is_used(
    context: Any, variant_server: SiteServer
) -> None:
    """Hosts that add Content-Encoding: gzip for .gz files hand the worker the raw heap."""
    use_snapshot(context, "calculator-snapshot-raw.bin")
    page = open_calculator(context, variant_server)
    assert_live(page, "snapshot")


def test_wasm_with_the_wrong_mime_type_still_starts(
    context: Any, site_server: SiteServer
) -> None:
    """A host that sends .wasm as octet-stream breaks only the streaming compile."""

    def octet_stream(route: Any) -> None:
        response = route.fetch()
        route.fulfill(response=response, content_type="application/octet-stream")

    context.route(pattern("pyodide.asm.wasm"), octet_stream)
    page = open_calculator(context, site_server)
    assert_live(page, "snapshot")


# --- failures a reader can read ---------------------------------------------------

# (file, route pattern, files the start needs that way: snapshot 404 forces a normal boot)
FILES = [
    ("calculator-worker.js", "calculator-worker.js", False),
    ("pyodide.mjs", "pyodide.mjs", False),
    ("pyodide.asm.mjs", "pyodide.asm.mjs", False),
    ("pyodide.asm.wasm", "pyodide.asm.wasm", False),
    ("pyodide-lock.json", "pyodide-lock.json", False),
    ("python_stdlib-none.zip", "python_stdlib-none.zip", False),
    ("python_stdlib.zip", STDLIB, True),
    ("calculator-", ARCHIVE, True),
]
MISSING_CODE = {"calculator-worker.js": "worker"}
DAMAGED_CODE = {"calculator-worker.js": "worker"}


@pytest.mark.parametrize(("file", "route", "normal_boot"), FILES, ids=[f[0] for f in FILES])
def test_missing_file_fails_at_once_naming_it(
    context: Any, site_server: SiteServer, file: str, route: str, normal_boot: bool
) -> None:
    if normal_boot:
        missing(context, SNAPSHOT)
    missing(context, route)
    page = open_calculator(context, site_server)
    code = MISSING_CODE.get(file, "http")
    assert_failed(page, code, file)
    if code == "http":
        assert "missing from this site (HTTP 404)" in status(page)
        assert "HTTP status: 404" in details(page)


# The restored interpreter never reads its stand-in for the standard library.
DAMAGEABLE = [f for f in FILES if f[0] != "python_stdlib-none.zip"]


@pytest.mark.parametrize(("file", "route", "normal_boot"), DAMAGEABLE,
                         ids=[f[0] for f in DAMAGEABLE])
def test_damaged_file_fails_naming_it(
    context: Any, site_server: SiteServer, file: str, route: str, normal_boot: bool
) -> None:
    if normal_boot:
        missing(context, SNAPSHOT)
    damaged(context, route)
    page = open_calculator(context, site_server)
    code = DAMAGED_CODE.get(file, "corrupt")
    assert_failed(page, code, file)
    if code == "corrupt":
        assert "arrived damaged" in status(page)


def test_unreachable_file_says_to_check_the_connection(
    context: Any, site_server: SiteServer
) -> None:
    context.route(pattern("pyodide.asm.wasm"), lambda route: route.abort())
    page = open_calculator(context, site_server)
    assert_failed(page, "network", "pyodide.asm.wasm")
    assert "check your connection" in status(page)


def test_slow_file_still_starts(context: Any, site_server: SiteServer) -> None:
    """A file that takes its time is waited for, not reported as a failure."""
    held: list[Any] = []
    context.route(pattern("pyodide.asm.wasm"), lambda route: held.append(route))
    page = context.new_page()
    page.goto(site_server.page_url(PAGE))
    page.wait_for_function("() => true")
    deadline_polls = 0
    while not held and deadline_polls < 300:
        page.wait_for_timeout(50)  # Playwright dispatches the route while waiting
        deadline_polls += 1
    assert held, "the WebAssembly was never requested"
    assert page.get_attribute("#calculator", "data-engine") == "loading"
    for route in held:
        route.continue_()
    page.wait_for_selector("#calculator[data-engine=ready]", timeout=ENGINE_TIMEOUT)


def test_file_that_never_arrives_times_out_with_a_sentence(
    context: Any, site_server: SiteServer
) -> None:
    def shorten(route: Any) -> None:
        response = route.fetch()
        body = re.sub(r'data-timeout="\d+"', 'data-timeout="2000"', response.text())
        route.fulfill(response=response, body=body)

    context.route(re.compile(r".*/calculator/$"), shorten)
    context.route(pattern("pyodide.asm.wasm"), lambda route: None)  # never answered
    page = open_calculator(context, site_server)
    assert_failed(page, "timeout", "")
    assert "did not start within 2 seconds" in status(page)
    assert "slow connection" in status(page)


def test_webassembly_turned_off(context: Any, site_server: SiteServer) -> None:
    context.add_init_script("delete globalThis.WebAssembly;")
    page = open_calculator(context, site_server)
    assert_failed(page, "no-webassembly", "")
    assert "WebAssembly turned off" in status(page)


def test_cause_stays_after_edits_and_try_again_starts_the_engine(
    context: Any, site_server: SiteServer
) -> None:
    missing(context, "pyodide.asm.wasm")
    page = open_calculator(context, site_server)
    assert_failed(page, "http", "pyodide.asm.wasm")
    page.locator("#calculator [name=examples]").fill("50000")
    page.locator("#calculator [name=examples]").press("Tab")
    assert "pyodide.asm.wasm" in status(page)
    assert "not running" not in status(page)
    assert "--query 'examples=50000" in status(page)

    context.unroute(pattern("pyodide.asm.wasm"))
    page.get_by_role("button", name="Try again").click()
    page.wait_for_selector("#calculator[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    assert not page.locator(".tp-failure").is_visible()
    page.wait_for_function(
        "() => document.getElementById('calculator-result').dataset.source === 'live'"
        " && location.search.includes('examples=50000')", timeout=ENGINE_TIMEOUT)


def test_first_answer_for_the_defaults_keeps_the_prerendered_result(
    context: Any, site_server: SiteServer
) -> None:
    """Same code, same inputs: the page relabels the build's result instead of redrawing it."""
    held: list[Any] = []
    context.route(pattern("pyodide.asm.wasm"), lambda route: held.append(route))
    page = context.new_page()
    page.goto(site_server.page_url(PAGE))
    page.evaluate("document.querySelector('#calculator-result > *').dataset.probe = 'built'")
    polls = 0
    while not held and polls < 300:
        page.wait_for_timeout(50)  # Playwright dispatches the route while waiting
        polls += 1
    for route in held:
        route.continue_()
    page.wait_for_selector("#calculator-result[data-source=live]", timeout=ENGINE_TIMEOUT)
    assert page.locator("#calculator-result [data-probe=built]").count() == 1
    page.locator("#calculator [name=examples]").fill("50000")
    page.wait_for_function(
        "() => !document.querySelector('#calculator-result [data-probe]')", timeout=ENGINE_TIMEOUT)


@pytest.mark.parametrize(("width", "scheme"), [(390, "dark"), (1280, "light")])
def test_failure_tools_fit_and_read_like_the_page_buttons(
    browser: Any, site_server: SiteServer, width: int, scheme: str
) -> None:
    """Seen at 390 px dark and 1280 px light: nothing overflows, the details wrap, and
    "Try again" is drawn like the toolbar's buttons (readable in both colour schemes)."""
    context = browser.new_context(service_workers="block", color_scheme=scheme,
                                  viewport={"width": width, "height": 900})
    try:
        missing(context, "pyodide.asm.wasm")
        page = open_calculator(context, site_server)
        page.locator(".tp-failure summary").click()
        geometry = page.evaluate("""() => {
            const box = (s) => document.querySelector(s).getBoundingClientRect();
            const style = (s) => getComputedStyle(document.querySelector(s));
            return {
                scroll: document.documentElement.scrollWidth,
                retry: box('.tp-retry').toJSON(), details: box('.tp-failure details').toJSON(),
                pre: box('.tp-failure-detail').toJSON(),
                wrap: style('.tp-failure-detail').whiteSpace,
                retryColor: style('.tp-retry').color,
                toolbarColor: style('.tp-toolbar .md-button').color,
            };
        }""")
    finally:
        context.close()
    assert geometry["scroll"] <= width
    assert geometry["wrap"] == "pre-wrap"
    assert geometry["pre"]["right"] <= geometry["details"]["right"] + 1
    assert geometry["retryColor"] == geometry["toolbarColor"]
    if width >= 1000:  # side by side
        assert geometry["details"]["left"] >= geometry["retry"]["right"]
    else:  # stacked
        assert geometry["details"]["top"] >= geometry["retry"]["bottom"]
