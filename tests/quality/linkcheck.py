"""A link checker for a built static site: every internal link and fragment resolves.

Reads every HTML page with the standard library's ``html.parser``, collects the
ids each page defines and the URLs it references (``href``, ``src`` and
``srcset``, plus ``<object data>``), and reports:

* internal URLs whose file is not in the site (``dir/`` means ``dir/index.html``);
* ``#fragments`` that are not an ``id`` (or an ``<a name>``) in the target page.

A URL is internal when it is relative, root-absolute within the deployed path
(``/tune-or-prompt/…``) or absolute within ``site_url``. Other origins and
schemes (``mailto:``, ``data:``…) are left alone: whether the site *requests*
anything from elsewhere is checked in the browser.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

URL_ATTRIBUTES = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "script": ("src",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "iframe": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "form": ("action",),
}

# <link rel> values whose href is not a resource of this site to check.
IGNORED_LINK_RELS = {"preconnect", "dns-prefetch"}


@dataclass
class PageLinks:
    """What one page defines and references."""

    ids: set[str] = field(default_factory=set)
    urls: list[tuple[int, str]] = field(default_factory=list)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageLinks()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.page.ids.add(values["name"])
        if tag == "link" and set(values.get("rel", "").lower().split()) & IGNORED_LINK_RELS:
            return
        line = self.getpos()[0]
        for attribute in URL_ATTRIBUTES.get(tag, ()):
            value = values.get(attribute, "").strip()
            if not value:
                continue
            if attribute == "srcset":
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url:
                        self.page.urls.append((line, url))
            else:
                self.page.urls.append((line, value))

    handle_startendtag = handle_starttag


def parse_page(path: Path) -> PageLinks:
    """The ids and referenced URLs of one HTML file."""
    collector = _Collector()
    collector.feed(path.read_text(encoding="utf-8"))
    collector.close()
    return collector.page


class LinkChecker:
    """Checks every page of the site in ``site_dir``, deployed at ``site_url``."""

    def __init__(self, site_dir: Path, site_url: str) -> None:
        self.site_dir = site_dir
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"
        self.base_path = urlsplit(self.site_url).path or "/"
        self._pages: dict[Path, PageLinks] = {}

    def page(self, path: Path) -> PageLinks:
        """Parsed links of a page, cached."""
        if path not in self._pages:
            self._pages[path] = parse_page(path)
        return self._pages[path]

    def page_url(self, path: Path) -> str:
        """The deployed URL of a file in the site."""
        relative = path.relative_to(self.site_dir).as_posix()
        if relative == "index.html":
            relative = ""
        elif relative.endswith("/index.html"):
            relative = relative.removesuffix("index.html")
        return self.site_url + relative

    def target(self, url: str) -> Path | None:
        """The file an absolute URL within the site points at, if it is internal."""
        if not url.startswith(self.site_url):
            return None
        relative = posixpath.normpath(unquote(urlsplit(url).path)[len(self.base_path) :])
        if relative in (".", ""):
            relative = ""
        candidate = self.site_dir / relative
        if candidate.is_dir() or url.split("?")[0].split("#")[0].endswith("/"):
            candidate = candidate / "index.html"
        return candidate

    def check(self) -> list[str]:
        """Every broken link and fragment, one line each: ``page:line: problem``."""
        problems = []
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(self.site_url))
        for path in sorted(self.site_dir.rglob("*.html")):
            relative = path.relative_to(self.site_dir).as_posix()
            if relative.startswith("assets/"):
                continue
            base = self.page_url(path)
            for line, raw in self.page(path).urls:
                if raw.startswith("#"):
                    resolved = base + raw
                elif raw.startswith("/") and not raw.startswith("//"):
                    resolved = origin + raw
                else:
                    resolved = urljoin(base, raw)
                if urlsplit(resolved).scheme not in ("http", "https"):
                    continue
                target = self.target(resolved)
                where = f"{relative}:{line}"
                if target is None:
                    if resolved.startswith(origin + "/"):
                        problems.append(f"{where}: {raw!r} leaves the site's path {self.base_path}")
                    continue
                if not target.is_file():
                    problems.append(f"{where}: {raw!r} points at a missing file")
                    continue
                fragment = unquote(urlsplit(resolved).fragment)
                if fragment and target.suffix == ".html" and fragment not in self.page(
                    target
                ).ids:
                    problems.append(f"{where}: {raw!r}: no id {fragment!r} in the target page")
        return problems
