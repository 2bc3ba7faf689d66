"""Fixtures of the quality tests: servers for the built site with a deploy-like layout.

``tests/conftest.py`` already builds the site once per session and serves it at
the server's root. The quality tests add:

* ``prefixed_server``: the same built site under the path of ``site_url``
  (``/tune-or-prompt/``), as it is deployed, so that the 404 page, whose links
  are absolute paths, loads its stylesheets and scripts;
* ``csp_server``: the built site served with the headers of ``_headers``
  (the Content-Security-Policy and the hardening headers), computed by the
  same function that writes that file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitebuild import policy
from tests.conftest import SiteServer, serve

from .support import site_path_prefix


@pytest.fixture(scope="session")
def security_module() -> Any:
    """The policy build step (``sitebuild.policy``)."""
    return policy


@pytest.fixture(scope="session")
def site_headers(built_site: Path, security_module: Any) -> dict[str, str]:
    """The response headers published in ``_headers`` for every path."""
    headers: dict[str, str] = security_module.security_headers(built_site)
    return headers


@pytest.fixture(scope="session")
def csp_server(built_site: Path, site_headers: dict[str, str]) -> Iterator[SiteServer]:
    """The built site served with its Content-Security-Policy and hardening headers."""
    with serve(built_site, headers=site_headers) as server:
        yield server


@pytest.fixture(scope="session")
def prefixed_server(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[SiteServer]:
    """The built site served under ``site_url``'s path; ``url`` points at the site root."""
    prefix = site_path_prefix().strip("/")
    root = tmp_path_factory.mktemp("deployed")
    mount = root / prefix if prefix else root
    if prefix:
        mount.parent.mkdir(parents=True, exist_ok=True)
        mount.symlink_to(built_site, target_is_directory=True)
    with serve(root if prefix else built_site) as server:
        yield SiteServer(url=server.url + (prefix + "/" if prefix else ""), directory=built_site)
