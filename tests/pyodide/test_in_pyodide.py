"""The calculator's unit tests pass inside Pyodide, against the archive the site ships."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.pyodide


def count(pattern: str, text: str) -> int:
    match = re.search(pattern, text)
    assert match, text[-2000:]
    return int(match.group(1))


def test_unit_tests_pass_in_pyodide(built_site: Path) -> None:
    node = shutil.which("node")
    assert node, "Node.js is required to run the tests inside Pyodide"
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "tests/calculator"], cwd=ROOT, capture_output=True, text=True, timeout=300,
        check=False,
    )
    expected = count(r"(\d+) tests? collected", collected.stdout)
    process = subprocess.run(
        [node, "scripts/run_pyodide_tests.mjs", str(built_site), "--", "-q"], cwd=ROOT,
        capture_output=True, text=True, timeout=600, check=False,
    )
    output = process.stdout + process.stderr
    assert process.returncode == 0, output[-4000:]
    assert "Pyodide 314." in output or "Pyodide " in output
    assert count(r"(\d+) passed", output) == expected
    assert "failed" not in output and "error" not in output.lower().split("passed")[-1]
