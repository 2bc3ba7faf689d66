"""The real command, as a user runs it: exit codes and no traceback."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "calculator", *args], capture_output=True,
                          text=True, timeout=60, check=False)


def test_module_runs_with_defaults() -> None:
    process = run("--format", "markdown")
    assert process.returncode == 0
    assert process.stdout.startswith("# Decision record")


@settings(max_examples=8, deadline=None)
@given(st.text(min_size=1, max_size=20).filter(
    lambda t: not t.startswith("-") and "\x00" not in t
))
def test_bad_values_exit_2_without_traceback(value: str) -> None:
    """Whatever is typed, the command either answers or exits 2 with field messages."""
    process = run("--examples", value)
    assert "Traceback" not in process.stderr
    assert process.returncode in (0, 2)
    if process.returncode == 2:
        assert process.stderr.startswith("error: examples must be")
