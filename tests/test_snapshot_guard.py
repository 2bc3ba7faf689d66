"""The guard against Pyodide issue #6254: no snapshot ships that the pinned Pyodide cannot restore.

Pyodide starts with a 30 MiB heap, and a snapshot whose heap grew past that
fails to restore ("offset is out of bounds"; seen on 314.0.6 and still so on
314.0.8): every visitor would silently fall back to the slow start. The
snapshot maker compares the heap with a fresh boot's and restores the
snapshot before it ships. These tests grow the heap on purpose, through the
real maker and the pinned Pyodide in Node, and show what happens.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sitebuild import engine
from sitebuild.errors import BuildError


@pytest.fixture(scope="module")
def hook() -> Any:
    return engine


def test_a_heap_grown_past_30_mib_fails_the_build(
    hook: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """40 MiB kept alive: the heap grows past the start, the restore fails, the build stops."""
    monkeypatch.setenv(hook.SNAPSHOT_CACHE_ENV, str(tmp_path))
    with pytest.raises(BuildError) as failure:
        hook.make_snapshot(hook.calculator_archive(), "calculator-snapshot-333333333333.bin.gz",
                           extra_python="keep = bytearray(40 << 20)")
    message = str(failure.value)
    assert "#6254" in message, message
    assert "starts with 30.0 MiB (31457280 bytes)" in message, message
    assert "not restored:" in message, message  # the restore itself failed too
    assert not list(tmp_path.glob("calculator-snapshot-*"))


def test_data_within_the_starting_heap_still_restores(
    hook: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A little more data that fits the starting heap: restored, answered, shipped."""
    monkeypatch.setenv(hook.SNAPSHOT_CACHE_ENV, str(tmp_path))
    made = hook.make_snapshot(hook.calculator_archive(), "calculator-snapshot-444444444444.bin.gz",
                              extra_python="keep = bytearray(1 << 20)")
    assert made.is_file() and made.stat().st_size > 1 << 20
