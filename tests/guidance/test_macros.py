"""The page macros render from ``calculator`` and follow it when it changes.

The macros are plain functions, so they are called directly here; a changed
weight, threshold or price in the calculator must show up in their output.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import calculator
import calculator.factors
import calculator.schema
from calculator.factors import DATA_STEPS
from calculator.schema import format_number
from sitebuild.macros.text import cell
from tests.conftest import ROOT

from .helpers import load_macros, parse_page


@pytest.fixture
def macros() -> ModuleType:
    return load_macros()


def test_every_macro_is_documented_and_registered(macros: ModuleType) -> None:
    """register() hands every listed macro to the environment, and each has a docstring."""
    registered: dict[str, Callable[..., Any]] = {}

    class FakeEnv:
        def __init__(self) -> None:
            self.conf = {"site_url": "https://example.org/guide/"}

        def macro(self, function: Callable[..., Any], name: str | None = None) -> None:
            registered[name or function.__name__] = function

    class FakeEngine:
        """The engine's URLs and files, without building them."""

        @staticmethod
        def asset_urls(root: object) -> dict[str, str]:
            return {"pyodide_base": "p/", "calculator_archive": "a.zip",
                    "calculator_snapshot": "s", "pyodide_no_stdlib": "n.zip"}

        @staticmethod
        def engine_files(root: object) -> dict[str, list[list[object]]]:
            return {"snapshot": [["s", 2_000_000, 1_000_000]],
                    "trimmed": [["t", 900_000, 400_000]], "normal": []}

    _registration().register(FakeEnv(), macros, load_macros("calculator_page"), FakeEngine)
    for function in macros.MACROS:
        assert inspect.getdoc(function), function.__name__
        assert function.__name__ in registered
    assert set(registered) == ({f.__name__ for f in macros.MACROS}
                               | {"calculator_page", "decision_record_example",
                                  "engine_download_size"})
    assert registered["engine_download_size"]().startswith(
        "0.4 MB of runtime on a slower connection, or 1.0 MB on a fast one")
    record = registered["decision_record_example"]()
    assert "https://example.org/guide/prompt-engineering/#limited-data" in record


def _registration() -> ModuleType:
    """``overrides/hooks/macros.py``, imported from its file (the hooks are no package)."""
    path = ROOT / "overrides" / "hooks" / "macros.py"
    spec = importlib.util.spec_from_file_location("_macro_registration", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_macro_module_is_registered_and_lists_its_public_functions(
    macros: ModuleType,
) -> None:
    """A new macro module, or a new public function in one, cannot be left out of the pages."""
    helpers = {"__init__", "text", "calculator_page"}
    files = {p.stem for p in (ROOT / "sitebuild" / "macros").glob("*.py")} - helpers
    assert {m.__name__.rsplit(".", 1)[1] for m in macros.MODULES} == files
    for module in macros.MODULES:
        public = {name for name, value in vars(module).items()
                  if inspect.isfunction(value) and value.__module__ == module.__name__
                  and not name.startswith("_")}
        listed = {f.__name__ for f in module.MACROS}
        assert public - listed <= {"factor_demo_query", "decision_record_example"}, module


def test_factor_table_follows_a_changed_weight(macros: ModuleType,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """A weight changed in calculator.factors appears in the methodology table and notes."""
    changed = tuple(
        dataclasses.replace(spec, weight=7.25) if spec.id == "limited-data" else spec
        for spec in calculator.factors.FACTOR_SPECS
    )
    monkeypatch.setattr(calculator, "FACTOR_SPECS", changed)
    monkeypatch.setattr(calculator.factors, "FACTOR_SPECS", changed)
    row = next(line for line in macros.factor_table().splitlines()
               if 'id="factor-limited-data"' in line)
    assert "| 7.25 |" in row
    assert "weight **7.25**" in macros.factor_note("limited-data")


def test_constants_come_from_the_calculator(macros: ModuleType,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Numbers quoted in prose are read from the module, not typed into the page."""
    assert macros.constant("LIMITED_DATA_THRESHOLD") == "1,000"
    monkeypatch.setattr(calculator.factors, "LIMITED_DATA_THRESHOLD", 1_500)
    assert macros.constant("LIMITED_DATA_THRESHOLD") == "1,500"
    with pytest.raises(AttributeError):
        macros.constant("NO_SUCH_CONSTANT")


def test_price_table_cites_every_sourced_default(macros: ModuleType) -> None:
    """Every default that cites a source is listed with that source and its check date."""
    table = macros.price_sources_table()
    cited = [field for field in calculator.FIELDS if field.source]
    assert cited
    for field in cited:
        assert f"`{field.name}`" in table
        assert re.search(r"20\d\d-\d\d", field.source), field.name
    assert table.count("\n") == len(cited) + 2


def test_input_table_lists_every_field(macros: ModuleType) -> None:
    """The defaults table has one row per field of the schema, with its accepted range."""
    table = macros.input_defaults_table()
    for field in calculator.FIELDS:
        assert f"`{field.name}`" in table
        assert cell(field.describe_range()) in table


def test_vendor_minimums_are_all_shown(macros: ModuleType) -> None:
    """Each vendor minimum is in the table, and the range spans them all."""
    table = macros.vendor_minimums_table()
    minimums = [v.minimum for v in calculator.VENDOR_MINIMUMS if v.minimum is not None]
    for vendor in calculator.VENDOR_MINIMUMS:
        assert cell(vendor.vendor) in table
    unstated = sum(vendor.minimum is None for vendor in calculator.VENDOR_MINIMUMS)
    assert table.count("| not stated |") >= unstated
    low, high = min(minimums), max(minimums)
    expected = f"{low:,}" if low == high else f"{low:,} to {high:,}"
    assert macros.vendor_minimum_range() == expected


def test_cost_formulas_are_the_running_code(macros: ModuleType) -> None:
    """The formulas block is the source of the cost functions, docstrings removed."""
    block = macros.cost_formulas()
    assert block.startswith("```python\n")
    for name in ("compute_costs", "training_cost"):
        assert f"def {name}(" in block
    assert "pe_monthly" in block and "break_even" in block
    assert '"""' not in block


def test_worked_example_matches_the_calculator(macros: ModuleType) -> None:
    """The worked example quotes the score and costs the calculator computes."""
    result = calculator.recommend(calculator.Scenario())
    text = macros.worked_example()
    assert f"**{result.score:+.1f}**" in text
    assert f"USD {round(result.costs.pe_monthly):,}" in text
    assert f"**{result.verdict.value.replace('-', ' ')}**" in text


def test_decision_record_template_matches_the_export(macros: ModuleType) -> None:
    """The template's headings are exactly the export's headings, in order."""
    export = calculator.render_markdown(calculator.recommend(calculator.Scenario()))
    exported = [line for line in export.splitlines() if line.startswith("#")]
    template = [line for line in macros.decision_record_template().splitlines()
                if line.startswith("#")]
    assert template == exported


def test_checklist_page_shows_the_export_headings(built_site: Path) -> None:
    """The built checklist page carries every heading of the calculator's export."""
    export = calculator.render_markdown(calculator.recommend(calculator.Scenario()))
    text = parse_page(built_site, "checklist/").text
    for line in export.splitlines():
        if line.startswith("#"):
            assert line in text, line


def test_decision_flow_is_accessible_and_static(macros: ModuleType) -> None:
    """The flow is an SVG image with a title and description, no script or inline style."""
    html = macros.decision_flow()
    assert 'role="img"' in html
    assert 'aria-labelledby="tp-flow-title tp-flow-desc"' in html
    assert "<script" not in html and "style=" not in html
    # The data needed depends on the case (the calculator's steps), so the flow asks for enough.
    low, high = (format_number(f(DATA_STEPS)) for f in (min, max))
    assert f"enough examples for your case ({low} to {high})" in html
    # One question a box, answered yes or no: no list of needs inside a box.
    for question in re.findall(r'<rect class="tp-flow-question"[^>]*/><text[^>]*>(.*?)</text>',
                               html):
        words = re.sub(r"<[^>]+>", " ", question)
        assert words.count("?") == 1 and ":" not in words and "," not in words, words


def test_every_factor_has_a_note_and_a_demo(macros: ModuleType) -> None:
    """Each factor's note links to its methodology row and to a valid calculator query."""
    for spec in calculator.FACTOR_SPECS:
        note = macros.factor_note(spec.id)
        assert f"methodology.md#factor-{spec.id}" in note
        query = macros.factor_demo_query(spec.id)
        if query:
            calculator.decode_query(query)
    with pytest.raises(KeyError):
        macros.factor_note("no-such-factor")


def test_checklist_boxes_are_named_and_match_the_paste_block(built_site: Path,
                                                              macros: ModuleType) -> None:
    """Each checkbox is labelled by its item, and the paste block has the same items."""
    page = parse_page(built_site, "checklist/")
    items = [item for _, group in macros.CHECKLIST for item in group]
    html = (built_site / "checklist" / "index.html").read_text(encoding="utf-8")
    assert html.count('<input type="checkbox" disabled aria-labelledby="') == len(items)
    for group, group_items in macros.CHECKLIST:
        group_id = "checklist-" + group.lower().removeprefix("the ")
        assert group_id in page.ids
        for number in range(1, len(group_items) + 1):
            assert f"{group_id}-{number}" in page.ids
    block = macros.review_checklist_markdown()
    assert block.count("- [ ] ") == len(items)
    assert "](" not in block
