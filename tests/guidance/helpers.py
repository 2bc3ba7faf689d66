"""Helpers for the guidance tests: read the built pages, load the page macros.

Plain functions; the built site comes from the shared ``built_site`` fixture.
"""

from __future__ import annotations

import importlib
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType

import yaml

from tests.conftest import ROOT

DOCS = ROOT / "docs"

# The guidance pages: source file -> site path.
GUIDANCE_PAGES = {
    "index.md": "",
    "fundamentals.md": "fundamentals/",
    "prompt-engineering.md": "prompt-engineering/",
    "fine-tuning.md": "fine-tuning/",
    "hybrid.md": "hybrid/",
    "decision.md": "decision/",
    "methodology.md": "methodology/",
    "checklist.md": "checklist/",
    "glossary.md": "glossary/",
}


class PageParser(HTMLParser):
    """Collects every id, every link, the head's meta tags and the text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}
        self.text_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        if tag == "a" and "href" in values:
            self.hrefs.append(values["href"])
        if tag == "meta":
            key = values.get("property") or values.get("name")
            if key:
                self.meta.setdefault(key, []).append(values.get("content", ""))
        if tag == "link" and "rel" in values:
            self.links.setdefault(values["rel"], []).append(values.get("href", ""))

    def handle_data(self, data: str) -> None:
        self.text_parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)


def parse_page(site: Path, site_path: str) -> PageParser:
    """Parse a built page given its site path (``""``, ``decision/`` or ``404.html``)."""
    file = site / site_path if site_path.endswith(".html") else site / site_path / "index.html"
    parser = PageParser()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def front_matter(source: str) -> dict[str, object]:
    """The YAML front matter of a page in ``docs/``."""
    text = (DOCS / source).read_text(encoding="utf-8")
    assert text.startswith("---\n"), f"{source} has no front matter"
    block = text.split("---\n", 2)[1]
    data = yaml.safe_load(block)
    assert isinstance(data, dict), source
    return data


def load_macros(module: str = "") -> ModuleType:
    """A fresh import of ``sitebuild.macros`` (or of its ``module``), as each build makes it."""
    for cached in [name for name in sys.modules if name.startswith("sitebuild.macros")]:
        del sys.modules[cached]
    return importlib.import_module("sitebuild.macros" + (f".{module}" if module else ""))
