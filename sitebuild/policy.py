"""Build step: derive the Content-Security-Policy from the built site and publish it.

Why from the built site: the only inline scripts a page may run are the few small ones the
theme keeps (its palette, storage and tab helpers). Their text is fixed by the
theme version and the page depth, so the policy allows exactly those by their
SHA-256 hashes and nothing else. Computing the hashes from the HTML that was
actually written means a theme upgrade can never silently break the policy.

:func:`apply`, run on the built site:

* checks every HTML page for what a strict policy would block silently:
  inline event handlers (``onclick=``), ``javascript:`` URLs and ``style=""``
  attributes, and fails the build naming the file when it finds one;
* puts the same policy, less ``frame-ancestors`` (which a ``<meta>`` cannot
  carry), into every page as ``<meta http-equiv="Content-Security-Policy">``
  right after the charset: GitHub Pages, like many static hosts, sends no
  custom headers, so the meta element is the only policy that reaches the
  browser there;
* writes ``_headers`` (the Netlify / Cloudflare Pages format) into the site
  with the policy, a few hardening headers, long-lived caching for the
  content-addressed asset paths and revalidation for the service worker.

Tests and deployers use :func:`content_security_policy` and
:func:`headers_file`, so the policy the tests enforce is the one published.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Iterator
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from sitebuild import engine
from sitebuild.errors import BuildError

# Script types that the browser executes (and so that CSP governs). JSON data
# blocks such as the theme's ``<script id="__config" type="application/json">``
# are never executed and need no hash.
EXECUTABLE_SCRIPT_TYPES = frozenset(
    {"", "text/javascript", "application/javascript", "module", "importmap"}
)

# Theme assets whose file names carry a content hash (``bundle.a5f9d56c.min.js``).
HASHED_ASSET = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")

ONE_YEAR_IMMUTABLE = "public, max-age=31536000, immutable"

# Directives a <meta> policy may not carry (CSP3): browsers ignore them there.
HEADER_ONLY_DIRECTIVES = frozenset({"frame-ancestors", "report-uri", "sandbox"})

# The policy goes right after the charset, before any script or stylesheet:
# a <meta> policy only governs what comes after it.
CHARSET_META = re.compile(r'<meta charset="utf-8">', re.IGNORECASE)
POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.IGNORECASE)


class _InlineCollector(HTMLParser):
    """Collects inline scripts and styles, and the markup a strict CSP would block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.problems: list[str] = []
        self._capture: str | None = None
        self._buffer: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.problems.append(f"inline event handler {name}= on <{tag}>")
            elif name == "style":
                self.problems.append(f'style="" attribute on <{tag}>')
            elif name in {"href", "src", "action", "formaction", "xlink:href"} and (
                value.strip().lower().startswith("javascript:")
            ):
                self.problems.append(f"javascript: URL in {name}= on <{tag}>")
        if tag == "script" and "src" not in values:
            if values.get("type", "").strip().lower() in EXECUTABLE_SCRIPT_TYPES:
                self._capture = "script"
                self._buffer = []
        elif tag == "style":
            self._capture = "style"
            self._buffer = []

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._buffer.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._capture and tag == self._capture:
            text = "".join(self._buffer)
            (self.scripts if tag == "script" else self.styles).append(text)
            self._capture = None


def csp_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def html_pages(site_dir: Path) -> Iterator[Path]:
    """Every HTML page of a built site, in a stable order."""
    yield from sorted(site_dir.rglob("*.html"))


def _scan(site_dir: Path) -> tuple[list[str], list[str], list[str]]:
    """Hashes of inline scripts and styles, and the blocked-markup problems found."""
    scripts: set[str] = set()
    styles: set[str] = set()
    problems: list[str] = []
    for path in html_pages(site_dir):
        collector = _InlineCollector()
        collector.feed(path.read_text(encoding="utf-8"))
        collector.close()
        scripts.update(csp_hash(text) for text in collector.scripts)
        styles.update(csp_hash(text) for text in collector.styles)
        relative = path.relative_to(site_dir).as_posix()
        problems.extend(f"{relative}: {problem}" for problem in collector.problems)
    return sorted(scripts), sorted(styles), problems


def inline_script_hashes(site_dir: Path) -> list[str]:
    """CSP hashes of every distinct inline script in the built site's pages."""
    return _scan(site_dir)[0]


def blocked_markup(site_dir: Path) -> list[str]:
    """Markup a strict policy would block: inline handlers, javascript: URLs, style=""."""
    return _scan(site_dir)[2]


def content_security_policy(site_dir: Path) -> str:
    """The site's Content-Security-Policy, computed from its built HTML.

    ``'wasm-unsafe-eval'`` lets the calculator's worker compile Pyodide's
    WebAssembly; it does not allow ``eval`` of JavaScript. ``data:`` images
    are the theme's icon masks in its stylesheet. ``blob:`` workers: the page
    starts the calculator's worker from a ``blob:`` URL so that the worker
    inherits the page's policy even where it arrives only as a ``<meta>``
    element (a worker loaded from a plain URL takes its policy from that
    URL's response headers alone); only the site's own scripts can make
    ``blob:`` URLs, since ``script-src`` allows nothing else.
    """
    scripts, styles, _ = _scan(site_dir)
    directives = (
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", "'wasm-unsafe-eval'", *scripts]),
        ("style-src", ["'self'", *styles]),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        ("connect-src", ["'self'"]),
        ("worker-src", ["'self'", "blob:"]),
        ("manifest-src", ["'self'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
    )
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives)


def meta_policy(policy: str) -> str:
    """The policy without the directives a ``<meta>`` element cannot carry."""
    directives = [d.strip() for d in policy.split(";") if d.strip()]
    return "; ".join(d for d in directives if d.split()[0] not in HEADER_ONLY_DIRECTIVES)


def with_policy_meta(html: str, policy: str) -> str:
    """A page with exactly one policy ``<meta>``, placed right after its charset.

    Raises ``ValueError`` when the page has no ``<meta charset="utf-8">``: the
    policy must precede every script, and the charset is the theme's first
    element in ``<head>``.
    """
    html = POLICY_META.sub("", html)
    content = escape(policy, quote=False).replace('"', "&quot;")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    charset = CHARSET_META.search(html)
    if charset is None:
        raise ValueError('no <meta charset="utf-8"> to put the policy after')
    return html[: charset.end()] + tag + html[charset.end() :]


def add_policy_meta(site_dir: Path, policy: str) -> None:
    """Write the ``<meta>`` form of ``policy`` into every HTML page of the site."""
    meta = meta_policy(policy)
    for path in html_pages(site_dir):
        try:
            text = with_policy_meta(path.read_text(encoding="utf-8"), meta)
        except ValueError as error:
            relative = path.relative_to(site_dir).as_posix()
            raise BuildError(f"{relative}: {error}") from None
        path.write_text(text, encoding="utf-8")


def security_headers(site_dir: Path) -> dict[str, str]:
    """Headers every response of the site should carry."""
    return {
        "Content-Security-Policy": content_security_policy(site_dir),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "X-Frame-Options": "DENY",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    }


def immutable_paths(site_dir: Path, versioned_dirs: Iterable[str]) -> list[str]:
    """Site paths (``/…``) whose URL changes whenever their content does."""
    paths = [f"/{d.strip('/')}/*" for d in versioned_dirs]
    paths += sorted(
        "/" + p.relative_to(site_dir).as_posix()
        for p in (site_dir / "assets").rglob("*")
        if p.is_file() and HASHED_ASSET.search(p.name)
    )
    return paths


def headers_file(site_dir: Path, versioned_dirs: Iterable[str]) -> str:
    """The ``_headers`` file (Netlify / Cloudflare Pages) for a built site.

    Paths are relative to the published directory's root. HTML gets the host's
    default (revalidated) caching; the service worker is always revalidated so
    a deploy reaches returning visitors on their next visit.
    """
    lines = [
        "# Response headers for hosts that read a _headers file (Netlify,",
        "# Cloudflare Pages). Written by the build: do not edit.",
        "/*",
    ]
    lines += [f"  {name}: {value}" for name, value in security_headers(site_dir).items()]
    for path in immutable_paths(site_dir, versioned_dirs):
        lines += ["", path, f"  Cache-Control: {ONE_YEAR_IMMUTABLE}"]
    lines += ["", "/sw.js", "  Cache-Control: no-cache"]
    return "\n".join(lines) + "\n"


def apply(site_dir: Path, root: Path) -> None:
    """Fail on markup a strict policy would block, then write the policy meta and ``_headers``."""
    problems = blocked_markup(site_dir)
    if problems:
        raise BuildError(
            "The built HTML has markup the Content-Security-Policy blocks "
            "(use a script file and a CSS class instead):\n  " + "\n  ".join(problems)
        )
    add_policy_meta(site_dir, content_security_policy(site_dir))
    text = headers_file(site_dir, engine.versioned_dirs(root))
    (site_dir / "_headers").write_text(text, encoding="utf-8")
