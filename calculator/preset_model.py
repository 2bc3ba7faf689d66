"""The shape of a preset and the rules of time: sourced figures, service ends, lifetimes.

Kept apart from the table of presets (``presets``) so each module stays short:
this one knows what a figure, a dated change and an option are, and how an
``as_of`` day turns them into availability and months left; ``presets`` holds
the figures themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

__all__ = [
    "HOURS_PER_MONTH",
    "KIND_LABELS",
    "PRICE_FIELDS",
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
    "validate_presets",
]


class PresetError(ValueError):
    """A preset that does not exist or cannot be used on the given date; names the field."""


class OptionKind(StrEnum):
    """The way of running the model, which decides what there is to pay for."""

    HOSTED_API = "hosted-api"
    MANAGED_CLOUD = "managed-cloud"
    SERVERLESS_LORA = "serverless-lora"
    DEDICATED = "dedicated-deployment"
    SELF_HOSTED = "self-hosted"


KIND_LABELS = {
    OptionKind.HOSTED_API: "Model vendor's own tuning API",
    OptionKind.MANAGED_CLOUD: "Managed cloud tuning service",
    OptionKind.SERVERLESS_LORA: "Serverless LoRA on an open-weight model",
    OptionKind.DEDICATED: "Open-weight model on an always-on dedicated deployment",
    OptionKind.SELF_HOSTED: "Open-weight model on rented GPUs",
}


class SourceKind(StrEnum):
    """Where a cost figure in a result comes from (rule 8 of the design).

    A preset's own figure, a labelled estimate with its basis, the calculator's
    generic default (a figure of another option), or the reader's own entry.
    """

    PRESET = "preset"
    ESTIMATE = "estimate"
    DEFAULT = "default"
    READER = "reader"

    @property
    def label(self) -> str:
        """The kind in a few words, as the form and the record show it."""
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    SourceKind.PRESET: "this option's own figure",
    SourceKind.ESTIMATE: "a labelled estimate",
    SourceKind.DEFAULT: "the calculator's generic default",
    SourceKind.READER: "your entry",
}


class Availability(StrEnum):
    """What a preset offers on a given day."""

    AVAILABLE = "available"
    RESTRICTED = "restricted"
    ENDED = "ended"


@dataclass(frozen=True)
class Sourced:
    """One figure, where it comes from and when that page was read.

    ``value = None``: no source confirms it and it is left to the reader.
    ``kind`` is :attr:`SourceKind.PRESET` for a figure a source gives for this
    very option, :attr:`SourceKind.ESTIMATE` for a labelled estimate whose
    basis the note states.
    """

    value: float | None
    url: str
    checked: date
    note: str = ""
    kind: SourceKind = SourceKind.PRESET

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
    """A dated change to the service.

    ``ends_option``: after it nobody can start a tune. ``closes_to_new``: after
    it a team that is new to the platform cannot start one (rule 9 treats the
    reader as such a team).
    """

    when: date
    what: str
    ends_option: bool
    url: str
    checked: date
    closes_to_new: bool = False


@dataclass(frozen=True)
class GpuServing:
    """Always-on GPUs that serve a model: what one costs and how much one serves.

    ``output_tokens_per_second`` is a sourced benchmark throughput of one GPU;
    ``utilisation`` the share of it a real, uneven traffic keeps busy on
    average (an estimate). The GPUs a volume needs follow from both.
    """

    gpu: str
    monthly: Sourced
    output_tokens_per_second: Sourced
    utilisation: Sourced

    def output_tokens_per_month(self) -> float:
        """Output tokens one GPU serves in a month at the planned utilisation."""
        rate = self.output_tokens_per_second.value or 0.0
        share = self.utilisation.value or 0.0
        return rate * share * 3600 * HOURS_PER_MONTH

    def gpus_for(self, output_tokens_monthly: float) -> int:
        """GPUs needed for a month's output tokens: at least one, always-on."""
        per_gpu = self.output_tokens_per_month()
        if per_gpu <= 0:
            return 1
        whole = -(-output_tokens_monthly // per_gpu)
        return max(1, int(whole))


HOURS_PER_MONTH = 730
"""Hours in an average month (8,760 a year / 12): an always-on server's billed hours."""


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
    tuned_price_cached_input: Sourced
    tuned_price_output: Sourced
    training_price: Sourced
    tuned_hosting_monthly: Sourced
    prompt_hosting_monthly: Sourced
    retirement: SourcedDate
    service_ends: tuple[ServiceEnd, ...] = ()
    like_for_like_note: str = ""
    notes: tuple[str, ...] = ()
    serving: GpuServing | None = None
    """Set when both sides run on always-on GPUs whose count follows the volume."""
    open_weights: bool = False
    """The tuned weights (or adapter) can be taken to another host."""

    def figures(self) -> tuple[tuple[str, Sourced], ...]:
        """(scenario field name, figure) for every price and hosting figure, in form order."""
        return tuple((name, getattr(self, name)) for name in PRICE_FIELDS)

    def unconfirmed(self) -> tuple[str, ...]:
        """The scenario fields this preset cannot fill, because no figure was confirmed."""
        missing = [name for name, figure in self.figures() if not figure.confirmed]
        if not self.retirement.confirmed:
            missing.append("model_lifetime_months")
        return tuple(missing)

    def estimated(self) -> tuple[str, ...]:
        """The scenario fields this preset fills with a labelled estimate."""
        return tuple(name for name, figure in self.figures()
                     if figure.confirmed and figure.kind is SourceKind.ESTIMATE)

    def prices_checked(self) -> date:
        """The oldest check date among the confirmed figures: the date the prices stand on."""
        return min(f.checked for _, f in self.figures() if f.confirmed)


PRICE_FIELDS = (
    "base_price_input",
    "base_price_cached_input",
    "base_price_output",
    "prompt_hosting_monthly",
    "tuned_price_input",
    "tuned_price_cached_input",
    "tuned_price_output",
    "training_price",
    "tuned_hosting_monthly",
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


def last_tune_day(preset: Preset) -> date | None:
    """The last day a tune can be started: the day before a change that ends the option,
    or before the base model retires; ``None`` when no end is known."""
    ends = [end.when for end in preset.service_ends if end.ends_option]
    if preset.retirement.confirmed and preset.retirement.when is not None:
        ends.append(preset.retirement.when)
    return min(ends) if ends else None


def closed_to_new(preset: Preset, as_of: date) -> ServiceEnd | None:
    """The change that, by ``as_of``, stops a team new to the platform from tuning on it."""
    return next((end for end in preset.service_ends
                 if end.closes_to_new and end.when <= as_of), None)


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


def _clean_url(url: str) -> bool:
    return url.startswith("https://") and not url.rstrip("/").endswith((":", ",", "."))


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
        if preset.serving is not None:
            s = preset.serving
            dated += [(f"serving {what}", f.url, f.checked) for what, f in (
                ("price", s.monthly), ("throughput", s.output_tokens_per_second),
                ("utilisation", s.utilisation))]
        for what, url, checked in dated:
            if not _clean_url(url):
                problems.append(f"{preset.id}: {what} has no clean https source URL ({url!r})")
            if checked > as_of:
                problems.append(f"{preset.id}: {what} checked {checked} after as_of {as_of}")
        for name, figure in preset.figures():
            if not figure.confirmed and not figure.note:
                problems.append(f"{preset.id}: unconfirmed {name} does not say why")
            if figure.kind is SourceKind.ESTIMATE and not figure.note:
                problems.append(f"{preset.id}: estimated {name} does not give its basis")
            if figure.kind not in (SourceKind.PRESET, SourceKind.ESTIMATE):
                problems.append(f"{preset.id}: {name} is of kind {figure.kind}, which a "
                                "preset never holds")
            if figure.value is not None and figure.value < 0:
                problems.append(f"{preset.id}: {name} is negative")
        if not preset.retirement.confirmed and not preset.retirement.note:
            problems.append(f"{preset.id}: unconfirmed retirement does not say why")
        if preset.prompted_model != preset.base_model and not preset.like_for_like_note:
            problems.append(f"{preset.id}: prompted {preset.prompted_model} is not the tuned "
                            f"model's base {preset.base_model}, and no note says what differs")
    return problems
