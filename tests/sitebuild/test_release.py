"""The release check: published only under calculator.__version__, and every page says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import release
from sitebuild.errors import BuildError

from .conftest import PAGE, write


def test_a_plain_build_passes_and_reads_the_version(project: Path, site: Path) -> None:
    assert release.project_version(project) == "1.2.3"
    release.check(site, project)


def test_another_published_version_fails_naming_both(project: Path, site: Path) -> None:
    with pytest.raises(BuildError, match=r"published as version '9.0.0'.*'1.2.3'"):
        release.check(site, project, "9.0.0")


def test_a_release_page_without_the_banner_fails(project: Path, site: Path) -> None:
    banner = release.release_banner("1.2.3")
    write(site / "index.html", PAGE.format(title="home", body=banner))
    with pytest.raises(BuildError, match=r"do not name it in the release banner: guide/$"):
        release.check(site, project, "1.2.3")
    write(site / "guide" / "index.html", PAGE.format(title="guide", body=banner))
    release.check(site, project, "1.2.3")


def test_the_environment_names_the_published_version(
    project: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(release.VERSION_VARIABLE, "2.0.0")
    with pytest.raises(BuildError, match=r"mike deploy 1\.2\.3 latest"):
        release.check(site, project)
