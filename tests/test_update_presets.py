"""The committed catalogue prices are what the pinned ``genai-prices`` says (no hand edits)."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from importlib.metadata import version
from types import ModuleType

from calculator import preset_prices
from tests.conftest import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_presets",
                                                  ROOT / "scripts" / "update_presets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_prices_match_the_pinned_library() -> None:
    script = _script()
    assert version("genai-prices") == preset_prices.LIBRARY_VERSION
    assert script.collect(datetime.now(UTC)) == preset_prices.PRICES


def test_the_generated_module_is_what_the_script_writes() -> None:
    """Rendering the committed prices again gives the committed file, byte for byte."""
    script = _script()
    on = datetime.fromisoformat(preset_prices.GENERATED_ON).date()
    text = script.render(preset_prices.PRICES, preset_prices.LIBRARY_VERSION, on)
    assert text == (ROOT / "calculator" / "preset_prices.py").read_text(encoding="utf-8")
