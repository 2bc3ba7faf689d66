"""Model and provider presets: real options to prompt or fine-tune, as dated, sourced data.

A preset fills the calculator's price, hosting and lifetime fields for one way
of running a feature: a hosted API that tunes its own model, a cloud tuning
service, a serverless LoRA service or an always-on dedicated deployment of an
open-weight model, or an open-weight model on rented GPUs. Both sides come
from that option's own figures (rule 8): every figure is a :class:`Sourced`
value with the page it comes from, the day it was checked and its kind, this
option's own figure or a labelled estimate whose basis the note gives. A
figure nobody could confirm would be ``None`` and left to the reader; a preset
never borrows another provider's number.

Per-token list prices and deprecation dates come from the generated
``preset_prices`` module (see ``scripts/update_presets.py``); the rest is kept
here. The shape of a preset and the rules of time live in ``preset_model``.

Time is explicit: what a preset offers depends on an ``as_of`` date, so a
shared link that names both gives the same result on any later day.
"""

from __future__ import annotations

from datetime import date

from . import preset_prices
from .preset_model import (
    HOURS_PER_MONTH,
    KIND_LABELS,
    PRICE_FIELDS,
    Availability,
    GpuServing,
    OptionKind,
    Preset,
    PresetError,
    ServiceEnd,
    Sourced,
    SourcedDate,
    SourceKind,
    add_months,
    availability,
    closed_to_new,
    last_tune_day,
    lifetime_months,
    months_between,
    validate_presets,
)

__all__ = [
    "CATALOG_REFS",
    "DEFAULT_PRESET",
    "HOURS_PER_MONTH",
    "KIND_LABELS",
    "PRESETS",
    "PRESETS_CHECKED",
    "PRESET_BY_ID",
    "PRICE_FIELDS",
    "STALE_AFTER_MONTHS",
    "TUNED_REFS",
    "TYPICAL_MODEL_LIFE",
    "Availability",
    "GpuServing",
    "OptionKind",
    "Preset",
    "PresetError",
    "ServiceEnd",
    "SourceKind",
    "Sourced",
    "SourcedDate",
    "add_months",
    "availability",
    "closed_to_new",
    "last_tune_day",
    "lifetime_months",
    "months_between",
    "open_alternative",
    "scenario_values",
    "serving_values",
    "validate_presets",
]

PRESETS_CHECKED = date(2026, 12, 4)
"""The day the presets' own figures were last checked, and their default ``as_of``."""

STALE_AFTER_MONTHS = 6
"""A figure checked longer ago than this is flagged on the prices page."""

DEFAULT_PRESET = "bedrock-nova-micro"
"""The default scenario's option (rule 11): open to a new organisation on the default
``as_of``, and every one of its figures confirmed by a source (the methodology page says
why it was chosen)."""

_TODAY = PRESETS_CHECKED
_DATASET_DAY = date.fromisoformat(preset_prices.GENERATED_ON)

OPENAI_DEPRECATIONS = "https://developers.openai.com/api/docs/deprecations"
OPENAI_PRICING = "https://developers.openai.com/api/docs/pricing"
VERTEX_PRICING = ("https://cloud.google.com/gemini-enterprise-agent-platform/"
                  "generative-ai/pricing")
VERTEX_TUNING = ("https://docs.cloud.google.com/gemini-enterprise-agent-platform/"
                 "reference/models/tuning")
VERTEX_VERSIONS = ("https://docs.cloud.google.com/gemini-enterprise-agent-platform/"
                   "models/model-versions")
BEDROCK_PRICING = "https://aws.amazon.com/bedrock/pricing/"
BEDROCK_BLOG = ("https://aws.amazon.com/blogs/machine-learning/cost-efficient-custom-text-"
                "to-sql-using-amazon-nova-micro-and-amazon-bedrock-on-demand-inference/")
NOVA_ON_DEMAND = "https://docs.aws.amazon.com/nova/latest/userguide/custom-fine-tune-odi.html"
BEDROCK_LIFECYCLE = ("https://docs.aws.amazon.com/bedrock/latest/userguide/"
                     "model-lifecycle.html")
TOGETHER_PRICING = "https://www.together.ai/pricing"
TOGETHER_LORA = "https://docs.together.ai/docs/adapter-upload"
TOGETHER_FT_PRICING = "https://docs.together.ai/docs/fine-tuning/pricing"
FIREWORKS_PRICING = "https://fireworks.ai/pricing"
FIREWORKS_COSTS = "https://docs.fireworks.ai/faq/billing-pricing-usage/pricing/cost-structure"
RUNPOD_PRICING = "https://www.runpod.io/pricing"
MLPERF_REDHAT = ("https://www.redhat.com/en/blog/efficient-and-reproducible-llm-inference-"
                 "red-hat-mlperf-inference-v51-results")
NEMO_PERFORMANCE = ("https://github.com/NVIDIA-NeMo/Automodel/blob/main/docs/"
                    "performance-summary.mdx")
LLAMA_MODEL_CARD = "https://huggingface.co/meta-llama/Llama-3.1-8B-Instruct"

CATALOG_REFS = (
    "openai/gpt-4.1-mini",
    "google/gemini-3.5-flash-lite",
    "aws/amazon.nova-micro-v1:0",
    "together/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
    "fireworks/llama-v3p1-8b-instruct",
)
"""The genai-prices entries (provider/model) the presets read base prices from."""

TUNED_REFS = (
    "ft:gpt-4.1-mini-2025-04-14",
    "gpt-4.1-mini-2025-04-14",
    "gemini-3.5-flash-lite",
    "amazon.nova-micro-v1:0",
    "together_ai/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo",
    "fireworks_ai/accounts/fireworks/models/llama-v3p1-8b-instruct",
)
"""The LiteLLM entries read for fine-tuned prices and deprecation dates."""

TYPICAL_MODEL_LIFE = Sourced(
    12, VERTEX_VERSIONS, _TODAY,
    "months a successor base model lives before it retires in turn: Gemini 3.5 Flash-Lite "
    "was released on 2026-07-21 and retires on 2027-07-21 or later (12 months), and "
    f"Bedrock keeps a model at least 12 months after launch ({BEDROCK_LIFECYCLE})")
"""After the first forced migration, successors retire on this life (rule 10)."""


def _catalog(ref: str) -> tuple[Sourced, Sourced, Sourced]:
    """Input, cached input and output list prices of one dataset entry.

    A missing cached price is a labelled estimate: cached tokens at the uncached rate.
    """
    entry = preset_prices.PRICES.get(ref)
    via = (f"list price via {preset_prices.LIBRARY} {preset_prices.LIBRARY_VERSION}, "
           f"read {preset_prices.GENERATED_ON}")
    if entry is None:
        missing = Sourced(None, "https://pypi.org/project/genai-prices/", _DATASET_DAY,
                          f"{ref} is not in the generated prices; run "
                          "scripts/update_presets.py")
        return missing, missing, missing
    price_in, cached, price_out, url = entry
    cached_figure = (Sourced(cached, url, _DATASET_DAY, via) if cached is not None else
                     Sourced(price_in, url, _DATASET_DAY, "estimate: the dataset lists no "
                             "cached-input price, so cached tokens are priced as uncached "
                             "input", SourceKind.ESTIMATE))
    return (Sourced(price_in, url, _DATASET_DAY, via), cached_figure,
            Sourced(price_out, url, _DATASET_DAY, via))


def _tuned(key: str, url: str) -> tuple[Sourced, Sourced, Sourced]:
    """Fine-tuned input, cached input and output prices from LiteLLM's price JSON."""
    entry = preset_prices.TUNED.get(key)
    if entry is None:
        missing = Sourced(None, "https://pypi.org/project/litellm/", _DATASET_DAY,
                          f"{key} is not in the generated prices; run "
                          "scripts/update_presets.py")
        return missing, missing, missing
    price_in, cached, price_out, _ = entry
    via = (f"{url}, as listed by {preset_prices.TUNED_LIBRARY} "
           f"{preset_prices.TUNED_LIBRARY_VERSION} (`{key}`)")
    cached_figure = (Sourced(cached, url, _DATASET_DAY, via) if cached is not None else
                     Sourced(price_in, url, _DATASET_DAY, "estimate: no cached price "
                             "listed, priced as uncached input", SourceKind.ESTIMATE))
    return (Sourced(price_in, url, _DATASET_DAY, via), cached_figure,
            Sourced(price_out, url, _DATASET_DAY, via))


def _same(figure: Sourced, url: str, why: str, kind: SourceKind = SourceKind.PRESET) -> Sourced:
    """A tuned-side figure equal to a base-side one, for a stated reason."""
    return Sourced(figure.value, url, _TODAY, why, kind)


def _estimate(value: float, url: str, basis: str, checked: date = _TODAY) -> Sourced:
    return Sourced(value, url, checked, "estimate: " + basis, SourceKind.ESTIMATE)


def _pay_per_token(url: str) -> Sourced:
    return Sourced(0.0, url, _DATASET_DAY, "billed per token only: no fixed monthly fee")


def _zero_per_token(url: str) -> Sourced:
    return Sourced(0.0, url, _TODAY, "no per-token fee: you pay for the GPUs")


_OPENAI_IN, _OPENAI_CACHED, _OPENAI_OUT = _catalog("openai/gpt-4.1-mini")
_OPENAI_FT_IN, _OPENAI_FT_CACHED, _OPENAI_FT_OUT = _tuned("ft:gpt-4.1-mini-2025-04-14",
                                                          OPENAI_PRICING)
_GEMINI_IN, _GEMINI_CACHED, _GEMINI_OUT = _catalog("google/gemini-3.5-flash-lite")
_NOVA_IN, _NOVA_CACHED, _NOVA_OUT = _catalog("aws/amazon.nova-micro-v1:0")
_LLAMA_IN, _LLAMA_CACHED, _LLAMA_OUT = _catalog(
    "together/meta-llama/Meta-Llama-3.1-8B-Instruct-Turbo")
_FW_IN, _FW_CACHED, _FW_OUT = _catalog("fireworks/llama-v3p1-8b-instruct")

_H100_PER_HOUR = Sourced(3.99, RUNPOD_PRICING, date(2026, 11, 9),
                         "one H100 SXM 80 GB, RunPod Secure Cloud, on demand, per hour")
_H100_MONTH = Sourced(round(3.99 * HOURS_PER_MONTH, 2), RUNPOD_PRICING, date(2026, 11, 9),
                      f"one H100 SXM 80 GB, RunPod Secure Cloud on demand: USD 3.99 per hour "
                      f"x {HOURS_PER_MONTH} hours a month")
_H100_SERVING = GpuServing(
    gpu="H100 SXM 80 GB",
    monthly=_H100_MONTH,
    output_tokens_per_second=Sourced(
        5103, MLPERF_REDHAT, _TODAY,
        "MLPerf Inference v5.1, Server scenario: Llama 3.1 8B (FP8) on vLLM, one H100, "
        "5,103 tokens a second (Red Hat's submission, read from a stored copy of the post). "
        "The benchmark's requests are news summaries; a much longer prompt per request needs "
        "more GPU than this counts"),
    utilisation=_estimate(0.5, MLPERF_REDHAT, "traffic is uneven over a day, so plan on "
                          "half of the benchmark's steady rate on average"),
)
_LORA_TOKENS_PER_SECOND = 12_473
"""NeMo Automodel's LoRA benchmark, Llama 3 8B on one H100 (BF16, sequences of 4,096, no
padding): 12,472.87 tokens a second per GPU (performance summary, changed 2026-06-12)."""
_LORA_EFFICIENCY = 0.4
_SELF_TRAINING = round(3.99 / (_LORA_TOKENS_PER_SECOND * _LORA_EFFICIENCY * 3600 / 1e6), 3)
_FIREWORKS_A100_HOUR = 3.89

PRESETS: tuple[Preset, ...] = (
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
        prompt_hosting_monthly=_pay_per_token(_NOVA_IN.url),
        tuned_price_input=_same(_NOVA_IN, NOVA_ON_DEMAND, "a custom Nova model on on-demand "
                                "inference is charged per token at the base model's standard "
                                "rate (models trained after 2025-07-16)"),
        tuned_price_cached_input=_estimate(_NOVA_IN.value or 0.0, NOVA_ON_DEMAND,
                                           "prompt caching on a custom model was not "
                                           "confirmed, so cached tokens are priced as "
                                           "uncached input (the higher figure)"),
        tuned_price_output=_same(_NOVA_OUT, NOVA_ON_DEMAND, "as for the tuned input price"),
        training_price=Sourced(1.00, BEDROCK_BLOG, _TODAY, "AWS Machine Learning blog "
                               "(2026-04-16): Nova Micro customisation at USD 0.001 per 1,000 "
                               "training tokens, times the epochs"),
        tuned_hosting_monthly=Sourced(1.95, BEDROCK_BLOG, _TODAY, "AWS Machine Learning "
                                      "blog (2026-04-16): custom model storage, USD 1.95 a "
                                      "month per model; no hourly fee on on-demand "
                                      "inference"),
        retirement=SourcedDate(None, BEDROCK_LIFECYCLE, _TODAY, "no end-of-life date for "
                               "Nova Micro is announced; Bedrock keeps a model at least 12 "
                               "months after launch and 6 months in Legacy after notice"),
        notes=("Custom Nova Micro models trained after 2025-07-16 run on on-demand, "
               f"per-token inference in us-east-1 ({NOVA_ON_DEMAND}); older ones need "
               "provisioned throughput, billed by the hour.",
               "Open to a new AWS account on 2026-12-04: the calculator's default option."),
    ),
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
        prompt_hosting_monthly=_pay_per_token(_OPENAI_IN.url),
        tuned_price_input=_OPENAI_FT_IN,
        tuned_price_cached_input=_OPENAI_FT_CACHED,
        tuned_price_output=_OPENAI_FT_OUT,
        training_price=Sourced(5.00, "https://openai.com/api/pricing/", date(2025, 8, 21),
                               "OpenAI's pricing page as copied on 2025-08-21 (GPT-4.1 mini "
                               "training, per 1M training tokens); no 2026 copy of the page "
                               "was found"),
        tuned_hosting_monthly=_pay_per_token(OPENAI_PRICING),
        retirement=SourcedDate(date(2027, 1, 14), OPENAI_DEPRECATIONS, _TODAY,
                               "2026-10-14 notice: gpt-4.1-mini-2025-04-14 and the models "
                               "fine-tuned from it shut down on this date (LiteLLM's "
                               "deprecation date agrees)"),
        service_ends=(
            ServiceEnd(date(2026, 5, 7), "Organisations that never ran fine-tuning cannot "
                       "create fine-tuning jobs", False, OPENAI_DEPRECATIONS, _TODAY,
                       closes_to_new=True),
            ServiceEnd(date(2026, 7, 2), "Organisations without fine-tuned-model inference "
                       "in the previous 60 days cannot create jobs", False,
                       OPENAI_DEPRECATIONS, _TODAY, closes_to_new=True),
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
        prompt_hosting_monthly=_pay_per_token(_GEMINI_IN.url),
        tuned_price_input=_same(_GEMINI_IN, VERTEX_PRICING, "estimate: Vertex AI priced "
                                "tuned Gemini 1.5 and 2.x endpoints at the base model's "
                                "rate; not confirmed for 3.5", SourceKind.ESTIMATE),
        tuned_price_cached_input=_estimate(_GEMINI_IN.value or 0.0, VERTEX_PRICING,
                                           "caching on a tuned endpoint was not confirmed, "
                                           "so cached tokens are priced as uncached input"),
        tuned_price_output=_same(_GEMINI_OUT, VERTEX_PRICING, "estimate: as for the tuned "
                                 "input price", SourceKind.ESTIMATE),
        training_price=_estimate(1.50, VERTEX_PRICING, "Gemini 2.5 Flash-Lite's last "
                                 "published supervised-tuning rate (from secondary copies); "
                                 "Vertex AI's rate for 3.5 Flash-Lite was not found"),
        tuned_hosting_monthly=_estimate(0.0, VERTEX_PRICING, "tuned Gemini 1.5 and 2.x "
                                        "endpoints were billed per token with no fixed fee"),
        retirement=SourcedDate(date(2027, 7, 21), VERTEX_VERSIONS, _TODAY, "released "
                               "2026-07-21; retires on 2027-07-21 or later (dates may move "
                               "later, never earlier); LiteLLM's deprecation date agrees"),
        notes=("Supervised tuning lists Gemini 3.5 Flash and Flash-Lite among its models "
               f"({VERTEX_TUNING}).",
               "Gemini 2.5 Flash, Flash-Lite and Pro, the earlier tuning targets, retired on "
               "2026-10-20."),
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
        prompt_hosting_monthly=_pay_per_token(_LLAMA_IN.url),
        tuned_price_input=_same(_LLAMA_IN, TOGETHER_LORA, "estimate: Together's adapter "
                                "pages bill a serverless LoRA adapter at its base model's "
                                "per-token price; that serverless LoRA still runs on this "
                                "base on 2026-12-04 was not confirmed", SourceKind.ESTIMATE),
        tuned_price_cached_input=_same(_LLAMA_IN, TOGETHER_LORA, "estimate: no cached price "
                                       "is listed, so cached tokens are priced as uncached "
                                       "input", SourceKind.ESTIMATE),
        tuned_price_output=_same(_LLAMA_OUT, TOGETHER_LORA, "estimate: as for the tuned "
                                 "input price", SourceKind.ESTIMATE),
        training_price=_estimate(0.48, TOGETHER_PRICING, "LoRA supervised fine-tuning of "
                                 "models up to 16B, per 1M tokens processed, as quoted from "
                                 "Together's pricing page in 2026 notes; the page itself "
                                 f"could not be read (billing method: {TOGETHER_FT_PRICING})"),
        tuned_hosting_monthly=_estimate(0.0, TOGETHER_LORA, "a serverless adapter has no "
                                        "fixed fee; a dedicated endpoint, billed by the "
                                        "minute, would"),
        retirement=SourcedDate(None, TOGETHER_LORA, _TODAY, "no end date for serverless "
                               "LoRA on this base model was found; LiteLLM dates the Turbo "
                               "model deprecated on 2026-03-06, which Together's own pages "
                               "did not confirm", confirmed=False),
        like_for_like_note="The prompted price is Together's Turbo (quantised) serving of "
                           "Llama 3.1 8B Instruct; the adapter runs on the BF16 Reference "
                           "model, which the dataset does not price.",
        notes=(f"Serverless LoRA base models were listed at {TOGETHER_LORA}.",),
        open_weights=True,
    ),
    Preset(
        id="fireworks-llama-3.1-8b-dedicated",
        provider="Fireworks AI",
        label="Fireworks AI: LoRA on Llama 3.1 8B, always-on dedicated deployment",
        kind=OptionKind.DEDICATED,
        tuned_model="LoRA on accounts/fireworks/models/llama-v3p1-8b-instruct",
        base_model="accounts/fireworks/models/llama-v3p1-8b-instruct",
        prompted_model="accounts/fireworks/models/llama-v3p1-8b-instruct",
        base_price_input=_FW_IN,
        base_price_cached_input=_FW_CACHED,
        base_price_output=_FW_OUT,
        prompt_hosting_monthly=_pay_per_token(_FW_IN.url),
        tuned_price_input=_same(_FW_IN, FIREWORKS_COSTS, "estimate: a LoRA model needs a "
                                "dedicated deployment, billed per GPU-second plus usage per "
                                "token; fine-tuned models are served at the base model's "
                                "per-token price", SourceKind.ESTIMATE),
        tuned_price_cached_input=_same(_FW_IN, FIREWORKS_COSTS, "estimate: no cached price "
                                       "is listed, priced as uncached input",
                                       SourceKind.ESTIMATE),
        tuned_price_output=_same(_FW_OUT, FIREWORKS_COSTS, "estimate: as for the tuned "
                                 "input price", SourceKind.ESTIMATE),
        training_price=Sourced(0.50, FIREWORKS_PRICING, _TODAY, "Fireworks pricing page "
                               "(undated stored copy): supervised fine-tuning of models up "
                               "to 16B, USD 0.50 per 1M training tokens"),
        tuned_hosting_monthly=Sourced(round(_FIREWORKS_A100_HOUR * HOURS_PER_MONTH, 2),
                                      FIREWORKS_PRICING, _TODAY,
                                      "Fireworks pricing page (undated stored copy): one "
                                      f"A100 80 GB at USD {_FIREWORKS_A100_HOUR:.2f} an hour x "
                                      f"{HOURS_PER_MONTH} hours, always on; one GPU, not "
                                      "scaled with volume"),
        retirement=SourcedDate(None, LLAMA_MODEL_CARD, _TODAY, "open weights: the base model "
                               "and your adapter can move to another host; no end date for "
                               "this deployment was announced"),
        notes=("The always-on deployment is paid whether or not traffic comes; it suits "
               "steady, high volume.",
               "LiteLLM 1.110.2 lists this serverless model at USD 0.10 per 1M tokens, "
               "genai-prices and the stored pricing page at 0.20: the preset uses 0.20."),
        open_weights=True,
    ),
    Preset(
        id="self-hosted-llama-3.1-8b",
        provider="Self-hosted (RunPod)",
        label="Self-hosted: Llama 3.1 8B Instruct on rented H100s",
        kind=OptionKind.SELF_HOSTED,
        tuned_model="Llama 3.1 8B Instruct with your LoRA adapter",
        base_model="meta-llama/Llama-3.1-8B-Instruct",
        prompted_model="meta-llama/Llama-3.1-8B-Instruct",
        base_price_input=_zero_per_token(RUNPOD_PRICING),
        base_price_cached_input=_zero_per_token(RUNPOD_PRICING),
        base_price_output=_zero_per_token(RUNPOD_PRICING),
        prompt_hosting_monthly=_estimate(_H100_MONTH.value or 0.0, RUNPOD_PRICING,
                                         "always-on H100s, as many as the volume needs "
                                         "(see the GPU arithmetic); one at the default volume"),
        tuned_price_input=_zero_per_token(RUNPOD_PRICING),
        tuned_price_cached_input=_zero_per_token(RUNPOD_PRICING),
        tuned_price_output=_zero_per_token(RUNPOD_PRICING),
        training_price=_estimate(
            _SELF_TRAINING, NEMO_PERFORMANCE,
            f"USD 3.99 per H100-hour / ({_LORA_TOKENS_PER_SECOND:,} LoRA training tokens a "
            f"second x {_LORA_EFFICIENCY:.0%} efficiency x 3,600 s) x 1M tokens = USD "
            f"{_SELF_TRAINING} per 1M. The throughput is sourced: NVIDIA NeMo Automodel's "
            "LoRA benchmark, Llama 3 8B on one H100 (BF16, 4,096-token sequences, no "
            "padding), 12,472.87 tokens a second. The 40% is the estimate: real data is "
            "padded, shorter and evaluated along the way, so a run reaches well below the "
            "benchmark's best case", _TODAY),
        tuned_hosting_monthly=_estimate(_H100_MONTH.value or 0.0, RUNPOD_PRICING,
                                        "always-on H100s, as many as the volume needs (see "
                                        "the GPU arithmetic); one at the default volume"),
        retirement=SourcedDate(None, LLAMA_MODEL_CARD, _TODAY, "open weights under the "
                               "Llama 3.1 Community License: a copy you keep does not "
                               "retire; only your hosting contract can end"),
        notes=("Both options run on the same always-on GPUs, so the saving from a shorter "
               "prompt is spare capacity, not a smaller bill, until traffic needs another "
               "GPU.",),
        serving=_H100_SERVING,
        open_weights=True,
    ),
)

PRESET_BY_ID: dict[str, Preset] = {p.id: p for p in PRESETS}


def serving_values(preset: Preset, monthly_requests: float,
                   output_tokens: float) -> dict[str, float]:
    """Hosting of both sides for GPUs whose count follows the volume (empty otherwise).

    GPUs = ceil(monthly output tokens / what one GPU serves a month at the
    planned utilisation), at least one; each costs the GPU's monthly price.
    """
    if preset.serving is None or preset.serving.monthly.value is None:
        return {}
    gpus = preset.serving.gpus_for(monthly_requests * output_tokens)
    monthly = round(gpus * preset.serving.monthly.value, 2)
    return {"prompt_hosting_monthly": monthly, "tuned_hosting_monthly": monthly}


def scenario_values(preset_id: str, as_of: date) -> dict[str, float | int]:
    """The scenario fields the preset fills on ``as_of``: confirmed figures and the lifetime.

    Unconfirmed figures are left out, so the reader's value stays (and the
    result says the cost comparison is incomplete). Raises
    :class:`PresetError` for an unknown preset or one that has ended by ``as_of``.
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


def open_alternative(preset: Preset, as_of: date) -> Preset:
    """An option a new team can tune on at ``as_of``: open weights first, then any open one
    (rule 9 names it when ``preset`` is not a path)."""
    def usable(p: Preset) -> bool:
        status, _ = availability(p, as_of)
        end = last_tune_day(p)
        return (p.id != preset.id and status is Availability.AVAILABLE
                and closed_to_new(p, as_of) is None
                and (end is None or end > add_months(as_of, 3)))

    candidates = [p for p in PRESETS if usable(p)]
    default = PRESET_BY_ID[DEFAULT_PRESET]
    if default in candidates:
        return default
    return candidates[0] if candidates else default
