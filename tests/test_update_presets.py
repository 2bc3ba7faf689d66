"""The committed dataset prices are what the pinned datasets say (no hand edits)."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, date, datetime
from importlib.metadata import version
from types import ModuleType

from calculator import preset_prices
from tests.conftest import ROOT


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("update_presets",
                                                  ROOT / "scripts" / "update_presets.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["update_presets"] = module
    spec.loader.exec_module(module)
    return module


def test_committed_prices_match_the_pinned_library() -> None:
    script = _script()
    assert version("genai-prices") == preset_prices.LIBRARY_VERSION
    assert script.collect(datetime.now(UTC)) == preset_prices.PRICES
    assert script.TUNED_LIBRARY_VERSION == preset_prices.TUNED_LIBRARY_VERSION


def test_the_generated_module_is_what_the_script_writes() -> None:
    """Rendering the committed figures again gives the committed file, byte for byte."""
    script = _script()
    snap = script.Snapshot(preset_prices.PRICES, preset_prices.LIBRARY_VERSION,
                           preset_prices.TUNED, preset_prices.TUNED_LIBRARY_VERSION,
                           date.fromisoformat(preset_prices.GENERATED_ON))
    text = script.render(snap)
    assert text == (ROOT / "calculator" / "preset_prices.py").read_text(encoding="utf-8")


def test_litellm_entries_are_read_as_prices_per_million_and_dates() -> None:
    """LiteLLM's per-token prices become per-1M figures; a missing key fails loudly."""
    script = _script()
    data = {key: {"input_cost_per_token": 8e-07, "output_cost_per_token": 3.2e-06,
                  "cache_read_input_token_cost": 2e-07, "deprecation_date": "2027-01-14"}
            for key in script.TUNED_REFS}
    read = script.read_litellm(data)
    assert read["ft:gpt-4.1-mini-2025-04-14"] == (0.8, 0.2, 3.2, "2027-01-14")
    del data["ft:gpt-4.1-mini-2025-04-14"]
    try:
        script.read_litellm(data)
    except SystemExit as exc:
        assert "ft:gpt-4.1-mini-2025-04-14" in str(exc)
    else:
        raise AssertionError("a missing LiteLLM entry must stop the script")


def test_drift_names_each_changed_entry() -> None:
    script = _script()
    lines = script.drift({"a": (1.0,), "b": (2.0,)}, {"a": (1.0,), "b": (3.0,), "c": (4.0,)})
    assert lines == ["  b: committed (2.0,), dataset (3.0,)",
                     "  c: committed None, dataset (4.0,)"]
