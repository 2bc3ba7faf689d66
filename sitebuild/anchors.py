"""Build step: every published anchor stays, or says where it moved.

Reviews, tickets and chat history link to sections of these pages for years.
``anchors.json`` (at the project root) lists every anchor that has ever been
published, page by page, and the moves of the ones that were renamed.
:func:`guard`, run on every built site:

* fails the build when a listed anchor is missing from its page and no move
  is recorded for it;
* for a recorded move (``"page/#old": "page/#new"``) checks that the new
  anchor exists on the same page and keeps the old one working by adding an
  alias anchor (an empty ``span`` with the old id) inside the new target, so
  links to the old id still land on the right section;
* fails when a listed page disappears.

New anchors are not an error: ``python scripts/anchors.py record`` adds them
to the list (:func:`guard` returns how many are not recorded yet, for the build log).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sitebuild.errors import BuildError

ANCHORS_FILE = "anchors.json"

# The elements whose ids are anchors a reader can cite: headings, numbered
# checklist items, table rows (factors), definition terms and content tabs.
ANCHOR_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "dt"})
ALIAS_CLASS = "tp-anchor-alias"


class _AnchorCollector(HTMLParser):
    """Collects the ids of citable elements, and every id, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[str] = []
        self.all_ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        anchor = values.get("id")
        if not anchor:
            return
        self.all_ids.add(anchor)
        tab = tag == "input" and values.get("name", "").startswith("__tabbed")
        alias = ALIAS_CLASS in values.get("class", "").split()
        if (tag in ANCHOR_TAGS or tab or alias) and not anchor.startswith("__"):
            self.anchors.append(anchor)


def page_anchors(html: str) -> tuple[list[str], set[str]]:
    """(citable anchors in page order, every id on the page) of a built page."""
    collector = _AnchorCollector()
    collector.feed(html)
    return collector.anchors, collector.all_ids


def load_list(path: Path) -> dict[str, Any]:
    """The committed list: ``{"pages": {page: [anchor, ...]}, "moved": {old: new}}``."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data.get("pages"), dict) or not isinstance(data.get("moved", {}), dict):
        raise BuildError(f"{path}: expected an object with 'pages' and 'moved'")
    return data


def add_alias(html: str, old: str, new: str) -> str | None:
    """``html`` with an alias anchor ``old`` placed inside the element whose id is ``new``.

    A content tab's id sits on a (void) radio input whose position the theme's
    styles count, so a tab's alias goes inside the tab's label instead.
    """
    match = re.search(rf'<([a-z0-9]+)\b[^>]*\bid="{re.escape(new)}"[^>]*>', html)
    if not match:
        return None
    if match.group(1) == "input":
        match = re.search(rf'<label\b[^>]*\bfor="{re.escape(new)}"[^>]*>', html)
        if not match:
            return None
    alias = f'<span id="{old}" class="{ALIAS_CLASS}"></span>'
    return html[:match.end()] + alias + html[match.end():]


class AnchorGuard:
    """The check for one build: fed page by page, judged at the end."""

    def __init__(self, listing: dict[str, Any]) -> None:
        self.pages: dict[str, list[str]] = listing["pages"]
        self.moved: dict[str, str] = listing.get("moved", {})
        self.problems: list[str] = []
        self.seen: set[str] = set()
        self.unrecorded = 0

    def page(self, url: str, html: str) -> str:
        """Check one built page; return it with alias anchors for recorded moves."""
        self.seen.add(url)
        anchors, ids = page_anchors(html)
        for old, new in self.moved.items():
            old_page, _, old_id = old.partition("#")
            new_page, _, new_id = new.partition("#")
            if old_page != url or old_id in ids:
                continue
            if new_page != old_page:
                self.problems.append(f"{old} moved to another page ({new}): keep an element "
                                     f"with id {old_id!r} on {old_page or 'the home page'}")
                continue
            aliased = add_alias(html, old_id, new_id)
            if aliased is None:
                self.problems.append(f"{old} moved to {new}, but {new} does not exist")
                continue
            html = aliased
            ids.add(old_id)
        for anchor in self.pages.get(url, []):
            if anchor not in ids:
                self.problems.append(
                    f"{url}#{anchor} was published and is gone: restore it, or record where "
                    f"it moved under 'moved' in {ANCHORS_FILE}")
        self.unrecorded += len(set(anchors) - set(self.pages.get(url, [])))
        return html

    def finish(self) -> int:
        """Fail the build on any missing anchor or page; else how many anchors are unrecorded."""
        for url in sorted(set(self.pages) - self.seen):
            self.problems.append(f"page {url or '(home)'} was published and is gone")
        if self.problems:
            raise BuildError("Published anchors are missing:\n  " + "\n  ".join(self.problems))
        return self.unrecorded


def built_pages(site_dir: Path) -> Iterator[tuple[str, Path]]:
    """``(url, file)`` of every page of a built site: ``("", index.html)``, ``("decision/", …)``.

    Pages are the ``index.html`` files outside ``assets/``; the error pages
    (``404.html``, ``503.html``) are no page of the site and carry no anchors to keep.
    """
    for file in sorted(site_dir.rglob("index.html")):
        url = file.parent.relative_to(site_dir).as_posix()
        if url.startswith("assets/"):
            continue
        yield ("" if url == "." else url + "/"), file


def guard(site_dir: Path, root: Path) -> int:
    """Check every published anchor of ``root``'s list against the built site.

    Adds the alias anchors of recorded moves to the pages, fails on anything
    missing, and returns how many anchors of the build are not recorded yet.
    """
    path = root / ANCHORS_FILE
    if not path.is_file():
        raise BuildError(f"{path} is missing: it lists the anchors that must never disappear")
    checker = AnchorGuard(load_list(path))
    for url, file in built_pages(site_dir):
        html = file.read_text(encoding="utf-8")
        checked = checker.page(url, html)
        if checked != html:
            file.write_text(checked, encoding="utf-8")
    return checker.finish()
