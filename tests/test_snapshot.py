"""The engine's memory snapshot: made by the build, named by its inputs, never silently absent.

The snapshot itself is restored and exercised elsewhere: by the in-Pyodide unit
tests (``--snapshot``) and by the browser tests of the engine's start, which
also force each fallback to a normal boot.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any

import pytest

from sitebuild import engine
from sitebuild.errors import BuildError

SNAPSHOT_NAME = re.compile(r"^calculator-snapshot-[0-9a-f]{12}\.bin\.gz$")


@pytest.fixture(scope="module")
def hook() -> Any:
    return engine


def shipped_snapshot(site: Path) -> Path:
    found = list((site / "assets" / "pyodide").glob("*/calculator-snapshot-*"))
    assert len(found) == 1, found
    return found[0]


def test_build_ships_the_snapshot_of_this_calculator(built_site: Path, hook: Any) -> None:
    """One gzipped snapshot, named after this very archive and this Pyodide, linked by the page."""
    snapshot = shipped_snapshot(built_site)
    assert SNAPSHOT_NAME.match(snapshot.name), snapshot.name
    assert snapshot.name == hook.snapshot_name(hook.calculator_archive())
    with gzip.open(snapshot) as stream:
        head = stream.read(1 << 20)
    assert len(head) == 1 << 20  # a real heap image, not a stub
    page = (built_site / "calculator" / "index.html").read_text(encoding="utf-8")
    base = snapshot.parent.relative_to(built_site).as_posix()
    assert f'data-snapshot="../{base}/{snapshot.name}"' in page
    assert f'data-no-stdlib="../{base}/python_stdlib-none.zip"' in page
    assert (snapshot.parent / "python_stdlib-none.zip").read_bytes()[:4] == b"PK\x05\x06"


def test_same_inputs_same_name_and_any_change_a_new_one(hook: Any) -> None:
    archive = hook.calculator_archive()
    assert hook.snapshot_name(archive) == hook.snapshot_name(hook.calculator_archive())
    assert hook.snapshot_name(archive + b"\0") != hook.snapshot_name(archive)


def test_a_made_snapshot_is_reused_without_node(
    hook: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cached snapshot is taken as is: rebuilds do not boot Pyodide again."""
    monkeypatch.setenv(hook.SNAPSHOT_CACHE_ENV, str(tmp_path))
    (tmp_path / "calculator-snapshot-000000000000.bin.gz").write_bytes(b"cached")
    (tmp_path / "calculator-snapshot-000000000000.stdlib.zip").write_bytes(b"library")
    monkeypatch.setattr(hook.shutil, "which", lambda name: None)
    made = hook.make_snapshot(b"archive", "calculator-snapshot-000000000000.bin.gz")
    assert made.read_bytes() == b"cached"


def test_build_fails_loudly_when_the_snapshot_cannot_be_made(
    hook: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A maker that fails stops the build with its own words; nothing half-made is kept."""
    monkeypatch.setenv(hook.SNAPSHOT_CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(
        hook, "SNAPSHOT_MAKER",
        'console.error("makeMemorySnapshot is not a function"); process.exit(3);',
    )
    with pytest.raises(BuildError) as failure:
        hook.make_snapshot(hook.calculator_archive(), "calculator-snapshot-111111111111.bin.gz")
    assert "memory snapshot" in str(failure.value)
    assert "exited with 3" in str(failure.value)
    assert "makeMemorySnapshot is not a function" in str(failure.value)
    assert not list(tmp_path.glob("calculator-snapshot-*"))


def test_build_fails_loudly_without_node(
    hook: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(hook.SNAPSHOT_CACHE_ENV, str(tmp_path))
    monkeypatch.setattr(hook.shutil, "which", lambda name: None)
    with pytest.raises(BuildError, match=r"Node\.js is needed"):
        hook.make_snapshot(b"archive", "calculator-snapshot-222222222222.bin.gz")
