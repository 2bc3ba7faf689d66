"""The real command, as a user runs it: exit codes and no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
        assert process.stderr.startswith("error: Quality examples now (examples): must be")


def test_invalid_fields_exit_2_with_one_line_each() -> None:
    """Invalid input: exit status 2, one line per bad field, no traceback."""
    process = run("--examples", "-5", "--latency", "fast", "--colour", "blue")
    assert process.returncode == 2 and process.stdout == ""
    assert "Traceback" not in process.stderr
    assert len(process.stderr.strip().splitlines()) == 3


def test_unreadable_scenario_files(tmp_path: Path) -> None:
    """A missing, binary or non-object scenario file is one clear line and exit 2."""
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00{")
    listed = tmp_path / "list.json"
    listed.write_text("[1, 2]", encoding="utf-8")
    for path, phrase in ((tmp_path / "missing.json", "cannot read"),
                         (binary, "is not UTF-8 text"),
                         (listed, "must be a JSON object")):
        process = run("--scenario", str(path))
        assert process.returncode == 2 and "Traceback" not in process.stderr
        assert phrase in process.stderr and len(process.stderr.strip().splitlines()) == 1
