"""MkDocs adapter: the engine's asset URLs go into ``config.extra`` before pages render.

The step itself is ``sitebuild.engine``; its files are written after the build
(``overrides/hooks/postbuild.py``).
"""

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from mkdocs.exceptions import PluginError  # noqa: E402

from sitebuild import engine  # noqa: E402
from sitebuild.errors import BuildError  # noqa: E402


def on_config(config: Any) -> Any:
    try:
        config["extra"].update(engine.asset_urls(ROOT))
    except BuildError as error:
        raise PluginError(str(error)) from None
    return config
