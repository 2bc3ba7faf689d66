"""HTML fragments for the calculator page: the form and the result.

The same functions run at build time (the page is useful before and without
Pyodide) and in the browser's worker, so what a reader sees never depends on
which one produced it. Every piece of text is escaped here; the fragments carry
no scripts, no ``style`` attributes and no event handlers, so they are safe to
insert under a strict Content-Security-Policy.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from .costs import cumulative_costs
from .query import format_value
from .recommend import Result, Verdict
from .scenario import Scenario
from .schema import FIELDS, FieldKind, Group, format_number
from .wording import months as months_text

__all__ = ["render_form_html", "render_result_html"]

_CHART_W, _CHART_H = 640, 280
_PAD_L, _PAD_R, _PAD_T, _PAD_B = 72, 16, 16, 40


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _usd(value: float) -> str:
    return "USD " + format_number(round(value))


def _nice_step(span: float) -> float:
    """A round tick step giving about five ticks over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1.0
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _chart(r: Result) -> str:
    """Cumulative cost of both approaches over the horizon, break-even marked."""
    points = cumulative_costs(r.scenario)
    months = r.costs.horizon_months
    top = max(max(pe, ft) for _, pe, ft in points) or 1.0
    step = _nice_step(top)
    top = step * (int(top / step) + 1)
    inner_w, inner_h = _CHART_W - _PAD_L - _PAD_R, _CHART_H - _PAD_T - _PAD_B

    def x(month: float) -> float:
        return _PAD_L + inner_w * month / months

    def y(usd: float) -> float:
        return _PAD_T + inner_h * (1 - usd / top)

    def line(index: int) -> str:
        return " ".join(f"{x(p[0]):.1f},{y(p[index]):.1f}" for p in points)

    be = r.costs.break_even_months
    desc = (f"Prompting reaches {_usd(r.costs.pe_total)} and fine-tuning "
            f"{_usd(r.costs.ft_total)} after {months} months; "
            + (f"the lines cross at the break-even, month {format_number(round(be, 1))}."
               if be is not None and be <= months else
               "they do not cross within the horizon."))
    parts = [
        f'<svg class="tp-chart" viewBox="0 0 {_CHART_W} {_CHART_H}" role="img" '
        'aria-labelledby="tp-chart-title tp-chart-desc" preserveAspectRatio="xMidYMid meet">',
        '<title id="tp-chart-title">Cumulative cost: prompt engineering vs fine-tuning</title>',
        f'<desc id="tp-chart-desc">{_e(desc)}</desc>',
    ]
    tick = 0.0
    while tick <= top + 1e-9:
        ty = y(tick)
        parts.append(f'<line class="tp-grid" x1="{_PAD_L}" x2="{_CHART_W - _PAD_R}" '
                     f'y1="{ty:.1f}" y2="{ty:.1f}"/>')
        parts.append(f'<text class="tp-tick" x="{_PAD_L - 8}" y="{ty + 4:.1f}" '
                     f'text-anchor="end">{_e(format_number(tick))}</text>')
        tick += step
    month_step = max(1, months // 6)
    for m in range(0, months + 1, month_step):
        parts.append(f'<text class="tp-tick" x="{x(m):.1f}" y="{_CHART_H - _PAD_B + 18}" '
                     f'text-anchor="middle">{m}</text>')
    parts.append(f'<text class="tp-axis" x="{_PAD_L + inner_w / 2:.1f}" y="{_CHART_H - 4}" '
                 'text-anchor="middle">Month</text>')
    parts.append(f'<text class="tp-axis" x="14" y="{_PAD_T + inner_h / 2:.1f}" '
                 f'text-anchor="middle" transform="rotate(-90 14 {_PAD_T + inner_h / 2:.1f})">'
                 'USD</text>')
    if be is not None and be <= months:
        bx = x(be)
        parts.append(f'<line class="tp-breakeven" x1="{bx:.1f}" x2="{bx:.1f}" y1="{_PAD_T}" '
                     f'y2="{_PAD_T + inner_h}"/>')
        # Label on the side with room, so it never runs off the chart.
        left = bx > _PAD_L + inner_w / 2
        lx, anchor = (bx - 6, "end") if left else (bx + 6, "start")
        parts.append(f'<text class="tp-breakeven-label" x="{lx:.1f}" y="{_PAD_T + 14}" '
                     f'text-anchor="{anchor}">'
                     f'Break-even: month {_e(format_number(round(be, 1)))}</text>')
    parts.append(f'<polyline class="tp-line-pe" points="{line(1)}"/>')
    parts.append(f'<polyline class="tp-line-ft" points="{line(2)}"/>')
    parts.append("</svg>")
    legend = ('<ul class="tp-legend"><li class="tp-legend-pe">Prompt engineering</li>'
              '<li class="tp-legend-ft">Fine-tuning</li></ul>')
    return "".join(parts) + legend


def _bar(contribution: float, limit: float) -> str:
    """A small diverging bar: left is prompting, right is fine-tuning."""
    width = 50 * abs(contribution) / limit if limit else 0
    x = 50 if contribution >= 0 else 50 - width
    kind = "ft" if contribution > 0 else "pe"
    return (f'<svg class="tp-bar" viewBox="0 0 100 10" aria-hidden="true" focusable="false">'
            f'<line class="tp-bar-axis" x1="50" x2="50" y1="0" y2="10"/>'
            f'<rect class="tp-bar-{kind}" x="{x:.1f}" y="2" width="{width:.1f}" height="6"/>'
            "</svg>")


def _list(tag: str, css: str, items: tuple[str, ...]) -> str:
    return f'<{tag} class="{css}">' + "".join(f"<li>{_e(i)}</li>" for i in items) + f"</{tag}>"


def _costs_table(r: Result) -> str:
    c = r.costs
    rows = (("Upfront", c.pe_upfront, c.ft_upfront), ("Per month", c.pe_monthly, c.ft_monthly),
            (f"Re-tunes ({c.retunes})", 0.0, c.maintenance),
            (f"Total over {c.horizon_months} months", c.pe_total, c.ft_total))
    body = "".join(f'<tr><th scope="row">{_e(label)}</th><td>{_usd(pe)}</td>'
                   f"<td>{_usd(ft)}</td></tr>" for label, pe, ft in rows)
    return ('<div class="tp-table-wrap"><table class="tp-costs"><caption>Costs in USD'
            '</caption><thead><tr><th scope="col">Cost</th><th scope="col">Prompt engineering'
            '</th><th scope="col">Fine-tuning</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _factors_table(r: Result, page_prefix: str) -> str:
    limit = max((abs(f.contribution) for f in r.factors), default=1.0) or 1.0
    rows = "".join(
        f'<tr class="tp-factor tp-favours-{_e(f.favours.value)}" '
        f'data-factor="{_e(f.id)}" data-contribution="{f.contribution:.3f}">'
        f'<th scope="row"><a href="{_e(page_prefix + f.link)}">{_e(f.label)}</a></th>'
        f"<td>{_e(f.favours.value.replace('-', ' '))}</td>"
        f"<td>{_e(format_number(f.weight))}</td>"
        f"<td>{_bar(f.contribution, limit)}</td><td>{_e(f.explanation)}</td></tr>"
        for f in r.factors
    )
    return ('<div class="tp-table-wrap"><table class="tp-factors"><caption>Each factor, its '
            "pull toward prompt engineering (left) or fine-tuning (right), and why</caption>"
            '<thead><tr><th scope="col">Factor</th><th scope="col">Favours</th>'
            '<th scope="col">Weight</th><th scope="col">Pull</th><th scope="col">Why</th>'
            f"</tr></thead><tbody>{rows}</tbody></table></div>")


def _changes(r: Result) -> str:
    if not r.what_would_change:
        return '<p class="tp-changes-none">No single input change flips this verdict.</p>'
    items = "".join(
        f'<li data-kind="{_e(ch.kind.value)}"><a href="?{_e(ch.query)}" '
        f'data-field="{_e(ch.field)}">{_e(ch.text)}</a></li>'
        for ch in r.what_would_change
    )
    return f'<ul class="tp-changes">{items}</ul>'


def render_result_html(r: Result, page_prefix: str = "../", *,
                       base_url: str | None = None) -> str:
    """The result region's content: verdict, costs, chart, factors, steps and changes.

    ``page_prefix`` is the relative path from the page showing the result to the
    site root ("../" from ``calculator/``), so guidance links work on any host
    and offline. ``base_url`` is accepted as another name for it.
    """
    prefix = page_prefix if base_url is None else base_url
    c = r.costs
    be = months_text(c.break_even_months)
    share = f"?{r.share_query}" if r.share_query else "?"
    agreement = ("" if r.verdict is Verdict.HYBRID else
                 f' <span class="tp-hint">({round(r.agreement * 100)}% of the weighted pull '
                 "agrees)</span>")
    out = [
        f'<div class="tp-result tp-result--{_e(r.verdict.value)}" '
        f'data-verdict="{_e(r.verdict.value)}">',
        f'<h2 class="tp-verdict"><span class="tp-verdict-kicker">Recommendation</span> '
        f'<span class="tp-verdict-label">{_e(r.verdict.label)}</span></h2>',
        f'<p class="tp-summary">{_e(r.summary)}</p>',
        '<dl class="tp-meta">',
        f'<div><dt>Confidence</dt><dd class="tp-confidence">{_e(r.confidence.value)}'
        f"{agreement}</dd></div>",
        f'<div><dt>Score</dt><dd class="tp-score">{_e(f"{r.score:+.1f}")} '
        '<span class="tp-hint">(-100 favours prompting, +100 fine-tuning)</span></dd></div>',
        f'<div><dt>Break-even</dt><dd class="tp-break-even">{_e(be)}</dd></div>',
        "</dl>",
    ]
    if r.warnings:
        out.append('<div class="tp-warnings"><h3>Warnings</h3>'
                   + _list("ul", "tp-warning-list", r.warnings) + "</div>")
    out += [
        f"<h3>Costs over {c.horizon_months} months</h3>",
        _costs_table(r),
        f'<figure class="tp-figure">{_chart(r)}</figure>',
        "<h3>Timeline</h3>",
        f'<p class="tp-timeline">{_e(r.timeline.summary)}</p>',
        "<h3>Why: the factors</h3>",
        _factors_table(r, prefix),
        "<h3>Next steps</h3>",
        _list("ol", "tp-steps", r.next_steps),
        "<h3>What would change the verdict</h3>",
        _changes(r),
        f'<p class="tp-share">Link to this result: <a class="tp-share-link" '
        f'href="{_e(share)}">{_e(share if r.share_query else "default inputs")}</a></p>',
        "</div>",
    ]
    return "".join(out)


def render_form_html(s: Scenario, errors: Mapping[str, str] | None = None) -> str:
    """The calculator form, one fieldset per group, values from ``s``.

    Numbers use ``type="text"`` with ``inputmode``: the browser's number input
    rejects "1,000" and hides what was typed, whereas the calculator accepts it
    and reports anything it cannot read with a message naming the field.
    """
    errors = errors or {}
    values = s.to_dict()
    out = ['<form class="tp-form" id="calculator-form" novalidate method="get" action="">']
    for group in Group:
        out.append(f'<fieldset class="tp-group"><legend>{_e(group.value)}</legend>')
        for field in (f for f in FIELDS if f.group is group):
            fid = f"f-{field.name}"
            error = errors.get(field.name, "")
            described = f"{fid}-help {fid}-error"
            invalid = ' aria-invalid="true"' if error else ""
            unit = f' <span class="tp-unit">({_e(field.unit)})</span>' if field.unit else ""
            out.append(f'<div class="tp-field{" tp-field--invalid" if error else ""}">')
            out.append(f'<label for="{fid}">{_e(field.label)}{unit}</label>')
            if field.kind is FieldKind.CHOICE:
                out.append(f'<select id="{fid}" name="{field.name}" '
                           f'aria-describedby="{described}"{invalid}>')
                for choice in field.choices:
                    selected = " selected" if choice.value == values[field.name] else ""
                    out.append(f'<option value="{_e(choice.value)}"{selected}>'
                               f"{_e(choice.label)}</option>")
                out.append("</select>")
            else:
                mode = "numeric" if field.kind is FieldKind.INT else "decimal"
                out.append(f'<input id="{fid}" name="{field.name}" type="text" '
                           f'inputmode="{mode}" autocomplete="off" spellcheck="false" '
                           f'value="{_e(format_value(values[field.name]))}" '
                           f'aria-describedby="{described}"{invalid}>')
            out.append(f'<p class="tp-help" id="{fid}-help">{_e(field.help)} Accepts '
                       f"{_e(field.describe_range())}.</p>")
            out.append(f'<p class="tp-error" id="{fid}-error">{_e(error)}</p>')
            out.append("</div>")
        out.append("</fieldset>")
    out.append('<p class="tp-actions"><button class="md-button md-button--primary" '
               'type="submit">Recalculate</button></p></form>')
    return "\n".join(out)
