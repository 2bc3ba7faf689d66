"""Single numbers quoted in the guidance prose, read from ``calculator``.

``{{ constant("LIMITED_DATA_THRESHOLD") }}`` writes ``1,000``; the vendor ranges
summarise the cited vendors' minimums, so no figure is typed into a page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import calculator
from sitebuild.macros.text import calculator_module as _module
from sitebuild.macros.text import number as _n

__all__ = [
    "MACROS",
    "calculator_version",
    "constant",
    "vendor_minimum_range",
    "vendor_recommended_range",
]


_CONSTANT_MODULES = ("factors", "verdict", "recommend", "costs", "schema")


def calculator_version() -> str:
    """The version of the calculator the page's figures come from (``calculator.__version__``)."""
    return str(calculator.__version__)


def constant(name: str) -> str:
    """A numeric constant of the calculator, formatted for prose.

    ``{{ constant("LIMITED_DATA_THRESHOLD") }}`` -> ``1,000``. Looks in
    ``calculator.factors``, then ``verdict``, ``recommend``, ``costs`` and ``schema``;
    an unknown name fails the build.
    """
    for module_name in _CONSTANT_MODULES:
        module = _module(module_name)
        if hasattr(module, name):
            value = getattr(module, name)
            if isinstance(value, tuple) and value and all(
                    isinstance(v, int | float) and not isinstance(v, bool) for v in value):
                return " / ".join(_n(v) for v in value)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError(f"calculator constant {name} is not a number: {value!r}")
            return _n(value)
    raise AttributeError(f"no numeric constant {name!r} in calculator.{_CONSTANT_MODULES}")


def vendor_minimum_range() -> str:
    """The spread of vendors' minimum training-set sizes, e.g. ``10 to 100``."""
    minimums = [v.minimum for v in calculator.VENDOR_MINIMUMS if v.minimum is not None]
    low, high = min(minimums), max(minimums)
    return _n(low) if low == high else f"{_n(low)} to {_n(high)}"


def vendor_recommended_range() -> str:
    """Where vendors advise starting, e.g. ``50 to 500``, or ``50 or more`` if one is open-ended.

    Vendors whose pages state no recommendation are left out rather than guessed.
    """
    vendors = [v for v in calculator.VENDOR_MINIMUMS if v.recommended_low is not None]
    low = min(v.recommended_low for v in vendors if v.recommended_low is not None)
    highs = [v.recommended_high for v in vendors]
    if any(high is None for high in highs):
        return f"{_n(low)} or more"
    return f"{_n(low)} to {_n(max(h for h in highs if h is not None))}"


MACROS: tuple[Callable[..., Any], ...] = (
    calculator_version,
    constant,
    vendor_minimum_range,
    vendor_recommended_range,
)
