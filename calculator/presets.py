"""Model and provider presets: real options to prompt or fine-tune, as dated, sourced data.

A preset fills the calculator's price, hosting and lifetime fields for one way
of running a feature: a hosted API that tunes its own model, a cloud tuning
service, a serverless LoRA service on an open-weight model, or an open-weight
model on rented GPUs. Every figure is a :class:`Sourced` value that carries the
page it comes from and the day it was checked. A figure nobody could confirm
is kept as ``None`` with a note, and is never filled in: the calculator keeps
its own default (or the reader's value) and the pages say it is unconfirmed.

Per-token inference prices come from the generated ``preset_prices`` module
(see ``scripts/update_presets.py``); everything else is kept here.

Time is explicit: what a preset offers depends on an ``as_of`` date, so a
shared link that names both gives the same result on any later day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from . import preset_prices

__all__ = [
    "CATALOG_REFS",
    "PRESETS",
    "PRESETS_CHECKED",
    "PRESET_BY_ID",
    "STALE_AFTER_MONTHS",
    "Availability",
    "OptionKind",
    "Preset",
    "PresetError",
    "ServiceEnd",
    "Sourced",
    "SourcedDate",
    "add_months",
    "availability",
    "lifetime_months",
    "months_between",
    "scenario_values",
    "validate_presets",
]

PRESETS_CHECKED = date(2026, 11, 26)
"""The day the presets' own figures were last checked, and their default ``as_of``."""

STALE_AFTER_MONTHS = 6
"""A figure checked longer ago than this is flagged on the prices page."""


class PresetError(ValueError):
    """A preset that does not exist or cannot be used on the given date; names the field."""


class OptionKind(StrEnum):
    """The way of running the model, which decides what there is to pay for."""

    HOSTED_API = "hosted-api"
    MANAGED_CLOUD = "managed-cloud"
    SERVERLESS_LORA = "serverless-lora"
    SELF_HOSTED = "self-hosted"


KIND_LABELS = {
    OptionKind.HOSTED_API: "Model vendor's own tuning API",
    OptionKind.MANAGED_CLOUD: "Managed cloud tuning service",
    OptionKind.SERVERLESS_LORA: "Serverless LoRA on an open-weight model",
    OptionKind.SELF_HOSTED: "Open-weight model on rented GPUs",
}


class Availability(StrEnum):
    """What a preset offers on a given day."""

    AVAILABLE = "available"
    RESTRICTED = "restricted"
    ENDED = "ended"


@dataclass(frozen=True)
class Sourced:
    """One figure, where it comes from and when that page was read. ``None`` = unconfirmed."""

    value: float | None
    url: str
    checked: date
    note: str = ""

    @property
    def confirmed(self) -> bool:
        return self.value is not None


@dataclass(frozen=True)
class SourcedDate:
    """A published date (``None`` = none announced), or an unconfirmed one."""

    when: date | None
    url: str
    checked: date
    note: str = ""
    confirmed: bool = True


@dataclass(frozen=True)
class ServiceEnd:
    """A dated change to the service. ``ends_option``: after it nobody can start a tune."""

    when: date
    what: str
    ends_option: bool
    url: str
    checked: date


@dataclass(frozen=True)
class Preset:
    """One real option to compare, with every figure sourced and dated."""

    id: str
    provider: str
    label: str
    kind: OptionKind
    tuned_model: str
    base_model: str
    prompted_model: str
    base_price_input: Sourced
    base_price_cached_input: Sourced
    base_price_output: Sourced
    tuned_price_input: Sourced
    tuned_price_output: Sourced
    training_price: Sourced
    tuned_hosting_monthly: Sourced
    prompt_hosting_monthly: Sourced
    retirement: SourcedDate
    service_ends: tuple[ServiceEnd, ...] = ()
    like_for_like_note: str = ""
    notes: tuple[str, ...] = ()

    def figures(self) -> tuple[tuple[str, Sourced], ...]:
        """(scenario field name, figure) for every price and hosting figure, in form order."""
        return tuple((name, getattr(self, name)) for name in PRICE_FIELDS)

    def unconfirmed(self) -> tuple[str, ...]:
        """The scenario fields this preset cannot fill, because no figure was confirmed."""
        missing = [name for name, figure in self.figures() if not figure.confirmed]
        if not self.retirement.confirmed:
            missing.append("model_lifetime_months")
        return tuple(missing)

    def prices_checked(self) -> date:
        """The oldest check date among the confirmed figures: the date the prices stand on."""
        return min(f.checked for _, f in self.figures() if f.confirmed)


PRICE_FIELDS = (
    "base_price_input",
    "base_price_cached_input",
    "base_price_output",
    "tuned_price_input",
    "tuned_price_output",
    "training_price",
    "tuned_hosting_monthly",
    "prompt_hosting_monthly",
)
"""The scenario fields a preset can fill from figures (the lifetime comes from a date)."""


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the month's end: 2026-08-31 + 6 -> 2027-02-28."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    following = date(year + (month == 12), month % 12 + 1, 1)
    last_day = (following - date.resolution).day
    return date(year, month, min(day.day, last_day))


def months_between(start: date, end: date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 if ``end`` is not later)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    while months > 0 and add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def availability(preset: Preset, as_of: date) -> tuple[Availability, str]:
    """What the preset offers on ``as_of``, and why in words.

    Ended once the base model retires or a change stops everyone starting a tune;
    restricted once a change stops some customers (for example new organisations).
    """
    retired = preset.retirement.when
    if retired is not None and retired <= as_of:
        return Availability.ENDED, f"{preset.base_model} retired on {retired.isoformat()}"
    passed = [end for end in preset.service_ends if end.when <= as_of]
    ending = [end for end in passed if end.ends_option]
    if ending:
        return Availability.ENDED, f"{ending[0].what} since {ending[0].when.isoformat()}"
    if passed:
        latest = passed[-1]
        return Availability.RESTRICTED, f"{latest.what} since {latest.when.isoformat()}"
    return Availability.AVAILABLE, "available"


def lifetime_months(preset: Preset, as_of: date) -> int:
    """Months from ``as_of`` until the base model retires; 0 when no date is known.

    A retirement less than a month away still counts as 1: 0 means "unknown" to
    the calculator, and the result states the exact date beside it.
    """
    retired = preset.retirement.when
    if retired is None or not preset.retirement.confirmed:
        return 0
    if retired <= as_of:
        raise PresetError(f"preset '{preset.id}' is not available as of {as_of.isoformat()}: "
                          f"{preset.base_model} retired on {retired.isoformat()}")
    return max(months_between(as_of, retired), 1)


def scenario_values(preset_id: str, as_of: date) -> dict[str, float | int]:
    """The scenario fields the preset fills on ``as_of``: confirmed figures and the lifetime.

    Unconfirmed figures are left out, so the calculator's own default or the
    reader's value stays. Raises :class:`PresetError` for an unknown preset or one
    that has ended by ``as_of``.
    """
    preset = PRESET_BY_ID.get(preset_id)
    if preset is None:
        raise PresetError(f"preset must be one of {', '.join(PRESET_BY_ID)}; "
                          f"got '{preset_id}'")
    status, why = availability(preset, as_of)
    if status is Availability.ENDED:
        raise PresetError(f"preset '{preset_id}' is not available as of "
                          f"{as_of.isoformat()}: {why}")
    values: dict[str, float | int] = {
        name: figure.value for name, figure in preset.figures() if figure.value is not None
    }
    if preset.retirement.confirmed:
        values["model_lifetime_months"] = lifetime_months(preset, as_of)
    return values


def validate_presets(presets: tuple[Preset, ...], as_of: date) -> list[str]:
    """Every way a preset table breaks the rules of sourcing; empty when it is sound."""
    problems: list[str] = []
    seen: set[str] = set()
    for preset in presets:
        if preset.id in seen:
            problems.append(f"{preset.id}: duplicate id")
        seen.add(preset.id)
        dated: list[tuple[str, str, date]] = [
            (name, f.url, f.checked) for name, f in preset.figures()]
        dated.append(("retirement", preset.retirement.url, preset.retirement.checked))
        dated += [(f"service end {e.when}", e.url, e.checked) for e in preset.service_ends]
        for what, url, checked in dated:
            if not url.startswith("https://") or url.rstrip("/").endswith((":", ",", ".")):
                problems.append(f"{preset.id}: {what} has no clean https source URL ({url!r})")
            if checked > as_of:
                problems.append(f"{preset.id}: {what} checked {checked} after as_of {as_of}")
        for name, figure in preset.figures():
            if not figure.confirmed and not figure.note:
                problems.append(f"{preset.id}: unconfirmed {name} does not say why")
            if figure.value is not None and figure.value < 0:
                problems.append(f"{preset.id}: {name} is negative")
        if not preset.retirement.confirmed and not preset.retirement.note:
            problems.append(f"{preset.id}: unconfirmed retirement does not say why")
        if preset.prompted_model != preset.base_model and not preset.like_for_like_note:
            problems.append(f"{preset.id}: prompted {preset.prompted_model} is not the tuned "
                            f"model's base {preset.base_model}, and no note says what differs")
    return problems


# ---------------------------------------------------------------------------
# The table. Pages, read on the day given; unconfirmed figures say why.
# ---------------------------------------------------------------------------

_TODAY = PRESETS_CHECKED
_CATALOG_DAY = date.fromisoformat(preset_prices.GENERATED_ON)

OPENAI_DEPRECATIONS = "https://developers.openai.com/api/docs/deprecations"
OPENAI_PRICING = "https://developers.openai.com/api/docs/pricing"
VERTEX_PRICING = "https://cloud.google.com/vertex-ai/generative-ai/pricing"
VERTEX_TUNING = ("https://docs.cloud.google.com/vertex-ai/generative-ai/docs/models/"
                 "tune-text-models-supervised")
VERTEX_VERSIONS = ("https://docs.cloud.google.com/vertex-ai/generative-ai/docs/learn/"
                   "model-versions")
BEDROCK_PRICING = "https://aws.amazon.com/bedrock/pricing/"
BEDROCK_ON_DEMAND = ("https://docs.aws.amazon.com/bedrock/latest/userguide/"
                     "deploy-custom-model-on-demand.html")
BEDROCK_LIFECYCLE = "https://docs.aws.amazon.com/bedrock/latest/userguide/model-lifecycle.html"
TOGETHER_PRICING = "https://www.together.ai/pricing"
TOGETHER_LORA = "https://docs.together.ai/docs/adapter-upload"
TOGETHER_FT_PRICING = "https://docs.together.ai/docs/fine-tuning/pricing"
RUNPOD_PRICING = "https://www.runpod.io/pricing"
LLAMA_MODEL_CARD = "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct"

HOURS_PER_MONTH = 730
"""Hours in an average month (8,760 a year / 12): an always-on server's billed hours."""

CATALOG_REFS = (
    "openai/gpt-4.1-mini",
    "google/gemini-3.5-flash-lite",
    "aws/amazon.nova-micro-v1:0",
    "together/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
)
"""The catalogue entries (provider/model in genai-prices) the presets read prices from."""


def _catalog(ref: str) -> tuple[Sourced, Sourced, Sourced]:
    """Input, cached input and output list prices of one catalogue entry."""
    entry = preset_prices.PRICES.get(ref)
    via = f"list price via {preset_prices.LIBRARY} {preset_prices.LIBRARY_VERSION}"
    if entry is None:
        missing = Sourced(None, "https://pypi.org/project/genai-prices/", _CATALOG_DAY,
                          f"{ref} is not in the generated catalogue; run "
                          "scripts/update_presets.py")
        return missing, missing, missing
    price_in, cached, price_out, url = entry
    cached_figure = (Sourced(cached, url, _CATALOG_DAY, via) if cached is not None else
                     Sourced(None, url, _CATALOG_DAY, "the catalogue lists no cached-input price"))
    return (Sourced(price_in, url, _CATALOG_DAY, via), cached_figure,
            Sourced(price_out, url, _CATALOG_DAY, via))


def _unconfirmed(url: str, why: str) -> Sourced:
    return Sourced(None, url, _TODAY, why)


def _pay_per_token(url: str) -> Sourced:
    return Sourced(0.0, url, _CATALOG_DAY, "billed per token only: no fixed monthly fee")


def _monthly(per_hour: float, url: str, checked: date, what: str) -> Sourced:
    return Sourced(round(per_hour * HOURS_PER_MONTH, 2), url, checked,
                   f"{what}: USD {per_hour:.2f} per hour x {HOURS_PER_MONTH} hours a month")


_OPENAI_IN, _OPENAI_CACHED, _OPENAI_OUT = _catalog("openai/gpt-4.1-mini")
_GEMINI_IN, _GEMINI_CACHED, _GEMINI_OUT = _catalog("google/gemini-3.5-flash-lite")
_NOVA_IN, _NOVA_CACHED, _NOVA_OUT = _catalog("aws/amazon.nova-micro-v1:0")
_LLAMA_IN, _LLAMA_CACHED, _LLAMA_OUT = _catalog(
    "together/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo")
_H100_MONTH = _monthly(3.99, RUNPOD_PRICING, date(2026, 11, 9),
                       "one H100 SXM 80 GB, RunPod Secure Cloud on demand (price as "
                       "transcribed from the page on 2026-11-09)")

PRESETS: tuple[Preset, ...] = (
    Preset(
        id="openai-gpt-4.1-mini",
        provider="OpenAI",
        label="OpenAI: fine-tuned GPT-4.1 mini (winding down)",
        kind=OptionKind.HOSTED_API,
        tuned_model="ft:gpt-4.1-mini-2025-04-14",
        base_model="gpt-4.1-mini-2025-04-14",
        prompted_model="gpt-4.1-mini-2025-04-14",
        base_price_input=_OPENAI_IN,
        base_price_cached_input=_OPENAI_CACHED,
        base_price_output=_OPENAI_OUT,
        tuned_price_input=_unconfirmed(OPENAI_PRICING, "fine-tuned model prices are not in "
                                       "the catalogue and the pricing page could not be "
                                       "re-read on 2026-11-26"),
        tuned_price_output=_unconfirmed(OPENAI_PRICING, "as for the tuned input price"),
        training_price=_unconfirmed(OPENAI_PRICING, "training price could not be re-read on "
                                    "2026-11-26"),
        tuned_hosting_monthly=_unconfirmed(OPENAI_PRICING, "no fixed hosting fee was "
                                           "confirmed on the pricing page"),
        prompt_hosting_monthly=_pay_per_token(_OPENAI_IN.url),
        retirement=SourcedDate(date(2027, 1, 14), OPENAI_DEPRECATIONS, _TODAY,
                               "2026-10-14 notice: gpt-4.1-mini-2025-04-14 and the models "
                               "fine-tuned from it shut down on this date"),
        service_ends=(
            ServiceEnd(date(2026, 5, 7), "Organisations that never ran fine-tuning cannot "
                       "create fine-tuning jobs", False, OPENAI_DEPRECATIONS, _TODAY),
            ServiceEnd(date(2026, 7, 2), "Organisations without fine-tuned-model inference "
                       "in the previous 60 days cannot create jobs", False,
                       OPENAI_DEPRECATIONS, _TODAY),
            ServiceEnd(date(2027, 1, 6), "No new fine-tuning jobs for any customer", True,
                       OPENAI_DEPRECATIONS, _TODAY),
        ),
        notes=("Self-serve fine-tuning is being wound down: a new organisation cannot tune "
               "at all, and a tuned model stops with its base model.",
               "A re-tune after 2027-01-06 is impossible on this platform: plan the move "
               "to another option, not a re-tune."),
    ),
    Preset(
        id="vertex-gemini-3.5-flash-lite",
        provider="Google Cloud Vertex AI",
        label="Vertex AI: supervised tuning of Gemini 3.5 Flash-Lite",
        kind=OptionKind.MANAGED_CLOUD,
        tuned_model="tuned gemini-3.5-flash-lite",
        base_model="gemini-3.5-flash-lite",
        prompted_model="gemini-3.5-flash-lite",
        base_price_input=_GEMINI_IN,
        base_price_cached_input=_GEMINI_CACHED,
        base_price_output=_GEMINI_OUT,
        tuned_price_input=_unconfirmed(VERTEX_PRICING, "tuned-endpoint prices for Gemini "
                                       "3.5 Flash-Lite could not be read on 2026-11-26"),
        tuned_price_output=_unconfirmed(VERTEX_PRICING, "as for the tuned input price"),
        training_price=_unconfirmed(VERTEX_PRICING, "the tuning price per 1M training "
                                    "tokens could not be read on 2026-11-26"),
        tuned_hosting_monthly=_unconfirmed(VERTEX_PRICING, "whether a tuned endpoint has a "
                                           "fixed fee could not be confirmed"),
        prompt_hosting_monthly=_pay_per_token(_GEMINI_IN.url),
        retirement=SourcedDate(None, VERTEX_VERSIONS, _TODAY, "the retirement date of "
                               "gemini-3.5-flash-lite could not be read; Google retires "
                               "stable Gemini versions on published dates, and a tuned "
                               "model shares its base model's date", confirmed=False),
        like_for_like_note="",
        notes=("Supervised tuning lists Gemini 3.5 Flash and Flash-Lite among its models "
               f"({VERTEX_TUNING}, read 2026-11-26).",
               "The prompted prices are the catalogue's Gemini list prices; Vertex AI's own "
               "rate for this model was not confirmed separately.",
               "Gemini 2.5 Flash and Flash-Lite, the earlier tuning targets, are past their "
               "Vertex AI retirement dates and are not offered as presets."),
    ),
    Preset(
        id="bedrock-nova-micro",
        provider="Amazon Bedrock",
        label="Amazon Bedrock: fine-tuned Nova Micro, on-demand inference",
        kind=OptionKind.MANAGED_CLOUD,
        tuned_model="custom amazon.nova-micro-v1:0",
        base_model="amazon.nova-micro-v1:0",
        prompted_model="amazon.nova-micro-v1:0",
        base_price_input=_NOVA_IN,
        base_price_cached_input=_NOVA_CACHED,
        base_price_output=_NOVA_OUT,
        tuned_price_input=_unconfirmed(BEDROCK_PRICING, "on-demand prices for a custom Nova "
                                       "Micro model could not be read on 2026-11-26"),
        tuned_price_output=_unconfirmed(BEDROCK_PRICING, "as for the tuned input price"),
        training_price=_unconfirmed(BEDROCK_PRICING, "the customisation (training) price "
                                    "could not be read on 2026-11-26"),
        tuned_hosting_monthly=_unconfirmed(BEDROCK_PRICING, "the monthly custom-model "
                                           "storage fee could not be read on 2026-11-26"),
        prompt_hosting_monthly=_pay_per_token(_NOVA_IN.url),
        retirement=SourcedDate(None, BEDROCK_LIFECYCLE, _TODAY, "no end-of-life date for "
                               "Nova Micro could be confirmed", confirmed=False),
        notes=("Custom Nova Micro models trained after 2025-07-16 can be deployed for "
               f"on-demand, per-token inference in us-east-1 ({BEDROCK_ON_DEMAND}, read "
               "2026-11-26); older ones need provisioned throughput, billed by the hour.",),
    ),
    Preset(
        id="together-llama-3.1-8b-lora",
        provider="Together AI",
        label="Together AI: LoRA on Llama 3.1 8B Instruct, serverless adapter",
        kind=OptionKind.SERVERLESS_LORA,
        tuned_model="LoRA adapter on meta-llama/Meta-Llama-3.1-8B-Instruct-Reference",
        base_model="meta-llama/Meta-Llama-3.1-8B-Instruct-Reference",
        prompted_model="meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
        base_price_input=_LLAMA_IN,
        base_price_cached_input=_LLAMA_CACHED,
        base_price_output=_LLAMA_OUT,
        tuned_price_input=_unconfirmed(TOGETHER_PRICING, "the per-token price of serverless "
                                       "LoRA inference could not be read on 2026-11-26"),
        tuned_price_output=_unconfirmed(TOGETHER_PRICING, "as for the tuned input price"),
        training_price=_unconfirmed(TOGETHER_PRICING, "the LoRA fine-tuning rate for models "
                                    "up to 16B is published only on the pricing page, which "
                                    "could not be read on 2026-11-26"),
        tuned_hosting_monthly=_unconfirmed(TOGETHER_FT_PRICING, "the adapter page lists "
                                           "serverless LoRA for this base model, while the "
                                           "fine-tuning pricing page bills fine-tuned models "
                                           "on dedicated endpoints by the minute"),
        prompt_hosting_monthly=_pay_per_token(_LLAMA_IN.url),
        retirement=SourcedDate(None, TOGETHER_LORA, _TODAY, "no end date for serverless "
                               "LoRA on this base model was found", confirmed=False),
        like_for_like_note="The prompted price is Together's Turbo (quantised) serving of "
                           "Llama 3.1 8B Instruct; the adapter runs on the BF16 Reference "
                           "model, which the catalogue does not price.",
        notes=(f"Serverless LoRA base models listed at {TOGETHER_LORA} (read 2026-11-26).",),
    ),
    Preset(
        id="self-hosted-llama-3.1-8b",
        provider="Self-hosted (RunPod)",
        label="Self-hosted: Llama 3.1 8B Instruct on one rented H100",
        kind=OptionKind.SELF_HOSTED,
        tuned_model="Llama 3.1 8B Instruct with your LoRA adapter",
        base_model="meta-llama/Llama-3.1-8B-Instruct",
        prompted_model="meta-llama/Llama-3.1-8B-Instruct",
        base_price_input=Sourced(0.0, RUNPOD_PRICING, date(2026, 11, 9),
                                 "no per-token fee: you pay for the GPU"),
        base_price_cached_input=Sourced(0.0, RUNPOD_PRICING, date(2026, 11, 9),
                                        "no per-token fee: you pay for the GPU"),
        base_price_output=Sourced(0.0, RUNPOD_PRICING, date(2026, 11, 9),
                                  "no per-token fee: you pay for the GPU"),
        tuned_price_input=Sourced(0.0, RUNPOD_PRICING, date(2026, 11, 9),
                                  "no per-token fee: you pay for the GPU"),
        tuned_price_output=Sourced(0.0, RUNPOD_PRICING, date(2026, 11, 9),
                                   "no per-token fee: you pay for the GPU"),
        training_price=_unconfirmed(RUNPOD_PRICING, "a LoRA run is paid in GPU hours; no "
                                    "sourced tokens-per-hour figure turns that into a price "
                                    "per 1M training tokens"),
        tuned_hosting_monthly=_H100_MONTH,
        prompt_hosting_monthly=_H100_MONTH,
        retirement=SourcedDate(None, LLAMA_MODEL_CARD, _TODAY, "open weights under the "
                               "Llama 3.1 Community License: a copy you keep does not "
                               "retire; only your hosting contract can end"),
        notes=("Both options run on the same always-on GPU, so the saving from a shorter "
               "prompt is spare capacity, not a smaller bill, until traffic needs a second "
               "GPU.", "One GPU's throughput limits the requests per month it can serve; "
               "the calculator does not check that."),
    ),
)

PRESET_BY_ID: dict[str, Preset] = {p.id: p for p in PRESETS}
