"""One version: the calculator's. The package metadata and the published paths follow it."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import calculator
from calculator.release import latest_url, release_version
from tests.conftest import ROOT

SITE = "https://tune-or-prompt.github.io/tune-or-prompt/"


def test_pyproject_takes_its_version_from_the_calculator() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "calculator.version.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", calculator.__version__)


def test_the_version_is_a_literal_a_package_build_can_read() -> None:
    """setuptools reads ``attr`` statically: one literal ``__version__``, in version.py."""
    tree = ast.parse((ROOT / "calculator" / "version.py").read_text(encoding="utf-8"))
    literals = [node.value.value for node in tree.body
                if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                and any(isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets)]
    assert literals == [calculator.__version__]


def test_mike_is_pinned_in_the_dev_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert any(re.fullmatch(r"mike==\d+\.\d+\.\d+", r)
               for r in project["project"]["optional-dependencies"]["dev"])


@pytest.mark.parametrize(("site_url", "release", "latest"), [
    (SITE + "0.1.0", "0.1.0", SITE + "latest/"),
    (SITE + "0.1.0/", "0.1.0", SITE + "latest/"),
    (SITE, None, None),
    (SITE + "0.2.0", None, None),
    ("https://example.org/0.1.0", "0.1.0", "https://example.org/latest/"),
])
def test_release_paths(site_url: str, release: str | None, latest: str | None) -> None:
    assert release_version(site_url, "0.1.0") == release
    assert latest_url(site_url, "0.1.0") == latest


def test_record_names_the_version_and_links_to_latest_in_a_release() -> None:
    result = calculator.recommend(calculator.decode_query("examples=800"))
    version = calculator.__version__
    record = calculator.render_markdown(result, SITE + version)
    assert f"**Calculator version:** {version} " in record
    assert f"<{SITE}{version}/calculator/?examples=800>" in record
    assert f"<{SITE}latest/calculator/?examples=800>" in record
    plain = calculator.render_markdown(result, SITE)
    assert f"**Calculator version:** {version}\n" in plain
    # No link to a latest version outside a release (a source page may have "latest" in it).
    assert f"{SITE}latest/" not in plain and "latest version" not in plain


def test_a_release_build_under_another_version_fails(tmp_path: Path) -> None:
    """Publishing under a path that is not calculator.__version__ stops the build."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "MIKE_DOCS_VERSION": "9.9.9"}
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert process.returncode != 0
    assert f"calculator.__version__ is '{calculator.__version__}'" in process.stderr
