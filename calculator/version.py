"""The calculator's version, named in every decision record (kept equal to pyproject's)."""

__version__ = "0.1.0"
