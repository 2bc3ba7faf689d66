"""The scenario: one frozen set of inputs, built only through strict parsing.

Choice fields are ``str`` enums whose values are the public strings of the
design (``"domain-specific"``, ``"must-stay-internal"``...), so a scenario
compares, hashes and serialises exactly as its JSON form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from enum import Enum, StrEnum
from typing import Any

from .preset_fill import preset_values, prompt_preset_values, serving_fill
from .schema import FIELD_BY_NAME, FieldKind, parse_value

__all__ = [
    "Consistency",
    "DataPolicy",
    "Evals",
    "Expertise",
    "Gap",
    "Latency",
    "Scenario",
    "ScenarioError",
    "Stage",
    "Task",
    "parse_scenario",
]


class Task(StrEnum):
    """General work a prompted model already does well, or specialised terminology."""

    GENERAL = "general"
    DOMAIN_SPECIFIC = "domain-specific"


class Stage(StrEnum):
    """How far the use case has come: the guidance favours prompts while exploring."""

    EXPLORING = "exploring"
    VALIDATED = "validated"
    SCALING = "scaling"


class Consistency(StrEnum):
    """How repeatable outputs must be; stricter favours fine-tuning."""

    FLEXIBLE = "flexible"
    IMPORTANT = "important"
    CRITICAL = "critical"


class Latency(StrEnum):
    """How much response time matters; stricter favours a tuned model's shorter prompt."""

    RELAXED = "relaxed"
    IMPORTANT = "important"
    CRITICAL = "critical"


class DataPolicy(StrEnum):
    """Whether data may leave your infrastructure at all."""

    CLOUD_OK = "cloud-ok"
    MUST_STAY_INTERNAL = "must-stay-internal"


class Expertise(StrEnum):
    """A team skill level, used for both ML engineering and domain expertise."""

    NONE = "none"
    SOME = "some"
    STRONG = "strong"


class Evals(StrEnum):
    """How well success can be measured; without evals no tuned model can be judged."""

    NONE = "none"
    BASIC = "basic"
    RIGOROUS = "rigorous"


class Gap(StrEnum):
    """Whether the model lacks a behaviour (trainable) or knowledge (retrieval's job)."""

    BEHAVIOUR = "behaviour"
    KNOWLEDGE = "knowledge"


ENUMS: dict[str, type[Enum]] = {
    "task": Task,
    "stage": Stage,
    "consistency": Consistency,
    "latency": Latency,
    "data_policy": DataPolicy,
    "ml_expertise": Expertise,
    "domain_expertise": Expertise,
    "evals": Evals,
    "gap": Gap,
}


class ScenarioError(ValueError):
    """Bad input. ``errors`` maps each bad field's name to its full message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors: dict[str, str] = dict(errors)
        super().__init__("\n".join(self.errors.values()))


def _d(name: str) -> Any:
    field = FIELD_BY_NAME[name]
    if field.kind is FieldKind.CHOICE and name in ENUMS:
        return ENUMS[name](field.default)
    return float(field.default) if field.kind is FieldKind.FLOAT else field.default


@dataclass(frozen=True)
class Scenario:
    """All inputs of one decision; every default comes from the schema."""

    examples: int = _d("examples")
    examples_per_month: int = _d("examples_per_month")
    task: Task = _d("task")
    gap: Gap = _d("gap")
    stage: Stage = _d("stage")
    consistency: Consistency = _d("consistency")
    latency: Latency = _d("latency")
    data_policy: DataPolicy = _d("data_policy")
    deadline_weeks: float = _d("deadline_weeks")
    upfront_budget: float = _d("upfront_budget")
    horizon_months: int = _d("horizon_months")
    model_lifetime_months: int = _d("model_lifetime_months")
    retrain_every_months: int = _d("retrain_every_months")
    ml_expertise: Expertise = _d("ml_expertise")
    domain_expertise: Expertise = _d("domain_expertise")
    evals: Evals = _d("evals")
    preset: str = _d("preset")
    as_of: str = _d("as_of")
    prompt_preset: str = _d("prompt_preset")
    monthly_requests: float = _d("monthly_requests")
    input_tokens: float = _d("input_tokens")
    output_tokens: float = _d("output_tokens")
    prompt_tokens: float = _d("prompt_tokens")
    tuned_prompt_tokens: float = _d("tuned_prompt_tokens")
    cached_prompt_share: float = _d("cached_prompt_share")
    base_price_input: float = _d("base_price_input")
    base_price_cached_input: float = _d("base_price_cached_input")
    base_price_output: float = _d("base_price_output")
    prompt_hosting_monthly: float = _d("prompt_hosting_monthly")
    prompt_engineering_cost: float = _d("prompt_engineering_cost")
    tuned_price_input: float = _d("tuned_price_input")
    tuned_price_cached_input: float = _d("tuned_price_cached_input")
    tuned_price_output: float = _d("tuned_price_output")
    training_price: float = _d("training_price")
    training_tokens_per_example: float = _d("training_tokens_per_example")
    epochs: int = _d("epochs")
    max_training_examples: int = _d("max_training_examples")
    fine_tuning_fixed_cost: float = _d("fine_tuning_fixed_cost")
    tuned_hosting_monthly: float = _d("tuned_hosting_monthly")
    # Quality in money (version 3)
    cost_per_error: float = _d("cost_per_error")
    prompted_error_rate: float = _d("prompted_error_rate")
    tuned_error_rate: float = _d("tuned_error_rate")

    def to_dict(self) -> dict[str, int | float | str]:
        """The public JSON form: field name to plain value."""
        out: dict[str, int | float | str] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            out[f.name] = value.value if isinstance(value, Enum) else value
        return out

    def value(self, name: str) -> int | float | str:
        """One field's plain value (enum fields give their public string)."""
        return self.to_dict()[name]


def parse_scenario(values: Mapping[str, object], base: Scenario | None = None) -> Scenario:
    """Strictly parse ``values`` over ``base`` (defaults when omitted).

    Collects every problem before raising, so a user fixes all fields at once.
    Unknown names are errors too: a typo must never be silently ignored.
    """
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    for raw_name, raw in values.items():
        name = str(raw_name)
        field = FIELD_BY_NAME.get(name) or FIELD_BY_NAME.get(name.replace("-", "_"))
        if field is None:
            shown = name if len(name) <= 40 else name[:40] + "…"
            errors[name] = f"unknown field '{shown}' (see the calculator's field list)"
            continue
        try:
            value = parse_value(field, raw)
        except ValueError as exc:
            errors[field.name] = str(exc)
            continue
        enum = ENUMS.get(field.name)
        cleaned[field.name] = enum(value) if enum is not None else value
    start = base or Scenario()
    if not errors:
        start = _fill(start, cleaned, errors)
    if errors:
        raise ScenarioError(errors)
    done = replace(start, **cleaned)
    hosting: dict[str, Any] = serving_fill(done, cleaned.keys())
    return replace(done, **hosting)


_FILL_KEYS = frozenset({"preset", "as_of", "prompt_preset"})


def _labelled(name: str, exc: ValueError) -> str:
    """A preset error worded like every other field's message: label and name first."""
    field = FIELD_BY_NAME[name]
    return f"{field.label} ({field.name}): {str(exc).removeprefix(name + ' ')}"


def _fill(start: Scenario, cleaned: dict[str, Any], errors: dict[str, str]) -> Scenario:
    """The preset's figures, then the prompted model's, under the values given explicitly.

    A preset fills both sides; ``prompt_preset`` then replaces the prompted side only.
    """
    if not (_FILL_KEYS & cleaned.keys()):
        return start
    filled: dict[str, Any] = {}
    if {"preset", "as_of"} & cleaned.keys():
        try:
            filled.update(preset_values(cleaned.get("preset", start.preset),
                                        cleaned.get("as_of", start.as_of)))
        except ValueError as exc:
            errors["preset"] = _labelled("preset", exc)
    try:
        filled.update(prompt_preset_values(cleaned.get("prompt_preset", start.prompt_preset)))
    except ValueError as exc:
        errors["prompt_preset"] = _labelled("prompt_preset", exc)
    return replace(start, **filled)
