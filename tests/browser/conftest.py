"""Fixtures the browser tests share."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import SiteServer


@pytest.fixture
def clipboard_page(browser: Any, site_server: SiteServer) -> Iterator[Any]:
    """A fresh page allowed to read and write the clipboard."""
    ctx = browser.new_context(service_workers="block")
    ctx.grant_permissions(["clipboard-read", "clipboard-write"],
                          origin=site_server.url.rstrip("/"))
    try:
        yield ctx.new_page()
    finally:
        ctx.close()
