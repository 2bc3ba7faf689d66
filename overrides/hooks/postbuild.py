"""MkDocs adapter: run every build step (``sitebuild.steps``) on the finished site.

With ``TUNE_OR_PROMPT_RAW_BUILD=1`` the build stops at the generator's own
output, for ``scripts/postbuild.py SITE_DIR`` to finish it.
"""

import logging
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from mkdocs.exceptions import PluginError  # noqa: E402

from sitebuild import steps  # noqa: E402
from sitebuild.errors import BuildError  # noqa: E402

RAW_BUILD = "TUNE_OR_PROMPT_RAW_BUILD"
LOG = logging.getLogger("mkdocs.hooks.postbuild")


def on_post_build(config: Any) -> None:
    if os.environ.get(RAW_BUILD) == "1":
        return
    try:
        notes = steps.apply(Path(config["site_dir"]), ROOT)
    except BuildError as error:
        raise PluginError(str(error)) from None
    for note in notes:
        LOG.info(note)
