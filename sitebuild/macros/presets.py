"""Macros for the prices page: the presets and every figure, with its own source and date.

Plain functions returning Markdown, rendered from ``calculator.presets`` at
build time. A figure checked more than six months before the build says so in
its row; a figure nobody could confirm says that instead of showing a number.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from calculator import preset_prices
from calculator.platform_events import timeline
from calculator.presets import (
    KIND_LABELS,
    PRESETS,
    PRESETS_CHECKED,
    STALE_AFTER_MONTHS,
    Availability,
    Preset,
    Sourced,
    add_months,
    availability,
)
from calculator.prompt_models import PROMPT_MODELS
from calculator.render import escape_markdown
from calculator.schema import FIELD_BY_NAME

__all__ = [
    "MACROS",
    "platform_timeline",
    "preset_catalog_note",
    "preset_price_table",
    "preset_table",
    "preset_unconfirmed_list",
    "prompt_model_table",
]

_EXTRA_LABELS = {"prompt_hosting_monthly": ("Prompted model hosting", "USD/month")}


def _cell(text: object) -> str:
    return escape_markdown(str(text))


def _label(name: str) -> str:
    field = FIELD_BY_NAME.get(name)
    return field.label if field is not None else _EXTRA_LABELS[name][0]


def _unit(name: str) -> str:
    field = FIELD_BY_NAME.get(name)
    return field.unit if field is not None else _EXTRA_LABELS[name][1]


def _value(name: str, figure: Sourced) -> str:
    if figure.value is None:
        return "**unconfirmed**"
    return f"{figure.value:,.5f}".rstrip("0").rstrip(".") + f" {_unit(name)}"


def _kind(figure: Sourced) -> str:
    """A figure's source kind in a word or two: the option's own, an estimate, or yours."""
    if figure.value is None:
        return "left to you"
    return "*estimate*" if figure.kind.value == "estimate" else "own figure"


def _source(url: str) -> str:
    """A source link named by its host, so narrow tables stay readable; the URL is the target."""
    host = url.split("://", 1)[-1].split("/", 1)[0]
    return f"[{_cell(host)}]({url})"


def _age_note(checked: date, today: date) -> str:
    if checked < add_months(today, -STALE_AFTER_MONTHS):
        return (f"**Older than {STALE_AFTER_MONTHS} months** at this build "
                f"({today.isoformat()}): check the source before relying on it. ")
    return ""


def _retires(preset: Preset) -> str:
    retirement = preset.retirement
    if not retirement.confirmed:
        return "unconfirmed"
    return "none announced" if retirement.when is None else retirement.when.isoformat()


def preset_table(as_of: date | None = None) -> str:
    """One row per preset: what it is, its base model, when that retires, what it offers.

    ``as_of`` defaults to the day the site is built, so the table never shows as
    current an option that has ended since the figures were checked.
    """
    day = as_of or date.today()
    rows = ["| Preset | Kind | Base model | Base model retires | On " + day.isoformat() + " |",
            "| --- | --- | --- | --- | --- |"]
    for preset in PRESETS:
        status, why = availability(preset, day)
        state = (status.value if status is Availability.AVAILABLE
                 else f"**{status.value}**: {_cell(why)}")
        rows.append(
            f"| [{_cell(preset.label)}](#preset-{preset.id.replace('.', '-')}) | "
            f"{_cell(KIND_LABELS[preset.kind])} | `{preset.base_model}` | {_retires(preset)} | "
            f"{state} |")
    return "\n".join(rows) + "\n"


def _figure_rows(preset: Preset, day: date) -> list[str]:
    rows = ["| Figure | Value, kind | Source, checked | Note |", "| --- | --- | --- | --- |"]

    def source(url: str, checked: date) -> str:
        return f"{_source(url)}, {checked.isoformat()}"

    for name, figure in preset.figures():
        note = _age_note(figure.checked, day) + _cell(figure.note)
        rows.append(f"| {_cell(_label(name))} (`{name}`) | {_value(name, figure)}, "
                    f"{_kind(figure)} | {source(figure.url, figure.checked)} | {note} |")
    retirement = preset.retirement
    note = _age_note(retirement.checked, day) + _cell(retirement.note)
    rows.append(f"| Base model retirement (`model_lifetime_months`) | {_retires(preset)} | "
                f"{source(retirement.url, retirement.checked)} | {note} |")
    for end in preset.service_ends:
        rows.append(f"| Service change | {end.when.isoformat()} | "
                    f"{source(end.url, end.checked)} | {_cell(end.what)} |")
    if preset.serving is not None:
        s = preset.serving
        rate = s.output_tokens_per_second
        rows.append(f"| GPU throughput | {rate.value:,.0f} output tokens/s per {_cell(s.gpu)}, "
                    f"{_kind(rate)} | {source(rate.url, rate.checked)} | {_cell(rate.note)} |")
        rows.append(f"| Planned utilisation | {s.utilisation.value or 0:.0%}, "
                    f"{_kind(s.utilisation)} | "
                    f"{source(s.utilisation.url, s.utilisation.checked)} | "
                    f"{_cell(s.utilisation.note)}. GPUs = ceil(requests x output tokens / "
                    f"({s.output_tokens_per_second.value:,.0f} x {s.utilisation.value or 0:.0%} "
                    f"x 3,600 x 730)), at least one |")
    return rows


def preset_price_table(today: date | None = None) -> str:
    """Per preset: its models and notes, then one row per figure with its own source,
    checked date and note.

    ``today`` is the build date; a figure checked more than six months before it
    is marked in its row.
    """
    day = today or date.today()
    parts = []
    for preset in PRESETS:
        anchor = "preset-" + preset.id.replace(".", "-")
        lines = [f"#### {_cell(preset.label)} {{#{anchor}}}", "",
                 f"Preset `{preset.id}`: tuned model `{preset.tuned_model}`, prompted model "
                 f"`{preset.prompted_model}`."]
        if preset.like_for_like_note:
            lines.append(f"Not like for like: {_cell(preset.like_for_like_note)}")
        lines += ["", *(f"- {_cell(note)}" for note in preset.notes), "",
                  *_figure_rows(preset, day), ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def preset_unconfirmed_list() -> str:
    """A bullet per preset naming the figures nobody could confirm (the calculator keeps its
    own default or your value for those)."""
    items = []
    for preset in PRESETS:
        missing = preset.unconfirmed()
        if missing:
            names = ", ".join(f"`{name}`" for name in missing)
            items.append(f"- `{preset.id}`: {names}")
    return "\n".join(items) + "\n" if items else "Every figure of every preset is confirmed.\n"


def prompt_model_table() -> str:
    """The models a team would prompt instead (``prompt_preset``), with dated list prices."""
    rows = ["| `prompt_preset` | Provider | Model | Tier | Input / cached / output, USD per 1M "
            "| Source, read |", "| --- | --- | --- | --- | --- | --- |"]
    for model in PROMPT_MODELS:
        figures = dict(model.figures())
        prices = " / ".join(_value("base_price_input", figures[n]).split(" ")[0] for n in (
            "base_price_input", "base_price_cached_input", "base_price_output"))
        first = figures["base_price_input"]
        rows.append(f"| `{model.id}` | {_cell(model.provider)} | `{model.model}` | "
                    f"{model.tier.value} | {prices} | {_source(first.url)}, "
                    f"{first.checked.isoformat()} |")
    return "\n".join(rows) + "\n"


def platform_timeline() -> str:
    """The dated platform changes, from ``calculator.platform_events``, one row each."""
    rows = ["| Date | Provider | What changed | Source, checked |", "| --- | --- | --- | --- |"]
    for event in timeline():
        day = event.when.isoformat() if event.when else "not given"
        rows.append(f"| {day} | {_cell(event.provider)} | {_cell(event.what)} | "
                    f"{_source(event.url)}, {event.checked.isoformat()} |")
    return "\n".join(rows) + "\n"


def preset_catalog_note() -> str:
    """Where the per-token list prices come from: the price database, its version and date."""
    return (f"Per-token list prices are read from the `{preset_prices.LIBRARY}` price database, "
            f"version {preset_prices.LIBRARY_VERSION}, and fine-tuned prices and deprecation "
            f"dates from `{preset_prices.TUNED_LIBRARY}` {preset_prices.TUNED_LIBRARY_VERSION}'s "
            f"price file, on {preset_prices.GENERATED_ON}, by `scripts/update_presets.py`; "
            "training, hosting and service dates were checked by hand, last on "
            f"{PRESETS_CHECKED.isoformat()}. Each figure's kind says whether it is this "
            "option's own figure or an estimate, with its basis in the note.")


MACROS: tuple[Callable[..., Any], ...] = (
    platform_timeline,
    preset_catalog_note,
    prompt_model_table,
    preset_price_table,
    preset_table,
    preset_unconfirmed_list,
)
