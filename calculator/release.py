"""Where a release of the site lives, so that links to a result stay true.

Every release is published under its own path, ``<site root>/<version>/``,
with ``latest`` an alias of the newest one. A link into a release path keeps
giving the verdict that version computed, however the weights, prices or
rules change later; a link into ``latest`` follows the newest version.

The version is :data:`calculator.__version__` and nothing else: the release
build checks that the path it publishes under is exactly that version. A
build is a release build when its site URL ends with that version's path
segment (the versioning tool appends it to the configured site URL).

>>> release_version("https://example.org/guide/0.1.0", "0.1.0")
'0.1.0'
>>> release_version("https://example.org/guide/", "0.1.0") is None
True
>>> latest_url("https://example.org/guide/0.1.0/", "0.1.0")
'https://example.org/guide/latest/'
>>> release_url("https://example.org/guide/", "0.1.0")
'https://example.org/guide/0.1.0/'
"""

from __future__ import annotations

__all__ = ["LATEST_ALIAS", "latest_url", "release_url", "release_version"]

LATEST_ALIAS = "latest"
"""The alias that always points at the newest release."""


def _segments(url: str) -> tuple[str, str]:
    """``'https://h/a/b/'`` -> ``('https://h/a/', 'b')``: the parent and the last segment."""
    trimmed = url.rstrip("/")
    parent, _, last = trimmed.rpartition("/")
    return parent + "/", last


def release_version(site_url: str, version: str) -> str | None:
    """``version`` when ``site_url`` is that release's own path, else ``None``."""
    parent, last = _segments(site_url)
    return version if last == version and parent.count("/") >= 3 else None


def latest_url(site_url: str, version: str) -> str | None:
    """The ``latest`` counterpart of a release's base URL, or ``None`` outside a release."""
    if release_version(site_url, version) is None:
        return None
    parent, _ = _segments(site_url)
    return f"{parent}{LATEST_ALIAS}/"


def release_url(site_url: str, version: str) -> str:
    """The path of release ``version`` under a site's root: where a record made outside the
    site (the command line) points, so its links keep giving the verdict it shows."""
    if release_version(site_url, version) is not None:
        return site_url if site_url.endswith("/") else site_url + "/"
    return f"{site_url.rstrip('/')}/{version}/"
