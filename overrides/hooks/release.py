"""MkDocs hook: a release is published under the calculator's own version, and no other.

``mike deploy <version>`` builds the site with ``MIKE_DOCS_VERSION`` set and
its plugin appends the version to ``site_url``. Frozen links (the calculator's
"Copy link", the decision record) are built from that URL, so the path a
release is published under must be ``calculator.__version__`` exactly: this
hook fails the build otherwise. It also hands the version to the templates
as ``config.extra.release`` (the outdated-version banner names it) and
whether this build is a published release (``config.extra.published``; a build that
is not drops the version selector, whose versions.json only mike writes), and puts
back the trailing slash mike's plugin drops from ``site_url``, without which
templates that append a path to it (``…/0.1.0assets/…``) would break.
"""

from __future__ import annotations

import os
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

VERSION_VARIABLE = "MIKE_DOCS_VERSION"


@event_priority(-100)  # after mike's plugin has set site_url
def on_config(config: Any) -> None:
    """Check the published version against the package's; expose it to templates."""
    import calculator

    version = calculator.__version__
    published = os.environ.get(VERSION_VARIABLE)
    if published is not None and published != version:
        raise PluginError(
            f"this build is published as version {published!r}, but calculator.__version__ is "
            f"{version!r}: deploy with 'mike deploy {version} latest' (scripts/release.sh does)")
    config["extra"]["release"] = version
    config["extra"]["published"] = published is not None
    if published is None:
        # Only a tree published with mike has the versions.json the theme's version
        # selector reads: elsewhere it would be a request for a missing file (a 404
        # in the console on every page), so a plain build has no selector.
        config["extra"].pop("version", None)
    site_url = config.get("site_url")
    if site_url and not site_url.endswith("/"):
        config["site_url"] = site_url + "/"
