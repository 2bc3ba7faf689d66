"""How a chosen preset meets a scenario: the values it fills, the notes it adds.

Kept apart from ``presets`` (the data) and ``scenario`` (the parsing) so that
both stay small: this module knows which scenario fields exist and turns a
preset on an ``as_of`` day into field values, warnings and decision-record lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from .presets import (
    PRESET_BY_ID,
    Availability,
    Preset,
    availability,
    scenario_values,
    serving_values,
)
from .prompt_models import PROMPT_MODEL_BY_ID, prompt_values
from .schema import FIELD_BY_NAME
from .wording import count, join

if TYPE_CHECKING:
    from .scenario import Scenario

__all__ = [
    "NO_PRESET",
    "preset_fields",
    "preset_notes",
    "preset_record_lines",
    "preset_values",
    "prompt_preset_values",
    "serving_fill",
]

NO_PRESET = ""
"""The ``preset`` value for "no preset: the figures are the reader's own"."""


def preset_fields() -> tuple[str, ...]:
    """Every scenario field some preset can fill, in schema order (the form clears these
    when the preset changes, so the new preset's figures take their place)."""
    names = {"model_lifetime_months"}
    for preset in PRESET_BY_ID.values():
        names.update(name for name, _ in preset.figures())
    for model in PROMPT_MODEL_BY_ID.values():
        names.update(name for name, _ in model.figures())
    return tuple(name for name in FIELD_BY_NAME if name in names)


@lru_cache(maxsize=64)
def _cached_values(preset_id: str, as_of: str) -> tuple[tuple[str, float | int], ...]:
    values = scenario_values(preset_id, date.fromisoformat(as_of))
    return tuple((name, value) for name, value in values.items() if name in FIELD_BY_NAME)


def preset_values(preset_id: str, as_of: str) -> dict[str, float | int]:
    """The scenario fields the preset fills on ``as_of`` (ISO date), only those the schema
    has. Raises ``PresetError`` (a ``ValueError``) naming the preset when it cannot be used."""
    if preset_id == NO_PRESET:
        return {}
    return dict(_cached_values(preset_id, as_of))


def prompt_preset_values(model_id: str) -> dict[str, float]:
    """The prompted-side fields a ``prompt_preset`` fills (empty for none). Raises
    ``ValueError`` naming the field for an unknown id."""
    return {name: value for name, value in prompt_values(model_id).items()
            if name in FIELD_BY_NAME}


_HOSTING = ("prompt_hosting_monthly", "tuned_hosting_monthly")
_VOLUME_KEYS = frozenset({"preset", "as_of", "prompt_preset", "monthly_requests",
                          "output_tokens"})


def serving_fill(s: Scenario, given: Iterable[str]) -> dict[str, float]:
    """Hosting for a preset whose GPUs follow the volume, when the volume or the preset was
    just given and no hosting figure was: as many GPUs as the requests need, not one."""
    keys = set(given)
    preset = _preset(s)
    if preset is None or preset.serving is None or not (keys & _VOLUME_KEYS):
        return {}
    values = serving_values(preset, s.monthly_requests, s.output_tokens)
    if s.prompt_preset:
        values.pop("prompt_hosting_monthly", None)
    return {name: value for name, value in values.items() if name not in keys}


def _preset(s: Scenario) -> Preset | None:
    return PRESET_BY_ID.get(s.preset) if s.preset != NO_PRESET else None


def preset_notes(s: Scenario, plan_months: float | None = None) -> list[str]:
    """Warnings a preset adds: months left, a retirement inside the plan, restrictions,
    and the figures the preset could not fill.

    ``plan_months`` is how long the plan needs the tuned model (at least the
    horizon); a base model that retires sooner ends the plan early.
    """
    preset = _preset(s)
    if preset is None:
        return []
    day = date.fromisoformat(s.as_of)
    notes: list[str] = []
    retires = preset.retirement.when if preset.retirement.confirmed else None
    needed = max(plan_months or 0.0, float(s.horizon_months))
    if retires is not None:
        left = s.model_lifetime_months
        notes.append(f"{preset.label}: the base model {preset.base_model} retires on "
                     f"{retires.isoformat()}, {count(left, 'month')} after "
                     f"{day.isoformat()}.")
        if left < needed:
            notes.append(f"The base model retires before the plan completes: the plan needs "
                         f"it for {count(needed, 'month')}, it retires after "
                         f"{count(left, 'month')}. Price a move to another option, not just "
                         "a re-tune.")
        if left < needed and not s.prompt_preset:
            notes.append(_prompted_successor(preset, retires))
    status, why = availability(preset, day)
    if status is Availability.RESTRICTED:
        notes.append(f"{preset.label} is restricted as of {day.isoformat()}: {why}.")
    for end in preset.service_ends:
        if end.ends_option and end.when > day:
            notes.append(f"{preset.provider}: {end.what.lower()} from {end.when.isoformat()}.")
    missing = [name for name in preset.unconfirmed() if name in FIELD_BY_NAME]
    if missing:
        labels = [FIELD_BY_NAME[name].label.lower() for name in missing]
        notes.append("The preset could not confirm the " + join(labels) + "; those inputs "
                     "keep the value entered (or the calculator's default): check them.")
    return notes


def _prompted_successor(preset: Preset, retires: date) -> str:
    """Prompting the retiring model ends on the same day: name a model to prompt after it."""
    same = [m for m in PROMPT_MODEL_BY_ID.values()
            if m.provider in preset.provider and m.model not in preset.prompted_model]
    other = same[-1] if same else next(iter(PROMPT_MODEL_BY_ID.values()))
    return (f"Prompting {preset.prompted_model} ends on {retires.isoformat()} too: price the "
            f"prompted side on the model you will use after it (prompt_preset), for example "
            f"{other.model} (prompt_preset {other.id}).")


def preset_record_lines(s: Scenario) -> list[str]:
    """Lines of the decision record naming the preset, ``as_of`` and the price date, so a
    reviewer can tell what the figures stood on (the calculator's version follows them)."""
    preset = _preset(s)
    if preset is None:
        return ["**Preset:** none: the figures are the ones entered  "]
    return [f"**Preset:** {preset.label} (`{preset.id}`), as of {s.as_of}  ",
            f"**Prices checked:** {preset.prices_checked().isoformat()} (each figure's source "
            "and date are on the methodology page)  "]
