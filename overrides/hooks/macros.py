"""mkdocs-macros entry point: registers the page macros and nothing else.

The macros themselves live in small sibling modules (plain, documented
functions that return Markdown or HTML); the decision logic stays in the
tested ``calculator`` package and is never written in Jinja.

The dev server watches ``calculator/`` and rebuilds when it changes, but a
rebuild runs in the same Python process, so this module drops the cached
``calculator`` modules first: every build renders from the code on disk.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

HOOKS_DIR = Path(__file__).resolve().parent
MACRO_MODULES = ("guidance_macros", "calculator_macros", "preset_macros", "gallery_macros",
                 "procedure_macros")


def _fresh_import(name: str) -> ModuleType:
    """Import ``name`` from the code on disk, never from a stale cache."""
    for cached in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[cached]
    return importlib.import_module(name)


def define_env(env: Any) -> None:
    """Register every public function of the macro modules as a macro."""
    if str(HOOKS_DIR) not in sys.path:
        sys.path.insert(0, str(HOOKS_DIR))
    _fresh_import("calculator")
    for module_name in MACRO_MODULES:
        module = _fresh_import(module_name)
        module.register(env)
