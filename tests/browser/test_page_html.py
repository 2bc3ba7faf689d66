"""The built calculator page, read as HTML: hooks, form, pre-rendered result, no inline code.

No browser needed: these checks pin what the page offers before (and without)
JavaScript, and what the page's script and embedders rely on.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

import calculator
from calculator import FIELDS, Scenario, recommend, render_markdown
from calculator.render_html import render_result_html
from calculator.schema import FORM_ORDER

PAGE = Path("calculator") / "index.html"
EXECUTABLE = {"", "text/javascript", "application/javascript", "module"}


class _Page(HTMLParser):
    """Start tags in document order, inline script texts, and the template's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.inline_scripts: list[str] = []
        self.template_text = ""
        self._script: list[str] | None = None
        self._in_template = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        if tag == "script" and "src" not in values and values.get("type", "") in EXECUTABLE:
            self._script = []
        if tag == "template" and values.get("id") == "calculator-markdown":
            self._in_template = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline_scripts.append("".join(self._script))
            self._script = None
        if tag == "template":
            self._in_template = False

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)
        if self._in_template:
            self.template_text += data


def _parse(path: Path) -> _Page:
    parser = _Page()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.fixture(scope="module")
def page(built_site: Path) -> _Page:
    return _parse(built_site / PAGE)


def _by_id(page: _Page, element_id: str) -> tuple[str, dict[str, str]]:
    found = [(tag, attrs) for tag, attrs in page.tags if attrs.get("id") == element_id]
    assert len(found) == 1, f"expected one #{element_id}, found {len(found)}"
    return found[0]


def test_public_hooks_are_prerendered(page: _Page) -> None:
    """The contract's hooks exist with their build-time values."""
    _, root = _by_id(page, "calculator")
    assert root["data-engine"] == "loading"
    _, result = _by_id(page, "calculator-result")
    assert result["data-verdict"] == recommend(Scenario()).verdict.value
    assert result["data-source"] == "prerendered"
    assert result["data-state"] == "fresh"
    assert result["aria-live"] == "polite"
    _, status = _by_id(page, "calculator-status")
    assert status["role"] == "status"


def test_form_controls_are_the_schema_fields_in_order(page: _Page) -> None:
    """Each control's name is its field name, in schema order, each once."""
    names = [attrs["name"] for tag, attrs in page.tags
             if tag in ("input", "select", "textarea") and attrs.get("name")
             and attrs.get("name") != "query" and not attrs["name"].startswith("__")
             and attrs.get("type") != "hidden"]
    assert names == [field.name for field in FORM_ORDER]
    assert sorted(names) == sorted(field.name for field in FIELDS)


def test_prerendered_result_is_the_renderers_output(built_site: Path, page: _Page) -> None:
    """The default result on the page is exactly what the worker's renderer gives."""
    html = (built_site / PAGE).read_text(encoding="utf-8")
    _, root = _by_id(page, "calculator")
    expected = render_result_html(recommend(Scenario()), root["data-page-prefix"])
    assert root["data-page-prefix"] == "../"
    assert expected in html


def test_prerendered_markdown_is_the_modules(page: _Page) -> None:
    """Copy as Markdown works before the engine: the build embeds the module's record."""
    _, root = _by_id(page, "calculator")
    expected = render_markdown(recommend(Scenario()), root["data-site-url"])
    assert page.template_text == expected


def test_engine_assets_exist_in_the_site(built_site: Path, page: _Page) -> None:
    """The data attributes point at files the build wrote (relative to the page)."""
    _, root = _by_id(page, "calculator")
    page_dir = (built_site / PAGE).parent
    assert (page_dir / root["data-pyodide"] / "pyodide.mjs").resolve().is_file()
    archive = (page_dir / root["data-archive"]).resolve()
    assert archive.is_file() and archive.parent.name == "calculator"
    assert (built_site / "javascripts" / "calculator.js").is_file()
    assert (built_site / "javascripts" / "calculator-worker.js").is_file()
    assert int(root["data-timeout"]) >= 10_000


def test_no_inline_scripts_of_its_own(built_site: Path, page: _Page) -> None:
    """Every inline script on the calculator is one the theme puts on every page.

    The theme's scripts depend on the page's depth, so the comparison is with
    a guidance page at the same depth.
    """
    guidance = _parse(built_site / "fundamentals" / "index.html")
    own = [text[:80] for text in page.inline_scripts if text not in guidance.inline_scripts]
    assert own == []
    script_srcs = [attrs["src"] for tag, attrs in page.tags if tag == "script" and "src" in attrs]
    module = [src for src in script_srcs if src.endswith("javascripts/calculator.js")]
    assert len(module) == 1
    tags = [(tag, attrs) for tag, attrs in page.tags if attrs.get("src") == module[0]]
    assert tags[0][1].get("type") == "module"


def test_only_the_calculator_page_has_the_calculator(built_site: Path) -> None:
    """Guidance pages carry the script (instant navigation) but no calculator root."""
    for path in sorted(built_site.rglob("index.html")):
        if path.relative_to(built_site) == PAGE:
            continue
        assert 'id="calculator"' not in path.read_text(encoding="utf-8"), path


def test_package_version_is_shipped(built_site: Path) -> None:
    """The archive the page points at holds this checkout's package."""
    import zipfile

    archives = list((built_site / "assets" / "calculator").glob("calculator-*.zip"))
    assert len(archives) == 1
    with zipfile.ZipFile(archives[0]) as archive:
        init = archive.read("calculator/version.py").decode("utf-8")
    assert f'__version__ = "{calculator.__version__}"' in init
