"""The calculator page's URL query: only fields that differ from the defaults.

Short links survive chat tools and review comments; ``decode_query`` is as
strict as every other input path and reports each bad parameter by name.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, quote

from .scenario import Scenario, ScenarioError, parse_scenario
from .schema import FIELDS

__all__ = [
    "MAX_QUERY_LENGTH",
    "decode_query",
    "encode_query",
    "field_name",
    "format_value",
    "query_names",
    "query_values",
]

MAX_QUERY_LENGTH = 4_000


def format_value(value: int | float | str) -> str:
    """The shortest exact text of a value: 8.0 -> '8', 0.25 -> '0.25'."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    return str(value)


_PINNED = frozenset({"preset", "as_of"})
"""With a preset other than the default one (or another day), the link always names the
preset and its day, so it means the same thing later."""


def _pinned(scenario: Scenario) -> bool:
    default = Scenario()
    return bool(scenario.preset) and (scenario.preset, scenario.as_of) != (default.preset,
                                                                          default.as_of)


def _baseline(scenario: Scenario) -> dict[str, int | float | str]:
    """What the link's reader starts from: the defaults, filled by the scenario's presets."""
    if not scenario.preset or not _pinned(scenario):
        base = Scenario()
    else:
        base = parse_scenario({"preset": scenario.preset, "as_of": scenario.as_of})
    if scenario.prompt_preset:
        base = parse_scenario({"prompt_preset": scenario.prompt_preset}, base)
    return base.to_dict()


def encode_query(scenario: Scenario) -> str:
    """``examples=12000&task=general`` style, schema order, no leading ``?``.

    Only values that differ from the baseline are written; with a preset, the
    preset and ``as_of`` are always written and the figures it fills are not.
    """
    current = scenario.to_dict()
    default = _baseline(scenario)
    pinned = (_PINNED if _pinned(scenario) else frozenset()) | (
        {"prompt_preset"} if scenario.prompt_preset else frozenset())
    parts = [
        f"{f.name}={quote(format_value(current[f.name]), safe='')}"
        for f in FIELDS
        if current[f.name] != default[f.name] or f.name in pinned
    ]
    return "&".join(parts)


def query_names() -> dict[str, str]:
    """Every name a query may give a field by, mapped to the field: both spellings.

    ``examples_per_month`` and ``examples-per-month`` (the CLI's flag spelling,
    which people copy into links) both name ``examples_per_month``. The page's
    form is filled through this very mapping, published at build time, so the
    form and the engine always agree on what a link's parameter means.
    """
    names: dict[str, str] = {}
    for field in FIELDS:
        names[field.name] = field.name
        names[field.name.replace("_", "-")] = field.name
    return names


def field_name(name: str) -> str | None:
    """The field a query parameter names, or ``None`` when it names none.

    >>> field_name("examples-per-month"), field_name("f-examples")
    ('examples_per_month', None)
    """
    return _QUERY_NAMES.get(name)


_QUERY_NAMES = query_names()


def query_values(query: str) -> dict[str, str]:
    """Split a query string (leading ``?`` allowed) into raw field texts, not yet parsed.

    Names are normalised by :func:`field_name` (both spellings); an unknown
    name is kept as written, so that its error names what the link says. A
    field given twice is an error rather than a silent "last one wins", and
    so is an overlong query.
    """
    text = query[1:] if query.startswith("?") else query
    if len(text) > MAX_QUERY_LENGTH:
        raise ScenarioError({"query": f"query must be at most {MAX_QUERY_LENGTH:,} characters"})
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name, value in parse_qsl(text, keep_blank_values=True):
        key = field_name(name) or name
        if key in values:
            errors[key] = f"{key} is given more than once"
        values[key] = value
    if errors:
        # Report the other fields' problems too, so all can be fixed at once.
        try:
            parse_scenario({k: v for k, v in values.items() if k not in errors})
        except ScenarioError as exc:
            errors = {**exc.errors, **errors}
        raise ScenarioError(errors)
    return values


def decode_query(query: str) -> Scenario:
    """Parse a query string (leading ``?`` allowed) into a scenario or raise ``ScenarioError``."""
    return parse_scenario(query_values(query))
