"""The version every decision record names is the package's own (read outside Pyodide)."""

from __future__ import annotations

import tomllib

from calculator.version import __version__
from tests.conftest import ROOT


def test_the_version_matches_the_package_metadata() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["version"] == __version__
