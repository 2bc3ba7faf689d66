"""The calculator page as a person sees it, at 390, 1280 and 1920 px, light and dark.

These tests measure geometry and computed styles in Debian's Chromium, never
pixels: the cost chart fills its column and its text is readable, no table
cell overflows or breaks a word, tables have rules, the legend has no list
markers, the verdict is in the first screen on a phone, the result column
sits beside the form and stays in view on wide screens, and nothing makes the
page scroll sideways. Each state is also saved as screenshots, in a folder the
run prints (set ``TP_SCREENSHOTS`` to choose it), for a person to look at.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from calculator.web import compute
from tests.conftest import SiteServer

pytestmark = pytest.mark.browser

ENGINE_TIMEOUT = 90_000
WIDTHS = {390: 844, 1280: 900, 1920: 1080}
PALETTES = ("light", "dark")
NARROW = 390
MIN_CHART_TEXT_PX = 12.0

# (state name, field values typed into the form, expected verdict or None)
STATES: tuple[tuple[str, dict[str, str], str | None], ...] = (
    ("default", {}, None),
    ("fine-tuning", {"examples": "50000", "consistency": "critical", "latency": "critical",
                     "stage": "scaling", "deadline_weeks": "20"}, "fine-tuning"),
    ("prompt-engineering", {"examples": "100", "task": "general", "stage": "exploring"},
     "prompt-engineering"),
)


# --- screenshots --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def screenshot_dir(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """Where this run's screenshots go; printed at the start and at the end of the run."""
    chosen = os.environ.get("TP_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("calculator-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    plugins = request.config.pluginmanager
    reporter = plugins.getplugin("terminalreporter")
    capture = plugins.getplugin("capturemanager")

    def say(text: str) -> None:
        # Output capture is on while fixtures run: lift it for this line.
        with capture.global_and_fixture_disabled():
            reporter.write_line(text)

    say(f"\ncalculator screenshots: {folder}")
    yield folder
    say(f"\ncalculator screenshots saved in {folder} "
        f"({len(list(folder.glob('*.png')))} files)")


def _shoot(page: Any, folder: Path, name: str) -> None:
    """The viewport at the result's top, its changes, the cost chart and the factors."""
    page.evaluate("window.scrollTo(0, 0)")
    page.evaluate("document.querySelector('.tp-output')?.scrollTo(0, 0)")
    page.screenshot(path=str(folder / f"{name}-top.png"))
    for part, selector in (("changes", "#tp-changes-title"),
                           ("chart", "#calculator-result .tp-figure"),
                           ("factors", "#calculator-result .tp-factors-figure")):
        page.evaluate("(s) => document.querySelector(s)?.scrollIntoView({block: 'start'})",
                      selector)
        page.screenshot(path=str(folder / f"{name}-{part}.png"))
    page.evaluate("window.scrollTo(0, 0)")


# --- measurements -------------------------------------------------------------------------

# Runs in the page: every measurement the assertions below need, in one call.
MEASURE = r"""
() => {
  const px = (v) => parseFloat(v) || 0;
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  };
  const region = document.getElementById('calculator-result');
  const result = region.querySelector('.tp-result');
  const out = {};

  // The cost chart: drawn extent (the SVG and its labels) against its column.
  const svg = result.querySelector('svg.tp-chart');
  const column = result.getBoundingClientRect();
  const boxes = [svg, ...svg.querySelectorAll('text')].map((e) => e.getBoundingClientRect());
  const left = Math.min(...boxes.map((b) => b.left));
  const right = Math.max(...boxes.map((b) => b.right));
  out.chart = {
    drawn: right - left, column: column.width - px(getComputedStyle(result).paddingLeft)
      - px(getComputedStyle(result).paddingRight),
    texts: [...svg.querySelectorAll('text')].map((t) => ({
      text: t.textContent,
      px: px(getComputedStyle(t).fontSize) * Math.abs(t.getScreenCTM().a),
      height: t.getBoundingClientRect().height,
    })),
  };

  // Cells and factor names: overflow, and words split across lines.
  const words = (el) => {
    const found = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // A break at a hyphen or a slash is fine; inside a word it is not.
      for (const match of node.data.matchAll(/[^\s\-\u2010-\u2015\/]+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0)
          .map((r) => Math.round(r.top)));
        if (lines.size > 1) found.push(match[0]);
      }
    }
    return found;
  };
  out.cells = [...document.querySelectorAll(
    '#calculator-result :is(td, th), #calculator-result .tp-factor-name, ' +
    '#calculator-glance .tp-verdict, #calculator-glance dd')]
    .filter(visible)
    .map((el) => ({
      text: el.textContent.trim().slice(0, 60),
      overflow: el.scrollWidth - el.clientWidth,
      broken: words(el),
    }));

  // Tables: a visible border or rule on the table or its cells.
  const ruled = (el) => ['Top', 'Bottom', 'Left', 'Right'].some((side) => {
    const s = getComputedStyle(el);
    const color = s[`border${side}Color`];
    return px(s[`border${side}Width`]) > 0 && s[`border${side}Style`] !== 'none'
      && !/rgba\(.*,\s*0\)$/.test(color) && color !== 'transparent';
  });
  // Tables on screen only (the inputs table is for paper).
  out.tables = [...document.querySelectorAll('#calculator-result table')]
    .filter((t) => t.getClientRects().length > 0).map((t) => ({
    caption: t.caption ? t.caption.textContent : '',
    table: ruled(t),
    cells: [...t.querySelectorAll('td')].some(ruled),
    // A table wider than its column would need a sideways scroll to be read.
    overflow: t.parentElement.scrollWidth - t.parentElement.clientWidth,
  }));

  // The legend.
  out.legend = [...result.querySelectorAll('.tp-legend, .tp-legend li')].map((el) => ({
    tag: el.tagName, listStyle: getComputedStyle(el).listStyleType,
    display: getComputedStyle(el).display,
  }));

  // Factor bars.
  out.bars = [...result.querySelectorAll('.tp-factor .tp-bar')].map((b) => ({
    width: b.getBoundingClientRect().width,
    fill: Math.max(0, ...[...b.querySelectorAll('rect')]
      .map((r) => r.getBoundingClientRect().width)),
  }));

  // Page, layout and the verdict at a glance.
  const form = document.querySelector('.tp-inputs').getBoundingClientRect();
  const output = document.querySelector('.tp-output');
  const outRect = output.getBoundingClientRect();
  const layout = document.querySelector('.tp-layout').getBoundingClientRect();
  const glance = document.getElementById('calculator-glance');
  const glanceRect = glance.getBoundingClientRect();
  out.page = {
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    innerHeight: window.innerHeight, scrollY: window.scrollY,
    form: { left: form.left, right: form.right, top: form.top },
    output: { left: outRect.left, right: outRect.right, top: outRect.top,
              width: outRect.width, position: getComputedStyle(output).position },
    layoutWidth: layout.width,
    glance: { shown: getComputedStyle(glance).display !== 'none' && visible(glance),
              top: glanceRect.top, bottom: glanceRect.bottom,
              text: glance.textContent },
    verdictLabel: result.querySelector('.tp-verdict-label').textContent,
  };
  return out;
}
"""


def _check(m: dict[str, Any], width: int, where: str) -> None:
    """Every visual assertion of the issue, on one measured state."""
    chart = m["chart"]
    assert chart["drawn"] >= 0.9 * chart["column"], (
        f"{where}: the cost chart is {chart['drawn']:.0f} px wide in a "
        f"{chart['column']:.0f} px column")
    small = [t for t in chart["texts"] if t["px"] < MIN_CHART_TEXT_PX]
    assert chart["texts"] and not small, f"{where}: chart text under 12 px on screen: {small}"

    overflowing = [c for c in m["cells"] if c["overflow"] > 1]
    assert not overflowing, f"{where}: cell content overflows its cell: {overflowing}"
    broken = [c for c in m["cells"] if c["broken"]]
    assert not broken, f"{where}: words broken across lines: {broken}"
    assert len(m["cells"]) >= 10, f"{where}: too few cells measured: {m['cells']}"

    assert m["tables"], f"{where}: no result table"
    unruled = [t for t in m["tables"] if not (t["table"] or t["cells"])]
    assert not unruled, f"{where}: tables without visible borders or rules: {unruled}"
    wide = [t for t in m["tables"] if t["overflow"] > 1]
    assert not wide, f"{where}: tables wider than their column: {wide}"

    markers = [item for item in m["legend"] if item["listStyle"] != "none"]
    assert len(m["legend"]) == 3 and not markers, f"{where}: legend list markers: {markers}"

    bars = m["bars"]
    assert bars and min(b["width"] for b in bars) >= 60, f"{where}: factor bars too small: {bars}"
    assert max(b["fill"] for b in bars) >= 25, f"{where}: the strongest pull is a sliver: {bars}"

    page = m["page"]
    assert page["scrollWidth"] <= page["innerWidth"], (
        f"{where}: the page scrolls sideways ({page['scrollWidth']} > {page['innerWidth']})")
    if width == NARROW:
        glance = page["glance"]
        assert glance["shown"], f"{where}: no verdict summary above the form"
        assert glance["bottom"] <= page["innerHeight"], (
            f"{where}: the verdict summary ends at {glance['bottom']:.0f} px, below the "
            f"first screen ({page['innerHeight']} px)")
        assert page["verdictLabel"] in glance["text"], (
            f"{where}: the summary does not show the verdict {page['verdictLabel']!r}")
    else:
        out = page["output"]
        assert out["left"] >= page["form"]["right"], f"{where}: result not beside the form"
        assert out["width"] >= 0.55 * page["layoutWidth"], (
            f"{where}: result column {out['width']:.0f} px of {page['layoutWidth']:.0f} px")
        assert out["position"] == "sticky", f"{where}: result column is {out['position']}"
        assert not page["glance"]["shown"], f"{where}: the narrow-screen summary shows"


# --- page driving -------------------------------------------------------------------------


def _set(page: Any, values: dict[str, str]) -> None:
    """Type values as a user would and wait for the live result of all of them.

    The address bar takes each result's query, so the result is the one for every value
    typed once the address shows the query the engine gives for them (beside any pin).
    """
    want = compute("&".join(f"{name}={value}" for name, value in values.items()))["query"]
    for name, value in values.items():
        control = page.locator(f"#calculator [name='{name}']")
        if control.evaluate("(el) => el.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.evaluate("(el) => el.closest('details')?.setAttribute('open', '')")
            control.fill(value)
    page.wait_for_function(
        """(q) => {
            const query = new URLSearchParams(location.search);
            query.delete("pin");  // a comparison keeps its pinned scenario beside the inputs
            return query.toString() === q
                && document.getElementById("calculator-result").dataset.state === "fresh";
        }""", arg=want, timeout=ENGINE_TIMEOUT)


@pytest.fixture(params=[(w, p) for w in WIDTHS for p in PALETTES],
                ids=lambda wp: f"{wp[0]}px-{wp[1]}")
def sized_page(browser: Any, request: pytest.FixtureRequest) -> Iterator[tuple[Any, int, str]]:
    """A fresh page at one width and palette, on the calculator with its engine ready."""
    width, palette = request.param
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]},
                                  color_scheme=palette, service_workers="block")
    try:
        yield context.new_page(), width, palette
    finally:
        context.close()


def test_calculator_looks_right_in_every_state(
    sized_page: tuple[Any, int, str], site_server: SiteServer, screenshot_dir: Path
) -> None:
    """Default, fine-tuning, prompt-engineering, invalid and comparison: all readable."""
    page, width, palette = sized_page
    page.goto(site_server.page_url("calculator/"))
    page.wait_for_selector("#calculator[data-engine=ready]", timeout=ENGINE_TIMEOUT)
    scheme = "slate" if palette == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == scheme

    for state, values, verdict in STATES:
        if values:
            page.evaluate("document.querySelector('#calculator-form').reset()")
            _set(page, values)
        expected = compute(page.evaluate("location.search.slice(1)"))["verdict"]
        shown = page.get_attribute("#calculator-result", "data-verdict")
        assert shown == expected and (verdict is None or shown == verdict), (state, shown)
        where = f"{state} at {width} px, {palette}"
        _shoot(page, screenshot_dir, f"{width}-{palette}-{state}")
        _check(page.evaluate(MEASURE), width, where)

    # Invalid: a cost field the folded section holds; the section opens to show it.
    page.evaluate("document.getElementById('calculator-costs').open = false")
    page.locator("#calculator [name='epochs']").evaluate("(el) => { el.value = '0'; "
                                                         "el.dispatchEvent(new Event('input', "
                                                         "{bubbles: true})); }")
    page.wait_for_selector("#calculator-result[data-state=stale]", timeout=ENGINE_TIMEOUT)
    page.wait_for_function("() => document.getElementById('calculator-costs').open")
    assert page.locator("#f-epochs-error").inner_text().startswith("Epochs (epochs): must be")
    assert page.locator("#calculator [name='epochs']").is_visible()
    _shoot(page, screenshot_dir, f"{width}-{palette}-invalid")
    page.locator("#calculator [name='epochs']").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / f"{width}-{palette}-invalid-field.png"))
    _check(page.evaluate(MEASURE), width, f"invalid at {width} px, {palette}")

    # Comparison: pin the last valid result as A, change an input, see both.
    page.evaluate("document.querySelector('#calculator-form').reset()")
    _set(page, {"examples": "640"})
    page.get_by_role("button", name="Pin as A").click()
    page.wait_for_selector("#calculator-result .tp-compare", timeout=ENGINE_TIMEOUT)
    _set(page, {"examples": "50000", "stage": "scaling"})
    assert re.search(r"[?&]pin=", page.url), page.url
    _shoot(page, screenshot_dir, f"{width}-{palette}-comparison")
    page.evaluate("document.querySelector('#calculator-result .tp-compare')"
                  ".scrollIntoView({block: 'start'})")
    page.screenshot(path=str(screenshot_dir / f"{width}-{palette}-comparison-table.png"))
    _check(page.evaluate(MEASURE), width, f"comparison at {width} px, {palette}")


def test_sticky_result_stays_in_view_while_the_form_scrolls(
    browser: Any, site_server: SiteServer
) -> None:
    """At 1280 px, scrolling the page down the form keeps the verdict on screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_server.page_url("calculator/"))
        page.evaluate("document.getElementById('calculator-costs').open = true")
        page.evaluate("window.scrollTo(0, 1500)")
        assert page.evaluate("window.scrollY") >= 1000, "the page is too short to scroll"
        box = page.locator("#calculator-result .tp-verdict").bounding_box()
        assert box is not None and 0 <= box["y"] <= 900 - box["height"], box
    finally:
        context.close()


def test_narrow_summary_stays_in_view_while_editing(browser: Any, site_server: SiteServer) -> None:
    """At 390 px, the verdict summary stays at the top of the screen down the form."""
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_server.page_url("calculator/"))
        page.locator("#calculator [name='evals']").scroll_into_view_if_needed()
        assert page.evaluate("window.scrollY") > 500
        box = page.locator("#calculator-glance").bounding_box()
        assert box is not None and 0 <= box["y"] <= 120, box
        page.wait_for_selector("#calculator[data-engine=ready]", timeout=ENGINE_TIMEOUT)
        _set(page, {"evals": "none", "examples": "50000"})
        verdict = page.locator("#calculator-result .tp-verdict-label").inner_text()
        assert verdict in page.locator("#calculator-glance").inner_text()
    finally:
        context.close()


GAUGE = """() => {
    const gauge = document.querySelector('#calculator-result .tp-result .tp-gauge');
    const box = gauge.getBoundingClientRect();
    const band = (kind) => {
        const r = gauge.querySelector('.tp-gauge-' + kind).getBoundingClientRect();
        return [(r.left - box.left) / box.width, (r.right - box.left) / box.width];
    };
    const value = document.querySelector('#calculator-result .tp-value-needed');
    const style = getComputedStyle(value);
    const root = getComputedStyle(document.querySelector('.tp-calculator') || document.body);
    return {width: box.width, pe: band('pe'), hy: band('hy'), ft: band('ft'),
            hint: document.querySelector('#calculator-result .tp-bands').textContent,
            valueText: value.textContent, border: parseFloat(style.borderLeftWidth),
            borderColor: style.borderLeftColor,
            ftColor: getComputedStyle(gauge.querySelector('.tp-gauge-ft')).fill,
            scroll: document.documentElement.scrollWidth - window.innerWidth};
}"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("palette", PALETTES)
def test_gauge_bands_and_value_needed_line(browser: Any, site_server: SiteServer,
                                           screenshot_dir: Path, width: int,
                                           palette: str) -> None:
    """The gauge draws the three bands at the thresholds; the value-needed line shows."""
    from calculator.verdict import FINE_TUNING_SCORE, PROMPTING_SCORE

    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]},
                                  color_scheme=palette, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_server.page_url("calculator/")
                  + "?examples=5000&cost_per_error=0.05&deadline_weeks=12")
        page.wait_for_selector("#calculator[data-engine=ready]", timeout=ENGINE_TIMEOUT)
        page.wait_for_function("() => document.getElementById('calculator-result')"
                               ".dataset.verdict === 'fine-tuning'", timeout=ENGINE_TIMEOUT)
        got = page.evaluate(GAUGE)
        _shoot(page, screenshot_dir, f"{width}-{palette}-gauge-value")
    finally:
        context.close()
    low, high = (100 + PROMPTING_SCORE) / 200, (100 + FINE_TUNING_SCORE) / 200
    assert got["width"] >= 120
    assert got["pe"] == pytest.approx([0, low], abs=0.01)
    assert got["hy"] == pytest.approx([low, high], abs=0.01)
    assert got["ft"] == pytest.approx([high, 1], abs=0.01)
    assert "0 to +20 hybrid" in got["hint"]
    assert "fewer errors per 100 at USD 0.05 each" in got["valueText"]
    assert got["border"] >= 3 and got["borderColor"] == got["ftColor"]
    assert got["scroll"] <= 0
