"""Macros for the calculator page: the form and the pre-rendered result."""

from __future__ import annotations

from typing import Any


def register(env: Any) -> None:
    """Expose this module's macros to the pages."""
