"""MkDocs adapter: check the published version early and hand it to the templates.

The check is ``sitebuild.release``. Here only what MkDocs' configuration needs:
``extra.release`` (the outdated-version banner names it), ``extra.published``
(a plain build drops the version selector, whose versions.json only mike
writes) and the trailing slash mike's plugin drops from ``site_url``.
"""

import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.plugins import event_priority  # noqa: E402

from sitebuild import release  # noqa: E402
from sitebuild.errors import BuildError  # noqa: E402


@event_priority(-100)  # after mike's plugin has set site_url
def on_config(config: Any) -> None:
    published = release.published_version()
    try:
        config["extra"]["release"] = release.check_version(ROOT, published)
    except BuildError as error:
        raise PluginError(str(error)) from None
    config["extra"]["published"] = published is not None
    if published is None:
        config["extra"].pop("version", None)
    site_url = config.get("site_url")
    if site_url and not site_url.endswith("/"):
        config["site_url"] = site_url + "/"
