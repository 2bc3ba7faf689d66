"""Macros for the guidance pages: tables and figures rendered from ``calculator``."""

from __future__ import annotations

from typing import Any


def register(env: Any) -> None:
    """Expose this module's macros to the pages."""
