"""No broken internal link or fragment anywhere in the built site."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from .linkcheck import LinkChecker
from .support import site_url

SITE_URL = site_url()


def test_built_site_has_no_broken_links(built_site: Path) -> None:
    """Every href/src resolves to a file of the site and every #fragment to an id."""
    problems = LinkChecker(built_site, SITE_URL).check()
    assert not problems, f"{len(problems)} broken links:\n" + "\n".join(problems)


def test_checker_reports_planted_breakage(built_site: Path, tmp_path: Path) -> None:
    """A missing page, a missing fragment and an escaping path in a copy are all reported."""
    copy = tmp_path / "site"
    # Link every file instead of copying it; the page to break is replaced, not edited.
    shutil.copytree(built_site, copy, copy_function=os.symlink)
    page = copy / "fundamentals" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.unlink()
    planted = (
        '<p><a href="../decision/#no-such-fragment">a</a>'
        ' <a href="../no-such-page/">b</a>'
        ' <img src="../../outside.png" alt="c">'
        ' <a href="#also-missing">d</a></p>'
    )
    page.write_text(text.replace("</article>", planted + "</article>", 1), encoding="utf-8")
    problems = "\n".join(LinkChecker(copy, SITE_URL).check())
    for needle in ("no-such-fragment", "no-such-page", "outside.png", "also-missing"):
        assert needle in problems, f"{needle} not reported:\n{problems}"
    assert all(line.startswith("fundamentals/index.html:") for line in problems.splitlines())
