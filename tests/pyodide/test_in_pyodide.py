"""The calculator's unit tests pass inside Pyodide, against the archive the site ships.

``scripts/run_pyodide_tests.mjs`` boots the built site's own Pyodide in Node,
unpacks the site's calculator archive and pytest's pure-Python wheels, and runs
``tests/calculator`` there; with ``--snapshot`` it restores the interpreter
from the memory snapshot the site ships instead, as the browser does. These
tests hold it to account: every test CPython collects must pass in Pyodide too,
both ways (an empty or partial run fails), and a failing test inside Pyodide
must fail the run.
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.pyodide

RUNNER = ROOT / "scripts" / "run_pyodide_tests.mjs"
TIMEOUT_S = 600


def _node() -> str:
    node = shutil.which("node")
    assert node, "Node.js is required to run the tests inside Pyodide: run 'bash scripts/setup.sh'"
    return node


def run_in_pyodide(site: Path, *extra: str) -> tuple[int, str, dict[str, int]]:
    """Exit status, output and outcome counts of one in-Pyodide run."""
    process = subprocess.run(
        [_node(), str(RUNNER), str(site), *extra], cwd=ROOT, capture_output=True, text=True,
        timeout=TIMEOUT_S, check=False,
    )
    output = process.stdout + process.stderr
    match = re.search(r"^PYODIDE-SUMMARY (\{.*\})$", process.stdout, re.MULTILINE)
    counts = json.loads(match.group(1)) if match else {}
    return process.returncode, output, counts


@functools.cache
def cpython_collected() -> int:
    """How many tests CPython collects in tests/calculator."""
    process = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         "-p", "no:xdist", "tests/calculator"], cwd=ROOT, capture_output=True, text=True,
        timeout=TIMEOUT_S, check=False,
    )
    match = re.search(r"^(\d+) tests? collected", process.stdout, re.MULTILINE)
    assert process.returncode == 0 and match, process.stdout[-3000:] + process.stderr[-3000:]
    return int(match.group(1))


def test_unit_tests_pass_in_pyodide(built_site: Path) -> None:
    """Same tests, same count, all passing, in the Python the browser runs."""
    expected = cpython_collected()
    assert expected > 0
    status, output, counts = run_in_pyodide(built_site, "--", "-q")
    assert status == 0, output[-6000:]
    assert "Pyodide 314." in output
    assert counts.get("passed") == expected, (counts, output[-3000:])
    assert not counts.get("failed") and not counts.get("error"), counts


def test_unit_tests_pass_in_pyodide_restored_from_the_snapshot(built_site: Path) -> None:
    """The interpreter browsers restore holds the package, and every unit test passes in it."""
    expected = cpython_collected()
    status, output, counts = run_in_pyodide(built_site, "--snapshot", "--", "-q")
    assert status == 0, output[-6000:]
    assert "restored from " in output and "calculator-snapshot-" in output, output[-3000:]
    assert counts.get("passed") == expected, (counts, output[-3000:])
    assert not counts.get("failed") and not counts.get("error"), counts


def test_a_failure_inside_pyodide_fails_the_run(built_site: Path, tmp_path: Path) -> None:
    """The runner's exit status is pytest's: one failing test makes it non-zero."""
    tests = tmp_path / "tests"
    tests.mkdir()
    (tests / "__init__.py").write_text("", encoding="utf-8")
    (tests / "test_probe.py").write_text(
        "import sys\n\n"
        "def test_runs_in_pyodide():\n"
        "    assert sys.platform == 'emscripten'\n\n"
        "def test_fails():\n"
        "    assert 1 + 1 == 3\n",
        encoding="utf-8",
    )
    status, output, counts = run_in_pyodide(
        built_site, "--snapshot", "--tests", str(tests), "--", "-q")
    assert status == 1, output[-3000:]
    assert counts == {"passed": 1, "failed": 1}, output[-3000:]
