"""The one error a build step raises: the build must stop, and the message says why."""

from __future__ import annotations


class BuildError(Exception):
    """A built site that must not be published; the message names the file or input at fault.

    Generators wrap it in their own error type (the MkDocs adapters raise
    ``PluginError``), so a failed step reads the same whichever ran it.
    """
