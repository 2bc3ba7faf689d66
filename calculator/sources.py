"""Where each cost figure of a result comes from (rule 8).

Every price and hosting figure in a scenario is one of: the chosen option's own
figure, a labelled estimate (its basis stated), the calculator's generic
default, or the reader's entry. The form shows it beside each input, the JSON
result names it per figure, and when a preset leaves a figure to the reader
and the reader has not entered one, the cost comparison is incomplete: the
result says so and confidence is at most low.
"""

from __future__ import annotations

from dataclasses import dataclass

from .preset_model import PRICE_FIELDS, Sourced, SourceKind
from .presets import DEFAULT_PRESET, PRESET_BY_ID, serving_values
from .prompt_models import PROMPT_MODEL_BY_ID
from .scenario import Scenario
from .schema import FIELD_BY_NAME

__all__ = ["PROMPTED_FIELDS", "FigureSource", "cost_sources", "incomplete_fields"]

PROMPTED_FIELDS = frozenset({"base_price_input", "base_price_cached_input",
                             "base_price_output", "prompt_hosting_monthly"})
"""The fields a ``prompt_preset`` fills: the prompted side only."""


@dataclass(frozen=True)
class FigureSource:
    """One cost figure's origin, as the form, the record and the JSON show it."""

    field: str
    kind: SourceKind
    by: str
    """Who gives it: the preset or prompted model's id, ``default`` or ``reader``."""
    url: str = ""
    checked: str = ""
    note: str = ""
    missing: bool = False
    """The option has no confirmed figure for it and the reader entered none."""

    def to_dict(self) -> dict[str, str | bool]:
        return {"kind": self.kind.value, "by": self.by, "source": self.url,
                "checked": self.checked, "note": self.note, "missing": self.missing}


def _expected(s: Scenario, name: str) -> tuple[str, Sourced] | None:
    """(who, figure) the scenario's presets put into ``name``, or ``None`` for no preset."""
    if name in PROMPTED_FIELDS and s.prompt_preset:
        model = PROMPT_MODEL_BY_ID.get(s.prompt_preset)
        return (s.prompt_preset, dict(model.figures())[name]) if model else None
    preset = PRESET_BY_ID.get(s.preset) if s.preset else None
    if preset is None:
        return None
    figure = dict(preset.figures())[name]
    volume = serving_values(preset, s.monthly_requests, s.output_tokens)
    if name in volume and figure.value is not None:
        figure = Sourced(volume[name], figure.url, figure.checked,
                         figure.note + f"; USD {volume[name]:,.2f} a month at this volume",
                         figure.kind)
    return preset.id, figure


def _source(s: Scenario, name: str) -> FigureSource:
    value = float(s.value(name))
    default = float(FIELD_BY_NAME[name].default)
    expected = _expected(s, name)
    if expected is not None:
        who, figure = expected
        if figure.value is not None and value == figure.value:
            return FigureSource(name, figure.kind, who, figure.url, figure.checked.isoformat(),
                                figure.note)
        if figure.value is None and value == default:
            return FigureSource(name, SourceKind.DEFAULT, "default", note="the option has no "
                                f"confirmed figure ({figure.note}); this is the calculator's "
                                "generic default, another option's figure: enter yours",
                                missing=True)
        return FigureSource(name, SourceKind.READER, "reader")
    if value == default:
        return FigureSource(name, SourceKind.DEFAULT, "default",
                            note=f"the default option's figure ({DEFAULT_PRESET})")
    return FigureSource(name, SourceKind.READER, "reader")


def cost_sources(s: Scenario) -> tuple[FigureSource, ...]:
    """The origin of every price and hosting figure, in form order."""
    return tuple(_source(s, name) for name in PRICE_FIELDS if name in FIELD_BY_NAME)


def incomplete_fields(s: Scenario) -> tuple[str, ...]:
    """Cost fields the chosen option leaves to the reader and the reader left at the
    generic default: while any remain, the cost comparison is incomplete."""
    return tuple(f.field for f in cost_sources(s) if f.missing)
