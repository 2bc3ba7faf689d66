"""The methodology page is rebuilt from the code: change a weight, and the page changes.

One real build of a throwaway copy of the project in which one weight in
``calculator/factors.py`` is edited. The build runs inside the copy, so it
imports the copy's calculator.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.test_build import _copy_project

from .helpers import PageParser

NEW_WEIGHT = "7.25"
WEIGHT_PATTERN = re.compile(r'(FactorSpec\(\s*"limited-data",\s*"[^"]*",\s*)([0-9.]+)')


def _factor_row(html: str, factor_id: str) -> str:
    start = html.index(f'id="factor-{factor_id}"')
    return html[start:html.index("</tr>", start)]


def test_methodology_page_follows_a_weight_change(tmp_path: Path) -> None:
    """A weight edited in calculator/factors.py shows on the built methodology page."""
    project = _copy_project(tmp_path)
    factors = project / "calculator" / "factors.py"
    source = factors.read_text(encoding="utf-8")
    match = WEIGHT_PATTERN.search(source)
    assert match, "the limited-data FactorSpec was not found; update WEIGHT_PATTERN"
    assert match.group(2) != NEW_WEIGHT
    factors.write_text(WEIGHT_PATTERN.sub(rf"\g<1>{NEW_WEIGHT}", source, count=1),
                       encoding="utf-8")

    site = tmp_path / "site"
    process = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert process.returncode == 0, process.stdout + process.stderr

    methodology = (site / "methodology" / "index.html").read_text(encoding="utf-8")
    assert f"<td>{NEW_WEIGHT}</td>" in _factor_row(methodology, "limited-data")
    guidance = (site / "prompt-engineering" / "index.html").read_text(encoding="utf-8")
    assert f"weight <strong>{NEW_WEIGHT}</strong>" in guidance
    parser = PageParser()
    parser.feed(methodology)
    assert "factor-limited-data" in parser.ids
