"""The prices page renders the presets: every figure with its own source and date.

The macros are plain functions, called directly with a fixed build date so that
the six-month staleness note can be tested on both sides of its boundary.
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta
from types import ModuleType

import pytest

from calculator import presets

from .helpers import DOCS, load_macros

BUILD_DAY = date(2026, 12, 4)


@pytest.fixture
def preset_macros() -> ModuleType:
    return load_macros("presets")


def _figure_rows(table: str) -> list[str]:
    return [line for line in table.splitlines()
            if line.startswith("| ") and not line.startswith(("| Figure", "| ---"))]


def test_one_row_per_figure_with_its_own_source_and_date(preset_macros: ModuleType) -> None:
    """Each preset lists every figure, its retirement and its dated changes, each row with a
    linked source and an ISO check date."""
    table = preset_macros.preset_price_table(BUILD_DAY)
    rows = _figure_rows(table)
    expected = sum(len(p.figures()) + 1 + len(p.service_ends) + 2 * (p.serving is not None)
                   for p in presets.PRESETS)
    assert len(rows) == expected
    for row in rows:
        assert re.search(r"\| \[[^\]]+\]\(https://[^)\s]+\), 20\d\d-\d\d-\d\d \|", row), row
    for preset in presets.PRESETS:
        assert f"{{#preset-{preset.id.replace('.', '-')}}}" in table


def test_unconfirmed_figures_say_so_instead_of_a_number(preset_macros: ModuleType,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Every shipped figure is confirmed or a labelled estimate; one left to the reader
    shows the word, not a number, and its kind says it is left to you."""
    table = preset_macros.preset_price_table(BUILD_DAY)
    assert table.count("**unconfirmed**") == 0
    assert table.count(", *estimate* |") == sum(
        len(p.estimated()) for p in presets.PRESETS) + 1  # plus the planned GPU utilisation
    first = presets.PRESET_BY_ID["bedrock-nova-micro"]
    gap = dataclasses.replace(first, training_price=dataclasses.replace(
        first.training_price, value=None, note="not confirmed"))
    monkeypatch.setattr(preset_macros, "PRESETS", (gap,))
    one = preset_macros.preset_price_table(BUILD_DAY)
    assert one.count("**unconfirmed**, left to you |") == 1
    listing = preset_macros.preset_unconfirmed_list()
    for preset in (gap,):
        for name in preset.unconfirmed():
            assert f"`{name}`" in listing.split(f"`{preset.id}`", 1)[1].split("\n", 1)[0]


def test_a_figure_older_than_six_months_is_marked(preset_macros: ModuleType,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Six months and a day after its check, a figure's row says it is old; on the day
    itself it does not."""
    first = presets.PRESET_BY_ID["bedrock-nova-micro"]
    monkeypatch.setattr(preset_macros, "PRESETS", (first,))
    checked = {f.checked for _, f in first.figures()} | {first.retirement.checked}
    assert checked == {BUILD_DAY}
    boundary = presets.add_months(BUILD_DAY, 6)
    assert "Older than" not in preset_macros.preset_price_table(boundary)
    assert "**Older than 6 months**" in preset_macros.preset_price_table(
        boundary + timedelta(days=1))
    old = dataclasses.replace(first, base_price_input=dataclasses.replace(
        first.base_price_input, checked=date(2025, 1, 1)))
    monkeypatch.setattr(preset_macros, "PRESETS", (old,))
    rows = _figure_rows(preset_macros.preset_price_table(BUILD_DAY))
    marked = [row for row in rows if "Older than" in row]
    assert len(marked) == 1 and "`base_price_input`" in marked[0]


def test_the_summary_shows_what_each_preset_offers_on_the_day(preset_macros: ModuleType) -> None:
    """On the build day OpenAI is restricted; after its last date it is shown as ended."""
    today = preset_macros.preset_table(BUILD_DAY)
    openai_row = next(line for line in today.splitlines() if "GPT-4.1 mini" in line)
    assert "**restricted**:" in openai_row and "2027-01-14" in openai_row
    later = preset_macros.preset_table(date(2027, 2, 1))
    assert "**ended**:" in next(line for line in later.splitlines() if "GPT-4.1 mini" in line)


def test_catalogue_note_names_the_library_version_and_date(preset_macros: ModuleType) -> None:
    note = preset_macros.preset_catalog_note()
    assert "genai-prices" in note
    assert presets.preset_prices.LIBRARY_VERSION in note
    assert presets.preset_prices.GENERATED_ON in note


def test_methodology_uses_the_preset_tables() -> None:
    """The prices section is rendered from the presets, the defaults' own table after them."""
    page = (DOCS / "methodology.md").read_text(encoding="utf-8")
    for macro in ("preset_table()", "preset_price_table()", "preset_unconfirmed_list()"):
        assert "{{ " + macro + " }}" in page
    # The defaults without a preset keep their own cited table, below the presets.
    assert page.index("preset_unconfirmed_list()") < page.index("price_sources_table()")


def test_source_links_never_end_in_a_stray_colon() -> None:
    """A URL followed by a colon in a citation is linked without it."""
    sources = load_macros("sources")
    cell = sources._source_cell("OpenAI API pricing, https://openai.com/api/pricing/: list price")
    assert "<https://openai.com/api/pricing/>:" in cell
    assert "pricing/:>" not in cell
