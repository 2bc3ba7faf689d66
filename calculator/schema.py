"""The one input schema: every field's name, label, help text, unit, type, range and default.

Validation, the CLI flags, the URL query and the web form are all derived from
``FIELDS``; nothing else in the project spells out a field's bounds or default.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from .presets import DEFAULT_PRESET, PRESET_BY_ID, PRESETS, PRESETS_CHECKED
from .prompt_models import PROMPT_MODELS
from .typed_number import NumberTextError, is_whole_text, read_number

__all__ = [
    "FIELDS",
    "FIELD_BY_NAME",
    "FORM_ORDER",
    "Choice",
    "Field",
    "FieldKind",
    "Group",
    "format_number",
]

PRICES_CHECKED = "checked 2026-12-04"


class FieldKind(StrEnum):
    """How a field's raw text is parsed."""

    INT = "int"
    FLOAT = "float"
    CHOICE = "choice"
    DATE = "date"


class Group(StrEnum):
    """The form's fieldsets, in order."""

    DATA_TASK = "Your data and task"
    USAGE = "Your usage"
    CONSTRAINTS = "Your constraints"
    TEAM = "Your team"
    COSTS = "Your costs"


@dataclass(frozen=True)
class Choice:
    """One allowed value of a choice field and the words shown for it."""

    value: str
    label: str


@dataclass(frozen=True)
class Field:
    """One scenario input. ``source`` cites where a price default comes from."""

    name: str
    label: str
    help: str
    kind: FieldKind
    default: int | float | str
    group: Group
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    minimum_exclusive: bool = False
    choices: tuple[Choice, ...] = ()
    source: str = ""
    step: str = "any"

    @property
    def flag(self) -> str:
        """The CLI flag, e.g. ``--examples-per-month``."""
        return "--" + self.name.replace("_", "-")

    @property
    def accepts_percent(self) -> bool:
        """A share or a rate (a number from 0 to 1), so ``50%`` may be typed for 0.5.

        Read from the range, never from a list of names, so a new rate field
        accepts percentages as soon as it exists.
        """
        return self.kind is FieldKind.FLOAT and self.minimum == 0 and self.maximum == 1

    def problem(self, hint: str = "") -> str:
        """The one-line message for a bad value: label, name, what is accepted, and a hint.

        >>> FIELD_BY_NAME["examples"].problem()
        'Quality examples now (examples): must be a whole number from 0 to 10,000,000'
        """
        message = f"{self.label} ({self.name}): must be {self.describe_range()}"
        return f"{message}. {hint}" if hint else message

    def choice_values(self) -> tuple[str, ...]:
        """The allowed values of a choice field."""
        return tuple(c.value for c in self.choices)

    def choice_label(self, value: str) -> str:
        """The words shown for one choice value (the value itself if unknown)."""
        return next((c.label for c in self.choices if c.value == value), value)

    def describe_range(self) -> str:
        """Plain words for what this field accepts, used in every error message.

        >>> FIELD_BY_NAME["examples"].describe_range()
        'a whole number from 0 to 10,000,000'
        """
        if self.kind is FieldKind.CHOICE:
            values = [f"'{v}'" if v else "'' (none)" for v in self.choice_values()]
            return "one of " + ", ".join(values[:-1]) + " or " + values[-1]
        if self.kind is FieldKind.DATE:
            return f"a date written YYYY-MM-DD from {DATE_MIN} to {DATE_MAX}"
        low = format_number(self.minimum if self.minimum is not None else 0)
        high = format_number(self.maximum if self.maximum is not None else 0)
        if self.kind is FieldKind.INT:
            return f"a whole number from {low} to {high}"
        if self.minimum_exclusive:
            return f"a number greater than {low} and at most {high}"
        if self.accepts_percent:
            return f"a number from {low} to {high} or a percentage (50%)"
        return f"a number from {low} to {high}"


def format_number(value: float) -> str:
    """Group thousands and drop a needless ``.0``: 10000000.0 -> '10,000,000'."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{value:,.6f}".rstrip("0").rstrip(".")
        return text
    return f"{int(value):,}"


def _int(name: str, label: str, help: str, default: int, group: Group, *, unit: str = "",
         minimum: int = 0, maximum: int, source: str = "") -> Field:
    return Field(name, label, help, FieldKind.INT, default, group, unit=unit,
                 minimum=minimum, maximum=maximum, step="1", source=source)


def _num(name: str, label: str, help: str, default: float, group: Group, *, unit: str = "",
         minimum: float = 0, maximum: float, exclusive: bool = False, source: str = "") -> Field:
    return Field(name, label, help, FieldKind.FLOAT, default, group, unit=unit,
                 minimum=minimum, maximum=maximum, minimum_exclusive=exclusive, source=source)


def _choice(name: str, label: str, help: str, default: str, group: Group,
            choices: tuple[tuple[str, str], ...]) -> Field:
    return Field(name, label, help, FieldKind.CHOICE, default, group,
                 choices=tuple(Choice(v, text) for v, text in choices))


_DEFAULT = PRESET_BY_ID[DEFAULT_PRESET]


def _preset_default(name: str) -> float:
    """A price default: the default preset's own figure (rule 11), one source of truth."""
    value = dict(_DEFAULT.figures())[name].value
    if value is None:
        raise ValueError(f"the default preset {DEFAULT_PRESET} does not confirm {name}")
    return value


def _preset_source(name: str) -> str:
    """A price default's citation: the default preset, its page, the item and the date."""
    figure = dict(_DEFAULT.figures())[name]
    kind = "estimate" if figure.kind.value == "estimate" else "list figure"
    return (f"{_DEFAULT.provider}, {_DEFAULT.base_model} (preset {_DEFAULT.id}), {kind}: "
            f"{figure.note}; {figure.url}, checked {figure.checked.isoformat()}")


def _date(name: str, label: str, help: str, default: str, group: Group) -> Field:
    return Field(name, label, help, FieldKind.DATE, default, group)


QUALITY_SOURCE = ("Estimate, not a measurement: errors are unpriced (cost 0) and both models "
                  "err equally (5 in 100) until you enter what your evaluation set and a pilot "
                  "tune measure, so no quality gain is assumed; " + PRICES_CHECKED)
"""The basis of the quality defaults: they claim no gain for either side."""

DATE_MIN = "2024-01-01"
DATE_MAX = "2035-12-31"
_PRESET_CHOICES = (("", "None: use the figures below"),
                   *((p.id, p.label) for p in PRESETS))
_PROMPT_PRESET_CHOICES = (("", "The tuned model's own base model"),
                          *((m.id, m.label) for m in PROMPT_MODELS))

_LEVELS = (("none", "None"), ("some", "Some"), ("strong", "Strong"))
_PRICE_MAX = 1_000.0
_TOKENS_MAX = 2_000_000.0

FIELDS: tuple[Field, ...] = (
    # Your data and task
    _int("examples", "Quality examples now", "Labelled input/output pairs you trust, available "
         "today.", 640, Group.DATA_TASK, unit="examples", maximum=10_000_000),
    _int("examples_per_month", "New examples per month", "Quality examples you can add each "
         "month from usage, feedback or labelling.", 150, Group.DATA_TASK,
         unit="examples/month", maximum=10_000_000),
    _choice("task", "Task type", "General tasks (summarise, translate, Q&A) or specialised "
            "terminology and workflows.", "domain-specific", Group.DATA_TASK,
            (("general", "General"), ("domain-specific", "Domain-specific"))),
    _choice("gap", "What is missing", "Is the shortfall how the model behaves (format, tone, "
            "skill) or what it knows (facts that change)?", "behaviour", Group.DATA_TASK,
            (("behaviour", "Behaviour (format, tone, skill)"),
             ("knowledge", "Knowledge (facts it lacks)"))),
    _choice("stage", "Stage", "Still experimenting, use case proven, or in production at "
            "scale.", "validated", Group.DATA_TASK,
            (("exploring", "Exploring"), ("validated", "Validated"), ("scaling", "Scaling"))),
    # Your constraints
    _choice("consistency", "Output consistency", "How predictable and repeatable outputs must "
            "be.", "important", Group.CONSTRAINTS,
            (("flexible", "Flexible"), ("important", "Important"), ("critical", "Critical"))),
    _choice("latency", "Latency", "How critical response time is.", "relaxed", Group.CONSTRAINTS,
            (("relaxed", "Relaxed"), ("important", "Important"), ("critical", "Critical"))),
    _choice("data_policy", "Data policy", "May your data leave your own infrastructure?",
            "cloud-ok", Group.CONSTRAINTS,
            (("cloud-ok", "Cloud is fine"), ("must-stay-internal", "Must stay internal"))),
    _num("deadline_weeks", "Deadline", "Time until it must ship.", 8, Group.CONSTRAINTS,
         unit="weeks", maximum=520, exclusive=True),
    _num("upfront_budget", "Upfront budget", "One-time budget available for this feature.",
         20_000, Group.CONSTRAINTS, unit="USD", maximum=100_000_000),
    _int("horizon_months", "Comparison horizon", "How many months to compare total costs over.",
         12, Group.CONSTRAINTS, unit="months", minimum=1, maximum=120),
    _int("model_lifetime_months", "Base-model lifetime", "Months until the tuned model's base "
         "is retired; 0 if unknown.", 0, Group.CONSTRAINTS, unit="months", maximum=120),
    _int("retrain_every_months", "Re-tune every", "How often the tuned model is trained "
         "again to stay current; 0 for never.", 0, Group.CONSTRAINTS, unit="months",
         maximum=120),
    # Your team
    _choice("ml_expertise", "ML engineering", "Capability to prepare data, train, evaluate and "
            "serve models.", "some", Group.TEAM, _LEVELS),
    _choice("domain_expertise", "Domain expertise", "Domain knowledge and clear writing for "
            "prompts.", "strong", Group.TEAM, _LEVELS),
    _choice("evals", "Evaluation set", "How well you can measure whether outputs are good.",
            "basic", Group.TEAM,
            (("none", "None yet"), ("basic", "Basic"), ("rigorous", "Rigorous"))),
    # Your costs
    _choice("preset", "Preset", "A real provider and model: fills the prices, hosting and "
            "base-model lifetime below (a figure you enter still wins). Sources and dates are "
            "on the methodology page.", DEFAULT_PRESET, Group.COSTS, _PRESET_CHOICES),
    _date("as_of", "Prices and dates as of", "The day the preset is read on: it sets the "
          "months left before the base model retires, so a shared link gives the same result "
          "on any later day.", PRESETS_CHECKED.isoformat(), Group.COSTS),
    _choice("prompt_preset", "Model prompted instead", "The model you would prompt instead "
            "of tuning, when it is not the tuned model's own base (a frontier model against a "
            "tuned small one): fills only the prompted model's prices and hosting.", "",
            Group.COSTS, _PROMPT_PRESET_CHOICES),
    _num("monthly_requests", "Requests per month", "Expected calls to the feature per month.",
         200_000, Group.USAGE, unit="requests/month", maximum=10_000_000_000),
    _num("input_tokens", "User content tokens", "Tokens of user content per request.", 800,
         Group.USAGE, unit="tokens", maximum=_TOKENS_MAX),
    _num("output_tokens", "Output tokens", "Tokens generated per request.", 250, Group.USAGE,
         unit="tokens", maximum=_TOKENS_MAX),
    _num("prompt_tokens", "Prompt tokens", "Instructions and few-shot examples added to every "
         "request by prompting.", 1_500, Group.USAGE, unit="tokens", maximum=_TOKENS_MAX),
    _num("tuned_prompt_tokens", "Tuned prompt tokens", "Instruction tokens still needed after "
         "fine-tuning.", 150, Group.USAGE, unit="tokens", maximum=_TOKENS_MAX),
    _num("cached_prompt_share", "Cached prompt share", "Share of the prompt tokens served from "
         "the provider's prompt cache (0 to 1).", 0.5, Group.COSTS, maximum=1),
    _num("base_price_input", "Prompted model input price", "Price of input tokens on the "
         "model you would prompt; by default the tuned model's own base, so the comparison is "
         "like for like.", _preset_default("base_price_input"), Group.COSTS,
         unit="USD per 1M tokens", maximum=_PRICE_MAX, source=_preset_source("base_price_input")),
    _num("base_price_cached_input", "Prompted model cached input price", "Price of cached "
         "input tokens on the prompted model.", _preset_default("base_price_cached_input"),
         Group.COSTS, unit="USD per 1M tokens", maximum=_PRICE_MAX,
         source=_preset_source("base_price_cached_input")),
    _num("base_price_output", "Prompted model output price", "Price of output tokens on the "
         "prompted model.", _preset_default("base_price_output"), Group.COSTS,
         unit="USD per 1M tokens", maximum=_PRICE_MAX, source=_preset_source("base_price_output")),
    _num("prompt_hosting_monthly", "Prompted model hosting", "Fixed monthly cost of serving "
         "the prompted model; 0 for a pay-per-token API.",
         _preset_default("prompt_hosting_monthly"), Group.COSTS, unit="USD/month",
         maximum=100_000_000, source=_preset_source("prompt_hosting_monthly")),
    _num("prompt_engineering_cost", "Prompt engineering cost", "One-off cost of the prompt "
         "work: writing, evaluating and iterating, in money.", 4_000, Group.COSTS, unit="USD",
         maximum=100_000_000, source="Estimate, not a list price: about one engineer-week "
         "(40 hours) of prompt writing and evaluation at a loaded USD 100 per hour, "
         + PRICES_CHECKED),
    _num("tuned_price_input", "Tuned model input price", "Price of input tokens on the "
         "fine-tuned model.", _preset_default("tuned_price_input"), Group.COSTS,
         unit="USD per 1M tokens", maximum=_PRICE_MAX, source=_preset_source("tuned_price_input")),
    _num("tuned_price_cached_input", "Tuned model cached input price", "Price of cached "
         "input tokens on the fine-tuned model (the tuned prompt's cached share is billed at "
         "this rate).", _preset_default("tuned_price_cached_input"), Group.COSTS,
         unit="USD per 1M tokens", maximum=_PRICE_MAX,
         source=_preset_source("tuned_price_cached_input")),
    _num("tuned_price_output", "Tuned model output price", "Price of output tokens on the "
         "fine-tuned model.", _preset_default("tuned_price_output"), Group.COSTS,
         unit="USD per 1M tokens", maximum=_PRICE_MAX, source=_preset_source("tuned_price_output")),
    _num("training_price", "Training price", "Price per 1M training tokens.",
         _preset_default("training_price"), Group.COSTS, unit="USD per 1M tokens",
         maximum=_PRICE_MAX, source=_preset_source("training_price")),
    _num("training_tokens_per_example", "Tokens per training example", "Average tokens in one "
         "training example (prompt plus answer).", 1_200, Group.COSTS, unit="tokens",
         maximum=_TOKENS_MAX),
    _int("epochs", "Epochs", "Passes over the training data.", 3, Group.COSTS, minimum=1,
         maximum=100),
    _int("max_training_examples", "Largest training run", "The most examples one training "
         "run uses; larger sets are subsampled.", 10_000, Group.COSTS, unit="examples",
         minimum=1, maximum=10_000_000, source="Estimate, not a published limit: the "
         "guidance's large-dataset mark of 10,000 examples, far above the 50 to 500 providers "
         "advise starting with (see the providers' table); beyond it a team subsamples, "
         + PRICES_CHECKED),
    _num("fine_tuning_fixed_cost", "Fine-tuning fixed cost", "Data preparation, evaluation "
         "and engineering time, in money.", 8_000, Group.COSTS, unit="USD",
         maximum=100_000_000, source="Estimate, not a list price: about two engineer-weeks "
         "(80 hours) of data preparation and evaluation at a loaded USD 100 per hour, "
         + PRICES_CHECKED),
    _num("tuned_hosting_monthly", "Tuned model hosting", "Fixed monthly cost of serving the "
         "tuned model (storage, an always-on deployment); 0 for pay-per-token hosting.",
         _preset_default("tuned_hosting_monthly"), Group.COSTS, unit="USD/month",
         maximum=100_000_000, source=_preset_source("tuned_hosting_monthly")),
    # Quality in money (version 3): what a wrong answer costs, and how often each model errs.
    _num("cost_per_error", "Cost per error", "What one wrong answer costs the business: a "
         "refund, an escalation, a manual review. 0 leaves errors unpriced.", 0, Group.COSTS,
         unit="USD", maximum=1_000_000, source=QUALITY_SOURCE),
    _num("prompted_error_rate", "Prompted error rate", "Share of requests the prompted model "
         "gets wrong, measured on your evaluation set (0 to 1).", 0.05, Group.COSTS,
         maximum=1, source=QUALITY_SOURCE),
    _num("tuned_error_rate", "Tuned error rate", "Share of requests the tuned model is "
         "expected to get wrong (0 to 1); a pilot tune on a few hundred examples measures "
         "it.", 0.05, Group.COSTS, maximum=1, source=QUALITY_SOURCE),
)

FIELD_BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}

FORM_ORDER: tuple[Field, ...] = tuple(f for group in Group for f in FIELDS if f.group is group)
"""The fields group by group, as the form, the CLI's help and the decision record show them:
volume and tokens sit with the data questions, ahead of the price-level figures."""


_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _parse_date(raw: object, problem: str) -> str:
    """An ISO calendar date inside the accepted range, as its ISO text."""
    text = raw.strip() if isinstance(raw, str) else ""
    if not _DATE_RE.fullmatch(text):
        raise ValueError(problem)
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(problem) from None
    if not DATE_MIN <= day.isoformat() <= DATE_MAX:
        raise ValueError(problem)
    return day.isoformat()


def parse_value(field: Field, raw: object) -> int | float | str:
    """Return the cleaned value of ``raw`` for ``field`` or raise ``ValueError``.

    The error text is the full user-facing message: it names the field by its
    label and its name and says what is accepted, e.g. "Quality examples now
    (examples): must be a whole number from 0 to 10,000,000", with a hint for
    the input when its form suggests one (``0,40``, ``50%`` on a count).

    Text is read by :func:`calculator.typed_number.read_number`, the one reader
    of typed numbers: shorthand (``15k``, ``2M``), grouped thousands (``15,000``,
    ``15 000``), a dollar sign, and ``%`` on shares and rates. Decimal fields
    also take exponents ("1e6 requests"), because a URL or a spreadsheet may
    produce them; whole-number fields refuse fractions and exponents. Empty
    text, NaN, infinities, hexadecimal, underscores, non-ASCII digits, words,
    booleans and anything outside the bounds are refused.
    """
    problem = field.problem()
    if field.kind is FieldKind.DATE:
        return _parse_date(raw, problem)
    if field.kind is FieldKind.CHOICE:
        text = raw.strip() if isinstance(raw, str) else raw
        if text in field.choice_values():
            return str(text)
        raise ValueError(problem)
    number: float
    if isinstance(raw, bool):
        raise ValueError(problem)
    if isinstance(raw, int):
        if abs(raw) > 10**30:
            raise ValueError(problem)
        number = float(raw)
    elif isinstance(raw, float):
        number = raw
    elif isinstance(raw, str):
        try:
            number = read_number(raw, percent=field.accepts_percent)
        except NumberTextError as exc:
            raise ValueError(field.problem(exc.hint)) from None
        if field.kind is FieldKind.INT and not is_whole_text(raw):
            raise ValueError(problem)
    else:
        raise ValueError(problem)
    if not math.isfinite(number):
        raise ValueError(problem)
    if field.kind is FieldKind.INT and not number.is_integer():
        raise ValueError(problem)
    low = field.minimum if field.minimum is not None else -math.inf
    high = field.maximum if field.maximum is not None else math.inf
    too_low = number <= low if field.minimum_exclusive else number < low
    if too_low or number > high:
        raise ValueError(problem)
    if field.kind is FieldKind.INT:
        return int(number)
    return number + 0.0
