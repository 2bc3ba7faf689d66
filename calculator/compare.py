"""Comparing two scenarios: a pinned one, "A", and the current inputs.

A design review asks "what if?": the page pins a result as A, the reader
changes inputs, and both are shown side by side. The pinned scenario travels
in the page's link as one more query parameter, ``pin``, holding A's own
share query (URL-encoded), so a pasted link opens as the same comparison.
The rest of the query is the current scenario, read exactly as without a pin.
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qsl, quote, urlencode

from .recommend import Result
from .render import DEFAULT_BASE_URL, escape_markdown, field_value_text, render_markdown
from .render_chart import pull_text, usd
from .scenario import ScenarioError
from .schema import FIELDS
from .wording import months

__all__ = [
    "PIN_PARAM",
    "join_pin",
    "render_comparison_html",
    "render_comparison_markdown",
    "split_pin",
]

PIN_PARAM = "pin"
"""The query parameter holding the pinned scenario's own query."""

_MOVED = 0.05
"""A factor whose pull changed by less than this has not moved."""


def split_pin(query: str) -> tuple[str, str | None]:
    """Split a page query into the current scenario's query and the pinned one (or None).

    ``pin=`` with an empty value pins the default inputs; no ``pin`` pins nothing.
    """
    text = query[1:] if query.startswith("?") else query
    pairs = parse_qsl(text, keep_blank_values=True)
    pins = [value for name, value in pairs if name == PIN_PARAM]
    if len(pins) > 1:
        raise ScenarioError({"pinned": f"{PIN_PARAM} is given more than once"})
    if not pins:
        return text, None
    rest = urlencode([(name, value) for name, value in pairs if name != PIN_PARAM])
    return rest, pins[0]


def join_pin(share_query: str, pinned_query: str) -> str:
    """The page query for a comparison: the current scenario's query, then the pin."""
    pin = f"{PIN_PARAM}={quote(pinned_query, safe='')}"
    return f"{share_query}&{pin}" if share_query else pin


def _rows(a: Result, b: Result) -> list[tuple[str, str, str]]:
    ca, cb = a.costs, b.costs

    def total(value: float, horizon: int) -> str:
        return usd(value) + ("" if ca.horizon_months == cb.horizon_months
                             else f" over {horizon} months")

    horizon = (f" over {cb.horizon_months} months" if ca.horizon_months == cb.horizon_months
               else "")
    return [
        ("Recommendation", a.verdict.label, b.verdict.label),
        ("Confidence", a.confidence.value, b.confidence.value),
        ("Score", f"{a.score:+.1f}", f"{b.score:+.1f}"),
        ("Break-even", months(ca.break_even_months), months(cb.break_even_months)),
        ("Prompting upfront", usd(ca.pe_upfront), usd(cb.pe_upfront)),
        ("Fine-tuning upfront", usd(ca.ft_upfront), usd(cb.ft_upfront)),
        ("Prompting per month", usd(ca.pe_monthly), usd(cb.pe_monthly)),
        ("Fine-tuning per month", usd(ca.ft_monthly), usd(cb.ft_monthly)),
        (f"Prompting total{horizon}", total(ca.pe_total, ca.horizon_months),
         total(cb.pe_total, cb.horizon_months)),
        (f"Fine-tuning total{horizon}", total(ca.ft_total, ca.horizon_months),
         total(cb.ft_total, cb.horizon_months)),
    ] + ([("Fine-tuning re-tunes", f"{ca.retunes}, {usd(ca.maintenance)}",
           f"{cb.retunes}, {usd(cb.maintenance)}")] if ca.retunes or cb.retunes else [])


def _changed_inputs(a: Result, b: Result) -> list[tuple[str, str, str]]:
    va, vb = a.scenario.to_dict(), b.scenario.to_dict()
    return [(f.label, field_value_text(f, va[f.name]), field_value_text(f, vb[f.name]))
            for f in FIELDS if f.name in va and f.name in vb and va[f.name] != vb[f.name]]


def _moved_factors(a: Result, b: Result) -> list[tuple[str, str, float, float]]:
    """(label, link, pull in A, pull now) for each factor whose pull moved, most first."""
    before = {f.id: f.contribution for f in a.factors}
    moved = [(f.label, f.link, before.get(f.id, 0.0), f.contribution) for f in b.factors
             if abs(f.contribution - before.get(f.id, 0.0)) >= _MOVED]
    return sorted(moved, key=lambda m: -abs(m[3] - m[2]))


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def render_comparison_html(a: Result, current: Result, page_prefix: str = "../") -> str:
    """A and the current result side by side: verdict, costs, break-even, what moved."""
    differs = ' class="tp-differs"'
    body = "".join(f'<tr{differs if x != y else ""}><th scope="row">'
                   f"{_e(label)}</th><td>{_e(x)}</td><td>{_e(y)}</td></tr>"
                   for label, x, y in _rows(a, current))
    change = ("Same recommendation" if a.verdict is current.verdict
              else "The recommendation changes")
    out = [
        f'<section class="tp-compare" data-pinned-verdict="{_e(a.verdict.value)}" '
        'aria-labelledby="tp-compare-title">',
        '<h2 id="tp-compare-title" class="tp-compare-title">'
        '<span class="tp-verdict-kicker">Comparison</span> A (pinned) and the current inputs'
        "</h2>",
        f'<p class="tp-compare-verdict">{change}: '
        f"{_e(a.verdict.label)} for A, {_e(current.verdict.label)} now.</p>",
        '<div class="tp-table-wrap"><table class="tp-table tp-compare-table"><caption>A and the '
        'current inputs, side by side</caption><thead><tr><th scope="col">Measure</th>'
        '<th scope="col">A (pinned)</th><th scope="col">Current</th></tr></thead>'
        f"<tbody>{body}</tbody></table></div>",
        "<h3>Inputs changed since A</h3>",
    ]
    inputs = _changed_inputs(a, current)
    out.append('<ul class="tp-compare-inputs">' + "".join(
        f"<li><strong>{_e(label)}</strong>: {_e(x)} \u2192 {_e(y)}</li>"
        for label, x, y in inputs) + "</ul>" if inputs else
        '<p class="tp-compare-inputs">None: the same inputs as A.</p>')
    out.append("<h3>Factors that moved</h3>")
    moved = _moved_factors(a, current)
    out.append('<ul class="tp-moved">' + "".join(
        f'<li><a href="{_e(page_prefix + link)}">{_e(label)}</a>: pull {_e(pull_text(x))} '
        f"\u2192 {_e(pull_text(y))}, toward "
        f'{"fine-tuning" if y > x else "prompt engineering"}</li>'
        for label, link, x, y in moved) + "</ul>" if moved else
        '<p class="tp-moved">No factor moved.</p>')
    out.append("</section>")
    return "".join(out)


def _demoted(record: str, title: str) -> list[str]:
    """A decision record one heading level down, under ``title``."""
    lines = record.rstrip("\n").split("\n")
    return [f"## {title}"] + [("#" + line) if line.startswith("#") else line
                              for line in lines[1:]]


def render_comparison_markdown(a: Result, current: Result,
                               base_url: str = DEFAULT_BASE_URL) -> str:
    """A decision record comparing A with the current inputs, followed by both records."""
    base = base_url if base_url.endswith("/") else base_url + "/"
    e = escape_markdown
    link = f"{base}calculator/?{join_pin(current.share_query, a.share_query)}"
    out = [
        "# Comparison: A (pinned) and the current inputs",
        "",
        "| Measure | A (pinned) | Current |",
        "| --- | --- | --- |",
        *(f"| {e(label)} | {e(x)} | {e(y)} |" for label, x, y in _rows(a, current)),
        "",
        "**Inputs changed since A:** "
        + ("; ".join(f"{e(label)}: {e(x)} \u2192 {e(y)}"
                     for label, x, y in _changed_inputs(a, current)) or "none") + ".",
        "",
        "**Factors that moved:** "
        + ("; ".join(f"[{e(label)}]({base}{link_}): {pull_text(x)} \u2192 {pull_text(y)}"
                     for label, link_, x, y in _moved_factors(a, current)) or "none") + ".",
        "",
        f"Reopen this comparison: <{link}>",
        "",
        *_demoted(render_markdown(current, base_url), "Current inputs: decision record"),
        "",
        *_demoted(render_markdown(a, base_url), "A (pinned): decision record"),
    ]
    return "\n".join(out) + "\n"
