"""The policy step: every page carries the CSP meta first thing, and _headers the full policy."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitebuild import engine, policy
from sitebuild.errors import BuildError

from .conftest import write


def test_every_page_gets_the_meta_after_its_charset(project: Path, site: Path) -> None:
    engine.install(site, project)
    policy.apply(site, project)
    theme_script = policy.csp_hash("var palette = 1;")
    for page in ("index.html", "guide/index.html", "404.html", "503.html"):
        html = (site / page).read_text(encoding="utf-8")
        head = html.split('<meta charset="utf-8">', 1)[1]
        assert head.startswith('<meta http-equiv="Content-Security-Policy" content="'), page
        assert theme_script in head.split(">", 1)[0]
        assert "frame-ancestors" not in head.split(">", 1)[0]
        assert html.count("Content-Security-Policy") == 1


def test_applying_twice_leaves_one_meta(project: Path, site: Path) -> None:
    engine.install(site, project)
    policy.apply(site, project)
    once = (site / "index.html").read_text(encoding="utf-8")
    policy.apply(site, project)
    assert (site / "index.html").read_text(encoding="utf-8") == once


def test_headers_file_caches_the_versioned_folders(project: Path, site: Path) -> None:
    engine.install(site, project)
    policy.apply(site, project)
    headers = (site / "_headers").read_text(encoding="utf-8")
    assert "frame-ancestors 'none'" in headers
    for folder in engine.versioned_dirs(project):
        assert f"/{folder}*\n  Cache-Control: {policy.ONE_YEAR_IMMUTABLE}" in headers
    assert "/assets/javascripts/bundle.0123abcd.min.js\n" in headers


def test_blocked_markup_fails_naming_the_page(project: Path, site: Path) -> None:
    engine.install(site, project)
    write(site / "guide" / "index.html",
          '<meta charset="utf-8"><button onclick="go()">Go</button>')
    with pytest.raises(BuildError, match=r"guide/index.html: inline event handler onclick="):
        policy.apply(site, project)


def test_a_page_without_charset_fails(project: Path, site: Path) -> None:
    engine.install(site, project)
    write(site / "guide" / "index.html", "<title>bare</title>")
    with pytest.raises(BuildError, match=r'guide/index.html: no <meta charset="utf-8">'):
        policy.apply(site, project)
