"""Plain text, Markdown and JSON renderings of a result.

The Markdown is a decision record meant to be pasted into a design review:
every table cell is escaped, and every factor links to its guidance anchor.
"""

from __future__ import annotations

import json
import re

from .recommend import Result
from .schema import FIELDS, format_number

__all__ = ["DEFAULT_BASE_URL", "escape_markdown", "render_json", "render_markdown",
           "render_text"]

DEFAULT_BASE_URL = "https://tune-or-prompt.github.io/tune-or-prompt/"
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LEADING = re.compile(r"^(\d*)([#+\-=>.)])")


def escape_markdown(text: str) -> str:
    """Make ``text`` literal in Markdown: inline markup, table pipes, HTML and
    line-start block markers are backslash-escaped and newlines flattened, so
    a value can never break out of its table cell or list item.

    >>> escape_markdown("a|b <i>*x*</i>")
    'a\\|b \\<i\\>\\*x\\*\\</i\\>'
    """
    flat = _MD_INLINE.sub(r"\\\1", " ".join(str(text).split()))
    return _MD_LEADING.sub(r"\1\\\2", flat)


def _usd(value: float) -> str:
    return "USD " + format_number(round(value))


def _months(value: float | None) -> str:
    return "never" if value is None else f"{format_number(round(value, 1))} months"


def _value(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


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
        f"  Prompting     {_usd(c.pe_monthly)}/month, {_usd(c.pe_total)} in total",
        f"  Fine-tuning   {_usd(c.ft_upfront)} upfront + {_usd(c.ft_monthly)}/month, "
        f"{_usd(c.ft_total)} in total",
        f"  Break-even    {_months(c.break_even_months)}",
        f"Timeline: {r.timeline.summary}",
        "",
        "Factors:",
    ]
    for f in r.factors:
        lines.append(f"  [{f.favours.value:>18}] {f.label} (weight {format_number(f.weight)}): "
                     f"{f.explanation}")
    for title, items in (("Warnings", r.warnings), ("Next steps", r.next_steps),
                         ("What would change the verdict",
                          tuple(ch.text for ch in r.what_would_change))):
        if items:
            lines += ["", f"{title}:"] + [f"  - {item}" for item in items]
    if r.share_query:
        lines += ["", f"Share: ?{r.share_query}"]
    return "\n".join(lines) + "\n"


def render_markdown(r: Result, base_url: str = DEFAULT_BASE_URL) -> str:
    """A decision record with links to the guidance, ready for a design review."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    e = escape_markdown
    c = r.costs
    link = f"{base}calculator/" + (f"?{r.share_query}" if r.share_query else "")
    out = [
        f"# Decision record: {e(r.verdict.label)}",
        "",
        f"- **Verdict:** {e(r.verdict.value)}",
        f"- **Confidence:** {e(r.confidence.value)}",
        f"- **Score:** {r.score:+.1f} (from -100, prompting, to +100, fine-tuning)",
        f"- **Calculator:** <{link}>",
        "",
        e(r.summary),
        "",
        "## Costs",
        "",
        "| | Prompt engineering | Fine-tuning |",
        "| --- | ---: | ---: |",
        f"| Upfront | {_usd(0)} | {_usd(c.ft_upfront)} |",
        f"| Per month | {_usd(c.pe_monthly)} | {_usd(c.ft_monthly)} |",
        f"| Total over {c.horizon_months} months | {_usd(c.pe_total)} | {_usd(c.ft_total)} |",
        "",
        f"Break-even: {_months(c.break_even_months)}. {e(r.timeline.summary)}",
        "",
        "## Factors",
        "",
        "| Factor | Favours | Weight | Why |",
        "| --- | --- | ---: | --- |",
    ]
    for f in r.factors:
        out.append(f"| [{e(f.label)}]({base}{f.link}) | {e(f.favours.value)} | "
                   f"{format_number(f.weight)} | {e(f.explanation)} |")
    for title, items in (("Warnings", r.warnings), ("Next steps", r.next_steps)):
        out += ["", f"## {title}", ""]
        out += [f"- {e(item)}" for item in items] if items else ["- None."]
    out += ["", "## What would change the verdict", ""]
    out += ([f"- {e(ch.text)}" for ch in r.what_would_change]
            or ["- No single input change flips it."])
    out += ["", "## Inputs", "", "| Input | Value |", "| --- | ---: |"]
    values = r.scenario.to_dict()
    for field in FIELDS:
        unit = f" {field.unit}" if field.unit else ""
        out.append(f"| {e(field.label)} | {e(_value(values[field.name]) + unit)} |")
    return "\n".join(out) + "\n"


def render_json(r: Result) -> str:
    """The result's JSON form, stable key order, two-space indent."""
    return json.dumps(r.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
