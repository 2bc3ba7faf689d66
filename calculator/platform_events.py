"""Dated changes to where teams can fine-tune: the platform-risk timeline.

One list, read by the methodology page: the service changes and retirements the
presets already carry (so the timeline and the calculator cannot disagree),
plus the wider changes a team choosing where to tune should know of. An event
whose day no source gave has ``when = None`` and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .presets import PRESETS, PRESETS_CHECKED

__all__ = ["EXTRA_EVENTS", "PlatformEvent", "timeline"]


@dataclass(frozen=True)
class PlatformEvent:
    """One dated change: who, what, and the page it was read on."""

    when: date | None
    provider: str
    what: str
    url: str
    checked: date


_DAY = PRESETS_CHECKED
_OPENAI_DEPRECATIONS = "https://developers.openai.com/api/docs/deprecations"

EXTRA_EVENTS: tuple[PlatformEvent, ...] = (
    PlatformEvent(date(2025, 9, 15), "Cohere", "Fine-tuning deprecated",
                  "https://docs.cohere.com/docs/chat-fine-tuning", _DAY),
    PlatformEvent(None, "Mistral", "Fine-tuning API deprecated (day not given on the page)",
                  "https://docs.mistral.ai/resources/deprecated/finetuning", _DAY),
    PlatformEvent(date(2026, 10, 20), "Google Vertex AI",
                  "Gemini 2.5 Flash, Flash-Lite and Pro retired, with the models tuned on them",
                  "https://docs.cloud.google.com/gemini-enterprise-agent-platform/models/"
                  "model-versions", _DAY),
    PlatformEvent(date(2026, 10, 23), "OpenAI",
                  "GPT-4.1 nano, o4-mini (reinforcement fine-tuning) and o3-mini shut down",
                  _OPENAI_DEPRECATIONS, _DAY),
    PlatformEvent(date(2026, 10, 31), "OpenAI", "Hosted Evals become read-only",
                  "https://github.com/openai/openai-cookbook/blob/main/examples/evaluation/"
                  "moving-from-openai-evals-to-promptfoo.md", _DAY),
    PlatformEvent(date(2026, 11, 30), "OpenAI",
                  "Hosted Evals shut down (OpenAI points to Promptfoo)",
                  "https://github.com/openai/openai-cookbook/blob/main/examples/evaluation/"
                  "moving-from-openai-evals-to-promptfoo.md", _DAY),
)


def timeline() -> tuple[PlatformEvent, ...]:
    """Every dated event, the presets' own first, in date order (undated ones last)."""
    events = list(EXTRA_EVENTS)
    for preset in PRESETS:
        for end in preset.service_ends:
            events.append(PlatformEvent(end.when, preset.provider, end.what, end.url,
                                        end.checked))
        retirement = preset.retirement
        if retirement.confirmed and retirement.when is not None:
            events.append(PlatformEvent(retirement.when, preset.provider,
                                        f"{preset.base_model} retires ({retirement.note})",
                                        retirement.url, retirement.checked))
    return tuple(sorted(events, key=lambda e: (e.when is None, e.when or date.max,
                                               e.provider)))
