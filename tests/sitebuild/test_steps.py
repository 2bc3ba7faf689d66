"""All the steps together: in order, stopping at a failure, or each on its own for a trial."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import steps
from sitebuild.errors import BuildError


def test_apply_finishes_the_site_and_notes_new_anchors(project: Path, site: Path) -> None:
    notes = steps.apply(site, project)
    assert notes == ["1 anchors are not in anchors.json yet; run: python scripts/anchors.py record"]
    assert (site / "_headers").is_file()
    assert 'version: "unbuilt"' not in (site / "sw.js").read_text(encoding="utf-8")


def test_apply_stops_at_the_first_failure(project: Path, site: Path) -> None:
    (site / "503.html").unlink()
    with pytest.raises(BuildError, match="503"):
        steps.apply(site, project)


def test_apply_each_runs_every_step_and_names_the_failed_one(project: Path, site: Path) -> None:
    (project / "anchors.json").unlink()
    (site / "503.html").unlink()
    outcomes = {name: error for name, error, _ in steps.apply_each(site, project)}
    assert list(outcomes) == [name for name, _ in steps.STEPS]
    failed = sorted(name for name, error in outcomes.items() if error is not None)
    assert failed == ["anchor guard", "offline stamp"]
    assert (site / "_headers").is_file()  # the policy ran after the anchor guard failed


def test_a_folder_without_pages_is_refused(project: Path, tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="is not a built site"):
        steps.apply_each(tmp_path, project)
