"""Helpers shared by the quality tests: pages of the built site, axe-core, the calculator.

Plain functions, no fixtures: the fixtures live in ``conftest.py`` next to this file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from tests.conftest import ROOT

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")

# Generous upper bounds for waits; the tests assert states, never durations.
ENGINE_TIMEOUT_MS = 90_000
UI_TIMEOUT_MS = 15_000

CALCULATOR_PAGE = "calculator/"


def site_url() -> str:
    """``site_url`` from ``mkdocs.yml``, ending in ``/``."""

    class _Loader(yaml.SafeLoader):
        """Safe loader that tolerates MkDocs' ``!!python/name`` tags."""

    _Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda *_: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    url = str(config.get("site_url") or "http://localhost/")
    return url if url.endswith("/") else url + "/"


def site_path_prefix() -> str:
    """The path part of ``site_url`` (``/tune-or-prompt/``): where the site is deployed."""
    return urlsplit(site_url()).path or "/"


def site_pages(site_dir: Path) -> list[str]:
    """Site-relative URLs of every HTML page in the built site (``""``, ``fundamentals/``…).

    The 404 page is included as ``404.html``.
    """
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith("assets/"):
            continue
        if relative == "index.html":
            pages.append("")
        elif relative.endswith("/index.html"):
            pages.append(relative.removesuffix("index.html"))
        else:
            pages.append(relative)
    assert pages, f"no HTML pages found in {site_dir}"
    return pages


def guidance_pages(site_dir: Path) -> list[str]:
    """Every page except the calculator (and the 404 page)."""
    return [p for p in site_pages(site_dir) if p not in (CALCULATOR_PAGE, "404.html")]


def run_axe(page: Any) -> list[dict[str, Any]]:
    """Inject axe-core into ``page`` and return its WCAG A/AA violations."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated, not added as a <script>: every page's own policy forbids
        # inline scripts, and a test tool must not need an exception to it.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    return page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: { type: "tag", values: tags },
                resultTypes: ["violations"],
            });
            return results.violations.map((v) => ({
                id: v.id,
                impact: v.impact,
                help: v.help,
                nodes: v.nodes.map((n) => ({
                    target: n.target.join(" "),
                    summary: n.failureSummary,
                    html: n.html.slice(0, 200),
                })),
            }));
        }""",
        list(AXE_TAGS),
    )


def format_violations(where: str, violations: list[dict[str, Any]]) -> str:
    """A readable report of axe violations for an assertion message."""
    lines = []
    for violation in violations:
        lines.append(f"[{where}] {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:8]:
            lines.append(f"    at {node['target']}")
            lines.append(f"       {node['html']}")
            summary = (node["summary"] or "").replace("\n", "\n       ")
            lines.append(f"       {summary}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more nodes")
    return "\n".join(lines)


def set_palette(page: Any, scheme: str) -> None:
    """Check that the page shows the ``default`` (light) or ``slate`` (dark) palette."""
    page.wait_for_function(
        "(scheme) => document.body && document.body.dataset.mdColorScheme === scheme",
        arg=scheme,
        timeout=UI_TIMEOUT_MS,
    )


def calculator_fields() -> list[str]:
    """Scenario field names in form order, from the calculator package's schema."""
    from calculator import schema

    fields = getattr(schema, "FORM_ORDER", None)
    assert fields, "calculator.schema.FORM_ORDER is missing or empty: the form cannot be checked"
    return [field.name for field in fields]


def wait_engine(page: Any, state: str = "ready") -> None:
    """Wait until ``#calculator[data-engine]`` is ``state``; fail naming the state reached."""
    try:
        page.wait_for_function(
            "(state) => document.getElementById('calculator')?.dataset.engine === state",
            arg=state,
            timeout=ENGINE_TIMEOUT_MS,
        )
    except Exception as error:
        reached = page.evaluate("() => document.getElementById('calculator')?.dataset.engine")
        raise AssertionError(
            f"calculator engine never became {state!r} (data-engine={reached!r})"
        ) from error


def result_count(page: Any) -> int:
    """How many live results the page has shown (``calculator:result`` marks)."""
    return int(page.evaluate("() => performance.getEntriesByName('calculator:result').length"))


def set_field(page: Any, name: str, value: str) -> None:
    """Set a calculator control as a user would (type into inputs, choose in selects)."""
    control = page.locator(f"#calculator [name='{name}']")
    tag = control.evaluate("(el) => el.tagName.toLowerCase()")
    if tag == "select":
        control.select_option(value)
    else:
        control.fill(value)
        control.dispatch_event("change")


def wait_live_result(page: Any, previous_count: int) -> None:
    """Wait for a new live, fresh result after an input change."""
    page.wait_for_function(
        """(previous) => {
            const result = document.getElementById('calculator-result');
            return result && result.dataset.source === 'live'
                && result.dataset.state === 'fresh'
                && performance.getEntriesByName('calculator:result').length > previous;
        }""",
        arg=previous_count,
        timeout=ENGINE_TIMEOUT_MS,
    )


def open_calculator_live(page: Any, url: str) -> None:
    """Open the calculator, wait for its engine and one live result after an input change."""
    page.goto(url)
    wait_engine(page, "ready")
    before = result_count(page)
    set_field(page, "examples", "25000")
    wait_live_result(page, before)


def run_search(page: Any, query: str) -> None:
    """Type ``query`` into the theme's search box and wait for results."""
    field = page.locator("input.md-search__input")
    if not field.is_visible():
        page.locator("label.md-header__button[for='__search']").click()
    field.click()
    # The theme reacts to key events, not to a programmatic value change.
    field.press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=UI_TIMEOUT_MS)


def dumps(value: Any) -> str:
    """Compact JSON for assertion messages."""
    return json.dumps(value, indent=1, default=str)[:4000]


def same_origin(url: str, origin: str) -> bool:
    """Whether ``url`` is on ``origin`` (``http://127.0.0.1:PORT``); data:/blob: count as local."""
    if re.match(r"^(data|blob|about):", url):
        return True
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" == origin.rstrip("/")
