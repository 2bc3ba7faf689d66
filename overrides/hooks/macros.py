"""mkdocs-macros entry point: registers the page macros of ``sitebuild.macros``, nothing else.

The dev server watches ``calculator/`` and ``sitebuild/`` and rebuilds in the
same Python process, so the cached modules are dropped first: every build
renders from the code on disk.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def _fresh_import(name: str) -> ModuleType:
    """Import ``name`` from the code on disk, never from a stale cache."""
    for cached in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[cached]
    return importlib.import_module(name)


def register(env: Any, macros: ModuleType, page: ModuleType, engine: ModuleType) -> None:
    """Hand every macro to the pages; those that need the page, the site or the engine's
    built files get them here."""
    for function in macros.MACROS:
        env.macro(function)
    urls = engine.asset_urls(ROOT)
    files = engine.engine_files(ROOT)
    env.macro(lambda: page.calculator_widget(env.page.url, env.conf.get("site_url"), urls,
                                             files), "calculator_page")
    env.macro(lambda: page.engine_download_text(files), "engine_download_size")
    env.macro(lambda: macros.decision_record_example(env.conf.get("site_url")),
              "decision_record_example")


def define_env(env: Any) -> None:
    """The macros hook (mkdocs-macros, and Zensical's macros): fresh imports, then register."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    _fresh_import("calculator")
    macros = _fresh_import("sitebuild.macros")
    engine = importlib.import_module("sitebuild.engine")
    register(env, macros, importlib.import_module("sitebuild.macros.calculator_page"), engine)
