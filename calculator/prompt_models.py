"""The models a team would prompt instead of tuning: the ``prompt_preset`` catalogue.

The most common real choice is not "prompt this model or tune this model" but
"prompt a frontier model, or tune a small one" (distillation). A prompted-model
preset fills only the prompted side (``base_price_*`` and
``prompt_hosting_monthly``), whatever tuning option ``preset`` names.

Prices come from the generated ``preset_prices`` module (the ``genai-prices``
dataset, read by ``scripts/update_presets.py``), dated by the day it was read.
Per provider: its current frontier model and its current small model, as the
dataset lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from . import preset_prices
from .preset_model import Sourced, SourceKind

__all__ = [
    "NO_PROMPT_PRESET",
    "PROMPT_MODELS",
    "PROMPT_MODEL_BY_ID",
    "PROMPT_MODEL_REFS",
    "PromptModel",
    "Tier",
    "prompt_values",
]

NO_PROMPT_PRESET = ""
"""The ``prompt_preset`` value for "prompt the tuning option's own base model"."""


class Tier(StrEnum):
    """Where a model sits in its provider's line-up."""

    FRONTIER = "frontier"
    SMALL = "small"


@dataclass(frozen=True)
class PromptModel:
    """One model to prompt, with its dated list prices."""

    id: str
    provider: str
    model: str
    tier: Tier
    ref: str
    """The ``provider/model`` entry in the price dataset."""

    @property
    def label(self) -> str:
        return f"{self.provider}: {self.model} ({self.tier.value})"

    def figures(self) -> tuple[tuple[str, Sourced], ...]:
        """(field, figure) for the four prompted-side fields this model fills."""
        day = date.fromisoformat(preset_prices.GENERATED_ON)
        entry = preset_prices.PRICES.get(self.ref)
        via = (f"list price via {preset_prices.LIBRARY} {preset_prices.LIBRARY_VERSION}, "
               f"read {preset_prices.GENERATED_ON}")
        if entry is None:
            missing = Sourced(None, "https://pypi.org/project/genai-prices/", day,
                              f"{self.ref} is not in the generated prices; run "
                              "scripts/update_presets.py")
            return (("base_price_input", missing), ("base_price_cached_input", missing),
                    ("base_price_output", missing), ("prompt_hosting_monthly", missing))
        price_in, cached, price_out, url = entry
        cached_figure = (Sourced(cached, url, day, via) if cached is not None else
                         Sourced(price_in, url, day, "the dataset lists no cached-input "
                                 "price: cached tokens are priced as uncached input",
                                 kind=SourceKind.ESTIMATE))
        return (("base_price_input", Sourced(price_in, url, day, via)),
                ("base_price_cached_input", cached_figure),
                ("base_price_output", Sourced(price_out, url, day, via)),
                ("prompt_hosting_monthly", Sourced(0.0, url, day, "billed per token only: "
                                                   "no fixed monthly fee")))



def _m(provider: str, model: str, tier: Tier, ref: str) -> PromptModel:
    return PromptModel(f"{ref.split('/', 1)[0]}-{model}".replace(":", "-").lower(),
                       provider, model, tier, ref)


PROMPT_MODELS: tuple[PromptModel, ...] = (
    _m("OpenAI", "gpt-5.6-sol", Tier.FRONTIER, "openai/gpt-5.6-sol"),
    _m("OpenAI", "gpt-5.6-luna", Tier.SMALL, "openai/gpt-5.6-luna"),
    _m("Anthropic", "claude-opus-5-5", Tier.FRONTIER, "anthropic/claude-opus-5-5"),
    _m("Anthropic", "claude-haiku-5-5", Tier.SMALL, "anthropic/claude-haiku-5-5"),
    _m("Google", "gemini-3.1-pro-preview", Tier.FRONTIER, "google/gemini-3.1-pro-preview"),
    _m("Google", "gemini-3.5-flash-lite", Tier.SMALL, "google/gemini-3.5-flash-lite"),
    _m("Amazon", "nova-premier", Tier.FRONTIER, "aws/amazon.nova-premier-v1:0"),
    _m("Amazon", "nova-micro", Tier.SMALL, "aws/amazon.nova-micro-v1:0"),
    _m("Mistral", "mistral-large-4", Tier.FRONTIER, "mistral/mistral-large-4"),
    _m("Mistral", "mistral-small-2603", Tier.SMALL, "mistral/mistral-small-2603"),
)
"""Per provider, its frontier and its small model (base tier of tiered prices)."""

PROMPT_MODEL_BY_ID: dict[str, PromptModel] = {m.id: m for m in PROMPT_MODELS}
PROMPT_MODEL_REFS: tuple[str, ...] = tuple(m.ref for m in PROMPT_MODELS)


def prompt_values(model_id: str) -> dict[str, float]:
    """The prompted-side fields a prompted-model preset fills (confirmed figures only).

    Raises ``ValueError`` naming the field for an unknown id.
    """
    if model_id == NO_PROMPT_PRESET:
        return {}
    model = PROMPT_MODEL_BY_ID.get(model_id)
    if model is None:
        raise ValueError(f"prompt_preset must be one of {', '.join(PROMPT_MODEL_BY_ID)}; "
                         f"got '{model_id}'")
    return {name: figure.value for name, figure in model.figures() if figure.value is not None}
