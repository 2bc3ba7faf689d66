"""The engine step: Pyodide's files, the calculator archive and the snapshot, at versioned URLs."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from sitebuild import engine
from sitebuild.errors import BuildError

from .conftest import PYODIDE_VERSION, write


def test_urls_are_content_addressed(project: Path) -> None:
    urls = engine.asset_urls(project)
    base = f"assets/pyodide/{PYODIDE_VERSION}/"
    assert urls["pyodide_base"] == base
    assert urls["calculator_archive"].startswith("assets/calculator/calculator-")
    assert urls["calculator_snapshot"].startswith(base + "calculator-snapshot-")
    assert urls["pyodide_no_stdlib"] == base + "python_stdlib-none.zip"
    assert engine.versioned_dirs(project) == [base, "assets/calculator/"]
    before = urls["calculator_archive"]
    write(project / "calculator" / "extra.py", "X = 1\n")
    assert engine.asset_urls(project)["calculator_archive"] != before


def test_install_writes_every_file_and_drops_stale_ones(project: Path, site: Path) -> None:
    stale = write(site / "assets" / "calculator" / "calculator-000000000000.zip", "old")
    engine.install(site, project)
    urls = engine.asset_urls(project)
    package = project / "node_modules" / "pyodide"
    for name in engine.PYODIDE_CORE_FILES:
        assert (site / urls["pyodide_base"] / name).read_bytes() == (package / name).read_bytes()
    archive = (site / urls["calculator_archive"]).read_bytes()
    with zipfile.ZipFile(BytesIO(archive)) as opened:
        assert sorted(opened.namelist()) == ["calculator/__init__.py", "calculator/version.py"]
    assert (site / urls["calculator_snapshot"]).read_text() == "snapshot"
    assert (site / urls["pyodide_no_stdlib"]).read_bytes() == engine.EMPTY_ZIP
    # The trimmed library is the one the snapshot's run made.
    with zipfile.ZipFile(site / urls["pyodide_trimmed_stdlib"]) as trimmed:
        assert trimmed.namelist() == ["json/__init__.pyc"]
    assert not stale.exists()


def test_a_stale_node_modules_fails_naming_both_versions(project: Path) -> None:
    write(project / "package.json", json.dumps({"dependencies": {"pyodide": "1.0.0"}}))
    expected = rf"has pyodide {PYODIDE_VERSION} but package\.json pins 1\.0\.0"
    with pytest.raises(BuildError, match=expected):
        engine.asset_urls(project)


def test_a_missing_pyodide_fails_with_the_setup_command(project: Path) -> None:
    (project / "node_modules" / "pyodide" / "package.json").unlink()
    with pytest.raises(BuildError, match=r"scripts/setup\.sh"):
        engine.asset_urls(project)
