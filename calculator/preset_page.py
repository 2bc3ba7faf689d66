"""The presets' figures as data for the calculator page, so a preset link fills the form at once.

A link such as ``?preset=bedrock-nova-micro&as_of=2026-11-26`` names a preset
and leaves its figures out. Until the browser's engine is up, the page fills
those figures itself from this data, which the build renders from the very
functions the engine calls (``preset_fill.preset_values``): never a hand copy.

Price and hosting figures do not depend on the day; the base model's lifetime
does, so it is given for the default day only and the page leaves it to the
engine on any other day.
"""

from __future__ import annotations

from .preset_fill import preset_values
from .presets import PRESET_BY_ID, PRICE_FIELDS, PresetError
from .scenario import Scenario

__all__ = ["preset_page_data"]


def preset_page_data() -> dict[str, object]:
    """``{"as_of": day, "presets": {id: {"figures": {...}, "dated": {...}}}}``, JSON-ready.

    ``figures`` hold for any day; ``dated`` only for ``as_of``. A preset that
    cannot be used on the default day is left out (the engine explains why).
    """
    as_of = Scenario().as_of
    presets: dict[str, dict[str, dict[str, float | int]]] = {}
    for preset_id in PRESET_BY_ID:
        try:
            values = preset_values(preset_id, as_of)
        except PresetError:
            continue
        presets[preset_id] = {
            "figures": {k: v for k, v in values.items() if k in PRICE_FIELDS},
            "dated": {k: v for k, v in values.items() if k not in PRICE_FIELDS},
        }
    return {"as_of": as_of, "presets": presets}
