"""The result's two charts as HTML and inline SVG: cumulative costs and the factors' pull.

Both are drawn so that their text is real CSS pixels at every width: the cost
chart's outer SVG has no ``viewBox`` (one user unit is one pixel), places its
labels in percentages of its width, and draws the two cost lines in a nested
SVG that stretches (``preserveAspectRatio="none"``) with strokes that do not
(``vector-effect="non-scaling-stroke"``). A chart scaled as a whole through a
``viewBox`` would shrink its 12 px labels to 6 px on a phone. The factor chart
keeps its labels in HTML and uses SVG only for the bars.

No ``style`` attribute anywhere: the page's Content-Security-Policy forbids
them, so every size and colour comes from classes in ``calculator.css``.
"""

from __future__ import annotations

from html import escape

from .costs import cumulative_costs
from .factors import FactorResult
from .recommend import Result
from .schema import format_number

__all__ = ["render_cost_chart", "render_factor_chart", "usd"]

CHART_HEIGHT = 260
"""Pixel height of the cost chart; its width follows its column."""
_PAD_T, _PAD_B = 30, 44
_PLOT_W = 1000
"""Horizontal units of the stretched plot: month m sits at ``m / months * _PLOT_W``."""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def usd(value: float) -> str:
    """A whole-dollar amount: ``USD 13,140``."""
    return "USD " + format_number(round(value))


def _compact(value: float) -> str:
    """A short axis label: 0, 500, 20k, 1.5M."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.4g}{suffix}"
    return f"{value:.4g}"


def _nice_step(span: float) -> float:
    """A round tick step giving about four to five ticks over ``span``."""
    if span <= 0:
        return 1.0
    raw = span / 5
    magnitude = 10 ** len(str(int(raw))) / 10 if raw >= 1 else 1.0
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def render_cost_chart(r: Result) -> str:
    """Cumulative cost of both approaches over the horizon, break-even marked, with legend."""
    points = cumulative_costs(r.scenario)
    months = r.costs.horizon_months
    top = max(max(pe, ft) for _, pe, ft in points) or 1.0
    step = _nice_step(top)
    top = step * (int(top / step) + 1)
    inner_h = CHART_HEIGHT - _PAD_T - _PAD_B

    def pct(month: float) -> str:
        return f"{100 * month / months:.2f}%"

    def y(usd_value: float) -> float:
        return _PAD_T + inner_h * (1 - usd_value / top)

    def line(index: int) -> str:
        return " ".join(f"{_PLOT_W * p[0] / months:.1f},{y(p[index]) - _PAD_T:.1f}"
                        for p in points)

    be = r.costs.break_even_months
    crosses = be is not None and be <= months
    desc = (f"Prompting reaches {usd(r.costs.pe_total)} and fine-tuning "
            f"{usd(r.costs.ft_total)} after {months} months; "
            + (f"the lines cross at the break-even, month {format_number(round(be, 1))}."
               if be is not None and crosses else "they do not cross within the horizon."))
    parts = [
        f'<svg class="tp-chart" height="{CHART_HEIGHT}" role="img" '
        'aria-labelledby="tp-chart-title tp-chart-desc">',
        '<title id="tp-chart-title">Cumulative cost: prompt engineering vs fine-tuning</title>',
        f'<desc id="tp-chart-desc">{_e(desc)}</desc>',
        # Starts over the tick labels and runs right, above the plot: it needs no margin
        # of its own, so on a phone the plot can have the column's width.
        f'<text class="tp-axis" x="0" y="{_PAD_T - 14}" dx="-30">Cumulative USD</text>',
    ]
    tick = 0.0
    while tick <= top + 1e-9:
        ty = y(tick)
        parts.append(f'<line class="tp-grid" x1="0" x2="100%" y1="{ty:.1f}" y2="{ty:.1f}"/>')
        parts.append(f'<text class="tp-tick" x="0" dx="-8" y="{ty + 4:.1f}" '
                     f'text-anchor="end">{_e(_compact(tick))}</text>')
        tick += step
    month_step = max(1, -(-months // 6))
    base = CHART_HEIGHT - _PAD_B
    for m in range(0, months + 1, month_step):
        parts.append(f'<text class="tp-tick" x="{pct(m)}" y="{base + 18}" '
                     f'text-anchor="middle">{m}</text>')
    parts.append(f'<text class="tp-axis" x="50%" y="{CHART_HEIGHT - 4}" '
                 'text-anchor="middle">Month</text>')
    if be is not None and crosses:
        bx = pct(be)
        parts.append(f'<line class="tp-breakeven" x1="{bx}" x2="{bx}" y1="{_PAD_T}" '
                     f'y2="{base}"/>')
        # Label on the side with room, so it never runs off the chart.
        right_half = be > months / 2
        dx, anchor = ("-6", "end") if right_half else ("6", "start")
        parts.append(f'<text class="tp-breakeven-label" x="{bx}" dx="{dx}" y="{_PAD_T + 14}" '
                     f'text-anchor="{anchor}">'
                     f'Break-even: month {_e(format_number(round(be, 1)))}</text>')
    parts += [
        f'<svg class="tp-plot" x="0" y="{_PAD_T}" width="100%" height="{inner_h}" '
        f'viewBox="0 0 {_PLOT_W} {inner_h}" preserveAspectRatio="none">',
        f'<polyline class="tp-line-pe" vector-effect="non-scaling-stroke" points="{line(1)}"/>',
        f'<polyline class="tp-line-ft" vector-effect="non-scaling-stroke" points="{line(2)}"/>',
        "</svg></svg>",
    ]
    legend = ('<ul class="tp-legend"><li class="tp-legend-pe">Prompt engineering</li>'
              '<li class="tp-legend-ft">Fine-tuning</li></ul>')
    return '<div class="tp-chart-frame">' + "".join(parts) + "</div>" + legend


def pull_scale(factors: tuple[FactorResult, ...]) -> float:
    """The largest pull any factor could have: its weight. Bars share this scale.

    A fixed scale (not the largest pull of this result) keeps bars comparable
    between two results, as the comparison view shows them.
    """
    return max((f.weight for f in factors), default=1.0) or 1.0


def pull_text(contribution: float) -> str:
    """A signed pull with a real minus sign (U+2212): '+1.5', '0'."""
    if abs(contribution) < 0.005:
        return "0"
    return ("+" if contribution > 0 else "\u2212") + f"{abs(contribution):.1f}"


def _bar(contribution: float, limit: float) -> str:
    """One diverging bar: left of the centre is prompting, right is fine-tuning."""
    width = 100 * min(abs(contribution), limit) / limit
    x = 100 if contribution >= 0 else 100 - width
    kind = "ft" if contribution > 0 else "pe"
    return (f'<svg class="tp-bar" viewBox="0 0 200 10" preserveAspectRatio="none" '
            'aria-hidden="true" focusable="false">'
            f'<rect class="tp-bar-{kind}" x="{x:.1f}" y="1" width="{width:.1f}" height="8"/>'
            '<line class="tp-bar-axis" vector-effect="non-scaling-stroke" x1="100" x2="100" '
            'y1="0" y2="10"/></svg>')


_FAVOURS_WORDS = {"prompt-engineering": "favours prompt engineering",
                  "fine-tuning": "favours fine-tuning", "neutral": "neutral"}


def render_factor_chart(r: Result, page_prefix: str) -> str:
    """Each factor's signed, weighted pull as a diverging bar chart, strongest first."""
    limit = pull_scale(r.factors)
    ordered = sorted(r.factors, key=lambda f: -abs(f.contribution))
    rows: list[str] = []
    neutral: list[str] = []
    for f in ordered:
        favours = f.favours.value
        (neutral if f.contribution == 0 else rows).append(
            f'<li class="tp-factor tp-favours-{_e(favours)}" data-factor="{_e(f.id)}" '
            f'data-contribution="{f.contribution:.3f}">'
            f'<a class="tp-factor-name" href="{_e(page_prefix + f.link)}">{_e(f.label)}</a>'
            f'<span class="tp-factor-bar">{_bar(f.contribution, limit)}</span>'
            f'<span class="tp-factor-pull">{_e(pull_text(f.contribution))}</span>'
            f'<p class="tp-factor-why"><span class="tp-factor-side">'
            f"{_e(_FAVOURS_WORDS.get(favours, favours))}, weight "
            f"{_e(format_number(f.weight))}.</span> {_e(f.explanation)}</p></li>"
        )
    return ('<figure class="tp-factors-figure"><figcaption>Each factor\'s pull: its weight '
            "times how strongly it points one way, strongest first. Bars left of the centre "
            "favour prompt engineering, bars right of it fine-tuning.</figcaption>"
            '<p class="tp-pull-scale" aria-hidden="true"><span>\u2190 prompting</span>'
            "<span>fine-tuning \u2192</span></p>"
            f'<ol class="tp-factors">{"".join(rows)}</ol>{_folded(neutral)}</figure>')


def _folded(rows: list[str]) -> str:
    """The factors that pull neither way, folded under one line: they explain, not decide."""
    if not rows:
        return ""
    noun = "factor" if len(rows) == 1 else "factors"
    return ('<details class="tp-factors-neutral"><summary>'
            f"{len(rows)} neutral {noun}: no pull either way</summary>"
            f'<ol class="tp-factors">{"".join(rows)}</ol></details>')
