"""Plain text, Markdown and JSON renderings of a result.

The Markdown is a decision record meant to be pasted into a design review: it
carries no date (the reviewer's tool adds one), every value is escaped so it
cannot break a table or start markup, every factor links to its guidance
anchor, and a link reproduces the exact inputs in the calculator.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from .changes import Change, ChangeKind
from .preset_fill import preset_record_lines
from .recommend import Result
from .release import latest_url
from .schema import FIELD_BY_NAME, FIELDS, Field, Group, format_number
from .version import __version__
from .wording import months

__all__ = [
    "DEFAULT_BASE_URL",
    "escape_markdown",
    "render_json",
    "render_markdown",
    "render_text",
]

DEFAULT_BASE_URL = "https://tune-or-prompt.github.io/tune-or-prompt/"
"""Where the published site lives; Markdown links are absolute so they work when pasted."""

_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# Block markers only count at the start of a line and before a space (or alone):
# "# x", "> x", "- x", "+ x", "1. x", "1) x". "0.5" or "-2" stay as they are.
_MD_LEADING = re.compile(r"^(\d*)([#>+\-=]|(?<=\d)[.)])(?=\s|$)")


def escape_markdown(text: str) -> str:
    r"""Make ``text`` literal in Markdown.

    Inline markup characters, table pipes and HTML brackets are backslash-escaped,
    line breaks are flattened to spaces and a block marker at the start is
    escaped, so a value can never break out of its table cell or list item.

    >>> escape_markdown("a|b <i>*x*</i>")
    'a\\|b \\<i\\>\\*x\\*\\</i\\>'
    >>> escape_markdown("0.5")
    '0.5'
    """
    flat = _MD_INLINE.sub(r"\\\1", " ".join(str(text).split()))
    return _MD_LEADING.sub(r"\1\\\2", flat)


def _usd(value: float) -> str:
    return "USD " + format_number(round(value))


def _months(value: float | None) -> str:
    return months(value)


def field_value_text(field: Field, value: int | float | str) -> str:
    """A field's value as a reader sees it: choice labels, grouped numbers, units."""
    if isinstance(value, str):
        return field.choice_label(value)
    if field.name == "model_lifetime_months" and value == 0:
        return "unknown"
    if field.name == "retrain_every_months" and value == 0:
        return "never"
    number = format_number(round(value, 6) if isinstance(value, float) else value)
    return f"{number} {field.unit}" if field.unit else number


_CHANGE_TITLES = ("Levers you control", "Facts that would change the call")


def _split_changes(r: Result) -> tuple[tuple[Change, ...], tuple[Change, ...]]:
    """(levers, facts) among the changes that would flip the verdict."""
    return (tuple(ch for ch in r.what_would_change if ch.kind is ChangeKind.LEVER),
            tuple(ch for ch in r.what_would_change if ch.kind is ChangeKind.FACT))


def _quality_lines(r: Result, indent: str) -> list[str]:
    """Error costs (when priced) and the value each answer must gain, one line each."""
    c = r.costs
    lines = []
    if c.pe_errors_monthly or c.ft_errors_monthly:
        label = "Errors        " if indent else "Errors: "
        lines.append(f"{indent}{label}{_usd(c.pe_errors_monthly)}/month prompted, "
                     f"{_usd(c.ft_errors_monthly)}/month tuned (inside the monthly costs)")
    if r.value_needed:
        lines.append(f"{indent}{r.value_needed}")
    return lines


def render_text(r: Result) -> str:
    """A terminal-friendly summary."""
    c = r.costs
    lines = [
        f"Verdict: {r.verdict.label} ({r.verdict.value})",
        f"Confidence: {r.confidence.value}   Score: {r.score:+.1f} "
        "(negative favours prompting, positive favours fine-tuning)",
        r.summary,
        "",
        f"Costs over {c.horizon_months} months:",
        f"  Prompting     {_usd(c.pe_upfront)} upfront + {_usd(c.pe_monthly)}/month, "
        f"{_usd(c.pe_total)} in total",
        f"  Fine-tuning   {_usd(c.ft_upfront)} upfront + {_usd(c.ft_monthly)}/month"
        + (f" + {_usd(c.maintenance)} re-tunes" if c.maintenance else "")
        + f", {_usd(c.ft_total)} in total",
        f"  Break-even    {_months(c.break_even_months)}"
        + ("   (both priced self-hosted: data must stay internal)" if c.self_hosted else ""),
        *_quality_lines(r, "  "),
        f"Timeline: {r.timeline.summary}",
        "",
        "Factors:",
    ]
    for f in r.factors:
        lines.append(f"  [{f.favours.value:>18}] {f.label} (weight {format_number(f.weight)}): "
                     f"{f.explanation}")
    levers, facts = _split_changes(r)
    for title, items in (("Warnings", r.warnings), ("Next steps", r.next_steps),
                         ("What would change the verdict: levers you control",
                          tuple(ch.text for ch in levers)),
                         ("What would change the verdict: facts that would change the call",
                          tuple(ch.text for ch in facts))):
        if items:
            lines += ["", f"{title}:"] + [f"  - {item}" for item in items]
    lines += ["", f"Share: ?{r.share_query}" if r.share_query else "Share: (all defaults)"]
    return "\n".join(lines) + "\n"


def _table(header: tuple[str, ...], align: tuple[str, ...],
           rows: Sequence[tuple[str, ...]]) -> list[str]:
    """A Markdown table; cells must already be escaped."""
    return ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |",
            *("| " + " | ".join(row) + " |" for row in rows)]


def render_markdown(r: Result, base_url: str = DEFAULT_BASE_URL) -> str:
    """A decision record with links to the guidance, ready for a design review."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    e = escape_markdown
    c = r.costs
    calculator = f"{base}calculator/"
    share = calculator + (f"?{r.share_query}" if r.share_query else "")
    out = [
        "# Decision record: prompt engineering or fine-tuning",
        "",
        f"**Decision:** {e(r.verdict.label)} (`{r.verdict.value}`)  ",
        f"**Confidence:** {e(r.confidence.value)}  ",
        f"**Score:** {r.score:+.1f}, on a scale from -100 (prompt engineering) to +100 "
        "(fine-tuning)  ",
        *preset_record_lines(r.scenario),
        *_provenance(r, base, share),
        "",
        e(r.summary),
        "",
        "## Context",
        "",
        f"The inputs, as entered in the [calculator]({share}) "
        f"([how it decides]({base}methodology/)).",
    ]
    values = r.scenario.to_dict()
    for group in Group:
        rows = [(e(f.label), e(field_value_text(f, values[f.name])))
                for f in FIELDS if f.group is group]
        out += ["", f"### {e(group.value)}", "", *_table(("Input", "Value"), ("---", "---"), rows)]
    out += [
        "",
        "## Costs",
        "",
        *_table(("", "Prompt engineering", "Fine-tuning"), ("---", "---:", "---:"), [
            ("Upfront", _usd(c.pe_upfront), _usd(c.ft_upfront)),
            ("Per month", _usd(c.pe_monthly), _usd(c.ft_monthly)),
            (f"Re-tunes ({c.retunes})", _usd(0), _usd(c.maintenance)),
            (f"Total over {c.horizon_months} months", _usd(c.pe_total), _usd(c.ft_total)),
        ]),
        "",
        f"**Break-even:** {_months(c.break_even_months)}. **Timeline:** "
        f"{e(r.timeline.summary)}",
        *[part for line in _quality_lines(r, "") for part in ("", e(line))],
        "",
        *_sources_section(r),
        "## Factors",
        "",
        *_table(("Factor", "Favours", "Weight", "Why"), ("---", "---", "---:", "---"), [
            (f"[{e(f.label)}]({base}{f.link})", e(f.favours.value), format_number(f.weight),
             e(f.explanation))
            for f in r.factors
        ]),
    ]
    out += ["", "## Warnings", ""]
    out += [f"- {e(item)}" for item in r.warnings] or ["- None."]
    out += ["", "## What would change the decision", ""]
    if not r.what_would_change:
        out.append("- No single input change flips it.")
    for title, changes in zip(_CHANGE_TITLES, _split_changes(r), strict=True):
        if changes:
            out += [f"**{title}**", ""]
            out += [f"- [{e(ch.text)}]({calculator}?{ch.query})" for ch in changes]
            out.append("")
    if out[-1] == "":
        out.pop()
    out += ["", "## Next steps", ""]
    out += [f"{i}. {e(item)}" for i, item in enumerate(r.next_steps, 1)]
    out += ["", f"Reproduce or adjust this decision: <{share}>"]
    latest = latest_url(base, __version__)
    if latest:
        out.append(f"Compare with the latest version: <{latest}{share.removeprefix(base)}>")
    return "\n".join(out) + "\n"


def _sources_section(r: Result) -> list[str]:
    """Where each price and hosting figure comes from, with its page and date (rule 8)."""
    e = escape_markdown
    rows = [(e(FIELD_BY_NAME[f.field].label), e(f.kind.label),
             e(f.by) + (f", <{f.url}>, checked {f.checked}" if f.url else ""))
            for f in r.sources]
    if not rows:
        return []
    lead = ("The cost comparison is complete." if r.costs_complete else
            "**The cost comparison is incomplete:** a figure is left to you (see Warnings).")
    return ["## Where the figures come from", "", lead, "",
            *_table(("Figure", "Source kind", "From"), ("---", "---", "---"), rows), ""]


def _provenance(r: Result, base: str, share: str) -> list[str]:
    """The record's version line: which calculator decided, with a link to the same inputs
    in the latest version when the record comes from a published release."""
    version = f"**Calculator version:** {escape_markdown(__version__)}"
    latest = latest_url(base, __version__)
    if latest:
        version += f" ([same inputs in the latest version]({latest}{share.removeprefix(base)}))"
    return [version]


def render_json(r: Result) -> str:
    """The result's JSON form, stable key order, two-space indent."""
    return json.dumps(r.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
