"""HTML fragments for the calculator page: the form and the result.

The same functions run at build time (the page is useful before and without
Pyodide) and in the browser's worker, so what a reader sees never depends on
which one produced it. Every piece of text is escaped here; the fragments carry
no scripts, no ``style`` attributes and no event handlers, so they are safe to
insert under a strict Content-Security-Policy.

The result reads top down: the verdict at a glance (verdict, confidence,
score, break-even), then warnings, what would change the call, the costs,
the factors and the steps. The form puts the questions that decide most
verdicts first and folds the costs and prices into one section.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from .preset_fill import preset_fields
from .query import format_value
from .recommend import FINE_TUNING_SCORE, PROMPTING_SCORE, Result, Verdict
from .render import field_value_text
from .render_chart import render_cost_chart, render_factor_chart, usd
from .scenario import Scenario
from .schema import FIELD_BY_NAME, FIELDS, FORM_ORDER, Field, FieldKind, Group, format_number
from .sources import PROMPTED_FIELDS, FigureSource, cost_sources
from .wording import months as months_text

__all__ = ["render_form_html", "render_glance_html", "render_result_html", "source_texts"]

_PROMPTED_ORDER = tuple(f.name for f in FIELDS if f.name in PROMPTED_FIELDS)
"""The inputs a prompted-model choice fills, in form order."""

COSTS_GROUP = Group.COSTS
"""The schema group folded into the collapsible "Costs and prices" section."""

TYPING_NOTE = ("Type figures as you would write them: 15k, 2M, 15,000, 15 000 or $20,000; "
               "shares and rates also as a percentage, 50%.")
"""Said once above the form: what :mod:`calculator.typed_number` reads."""

CHANGE_GROUPS = (("lever", "Levers you control"), ("fact", "Facts that would change the call"))
"""Headings for ``what_would_change`` items that carry a ``kind``."""

# The figures named in the costs section's one-line summary, as clauses of
# (words before, field, words after). A field missing from the schema is left out.
_COSTS_SUMMARY: tuple[tuple[tuple[str, str, str], ...], ...] = (
    (("", "monthly_requests", " requests a month"),),
    (("prompted USD ", "base_price_input", ""), ("/", "base_price_output", " per 1M tokens")),
    (("tuned USD ", "tuned_price_input", ""), ("/", "tuned_price_output", "")),
    (("fine-tuning work USD ", "fine_tuning_fixed_cost", ""),),
)


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _list(tag: str, css: str, items: tuple[str, ...]) -> str:
    return f'<{tag} class="{css}">' + "".join(f"<li>{_e(i)}</li>" for i in items) + f"</{tag}>"


def _score_gauge(score: float) -> str:
    """The score's place on the -100..+100 scale, over the three decision bands.

    The bands end at the verdict thresholds (``PROMPTING_SCORE``,
    ``FINE_TUNING_SCORE``), so a marker inside the hybrid band reads "hybrid
    unless a gate or the path decides otherwise".
    """
    x = 100 + max(-100.0, min(100.0, score))
    low, high = 100 + PROMPTING_SCORE, 100 + FINE_TUNING_SCORE
    bands = (("pe", 0.0, low), ("hy", low, high), ("ft", high, 200.0))
    rects = "".join(f'<rect class="tp-gauge-{kind}" x="{start:g}" y="3" '
                    f'width="{end - start:g}" height="6"/>' for kind, start, end in bands)
    ticks = "".join(f'<rect class="tp-gauge-tick" x="{edge - 0.5:g}" y="1" width="1" '
                    'height="10"/>' for edge in (low, high))
    return ('<svg class="tp-gauge" viewBox="0 0 200 12" preserveAspectRatio="none" '
            'aria-hidden="true" focusable="false">' + rects + ticks
            + f'<rect class="tp-gauge-mark" x="{x - 2:.1f}" y="0" width="4" height="12"/></svg>')


def _bands_hint() -> str:
    """The bands in words, from the thresholds: the gauge's legend."""
    low, high = format_number(PROMPTING_SCORE), format_number(FINE_TUNING_SCORE)
    return (f"\u2212100 to {low} prompting, {low} to +{high} hybrid, +{high} to +100 "
            "fine-tuning")


CONFIDENCE_MEANING = ("how much of the evidence agrees with the verdict, and how far the "
                      "score sits from a band's edge")
"""What confidence means, shown next to it."""


def render_glance_html(r: Result, *, heading: bool = True) -> str:
    """Verdict, confidence, score and break-even in one block, readable at a glance.

    It carries no ``id``: the page copies it above the form on narrow screens,
    where ``heading=False`` makes the verdict a paragraph (the result below
    keeps the one heading).
    """
    tag = "h2" if heading else "p"
    c = r.costs
    agrees = ("" if r.verdict is Verdict.HYBRID else
              f" ({round(r.agreement * 100)}% of the weighted evidence agrees)")
    agreement = f'<span class="tp-hint">{_e(CONFIDENCE_MEANING + agrees)}</span>'
    return "".join([
        f'<div class="tp-glance tp-glance--{_e(r.verdict.value)}">',
        f'<{tag} class="tp-verdict"><span class="tp-verdict-kicker">Recommendation</span> '
        f'<span class="tp-verdict-label">{_e(r.verdict.label)}</span></{tag}>',
        '<dl class="tp-meta">',
        f'<div><dt>Confidence</dt><dd class="tp-confidence">{_e(r.confidence.value)}'
        f"{agreement}</dd></div>",
        f'<div><dt>Score</dt><dd class="tp-score">{_e(f"{r.score:+.1f}")}'
        f"{_score_gauge(r.score)}"
        f'<span class="tp-hint tp-bands">{_e(_bands_hint())}</span></dd></div>',
        f'<div><dt>Break-even</dt><dd class="tp-break-even">{_e(months_text(c.break_even_months))}'
        f'<span class="tp-hint">horizon {c.horizon_months} months</span></dd></div>',
        "</dl></div>",
    ])


def _costs_table(r: Result) -> str:
    c = r.costs
    rows: list[tuple[str, float | None, float | None]] = [
        ("Upfront", c.pe_upfront, c.ft_upfront),
        ("of which training", None, c.training),
        ("Per month", c.pe_monthly, c.ft_monthly),
    ]
    if c.pe_errors_monthly or c.ft_errors_monthly:
        rows.append(("of which errors", c.pe_errors_monthly, c.ft_errors_monthly))
    if c.retunes or c.maintenance:
        rows.append((f"Re-tunes ({c.retunes})", None, c.maintenance))
    rows.append((f"Total over {c.horizon_months} months", c.pe_total, c.ft_total))

    def cell(value: float | None) -> str:
        return "<td>\u2013</td>" if value is None else f"<td>{usd(value)}</td>"

    body = "".join(f'<tr><th scope="row">{_e(label)}</th>{cell(pe)}{cell(ft)}</tr>'
                   for label, pe, ft in rows)
    return ('<div class="tp-table-wrap"><table class="tp-table tp-costs"><caption>Costs in USD'
            '</caption><thead><tr><th scope="col">Cost</th><th scope="col">Prompt engineering'
            '</th><th scope="col">Fine-tuning</th></tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def _change_item(ch: object) -> str:
    """One change as a link that applies it; the field's name, before a colon, stands out."""
    field = str(getattr(ch, "field", ""))
    verdict = getattr(ch, "new_verdict", None)
    css = f' class="tp-change--{_e(verdict.value)}"' if isinstance(verdict, Verdict) else ""
    text = str(getattr(ch, "text", ""))
    name, colon, rest = text.partition(": ")
    shown = f"<strong>{_e(name)}</strong>: {_e(rest)}" if colon else _e(text)
    kind = getattr(ch, "kind", None)
    kind_attr = f' data-kind="{_e(str(getattr(kind, "value", kind)))}"' if kind else ""
    return (f'<li{css}{kind_attr}><a href="?{_e(getattr(ch, "query", ""))}" '
            f'data-field="{_e(field)}">{shown}</a></li>')


def _changes(r: Result) -> str:
    changes = tuple(r.what_would_change)
    if not changes:
        return '<p class="tp-changes-none">No single input change flips this verdict.</p>'
    if not any(getattr(ch, "kind", None) for ch in changes):
        return '<ul class="tp-changes">' + "".join(_change_item(ch) for ch in changes) + "</ul>"
    out = []
    known = {kind for kind, _ in CHANGE_GROUPS}
    for kind, title in CHANGE_GROUPS:
        items = [ch for ch in changes if getattr(ch, "kind", None) == kind
                 or (kind == "lever" and getattr(ch, "kind", None) not in known)]
        if items:
            out.append(f'<h4 class="tp-changes-kind">{_e(title)}</h4><ul class="tp-changes">'
                       + "".join(_change_item(ch) for ch in items) + "</ul>")
    return "".join(out)


def _print_inputs(r: Result) -> str:
    """Every input and its value, for paper only (the stylesheet hides it on screen, where
    the form shows them): a printed result must say what it was computed from."""
    values = r.scenario.to_dict()
    rows = "".join(
        f'<tr><th scope="row">{_e(f.label)}</th><td>{_e(field_value_text(f, values[f.name]))}'
        "</td></tr>" for f in FORM_ORDER)
    return ('<section class="tp-print-inputs"><h3>Inputs</h3>'
            f'<table class="tp-inputs-table"><tbody>{rows}</tbody></table></section>')


def render_result_html(r: Result, page_prefix: str = "../", *,
                       base_url: str | None = None) -> str:
    """The result region's content: verdict, costs, chart, factors, steps and changes.

    ``page_prefix`` is the relative path from the page showing the result to the
    site root ("../" from ``calculator/``), so guidance links work on any host
    and offline. ``base_url`` is accepted as another name for it.
    """
    prefix = page_prefix if base_url is None else base_url
    c = r.costs
    share = f"?{r.share_query}" if r.share_query else "?"
    out = [
        f'<div class="tp-result tp-result--{_e(r.verdict.value)}" '
        f'data-verdict="{_e(r.verdict.value)}">',
        render_glance_html(r),
        f'<p class="tp-summary">{_e(r.summary)}</p>',
        _print_inputs(r),
    ]
    if r.value_needed:
        out.append(f'<p class="tp-value-needed">{_e(r.value_needed)}</p>')
    if r.warnings:
        out.append('<div class="tp-warnings"><h3>Warnings</h3>'
                   + _list("ul", "tp-warning-list", r.warnings) + "</div>")
    out += [
        # The one heading with an id: the site's search would index it as a section of
        # the page even inside the excluded result region, unless excluded itself.
        '<h3 id="tp-changes-title" data-search-exclude>What would change the verdict</h3>',
        _changes(r),
        f"<h3>Costs over {c.horizon_months} months</h3>",
        _costs_table(r),
        f'<figure class="tp-figure">{render_cost_chart(r)}</figure>',
        "<h3>Why: the factors</h3>",
        render_factor_chart(r, prefix),
        "<h3>Timeline</h3>",
        f'<p class="tp-timeline">{_e(r.timeline.summary)}</p>',
        "<h3>Next steps</h3>",
        _list("ol", "tp-steps", r.next_steps),
        f'<p class="tp-share">Link to this result: <a class="tp-share-link" '
        f'href="{_e(share)}">{_e(share if r.share_query else "default inputs")}</a></p>',
        "</div>",
    ]
    return "".join(out)


def source_text(source: FigureSource) -> str:
    """Where one price came from, in the words the form shows under its input."""
    text = f"From: {source.kind.label}"
    if source.by not in ("reader", "default"):
        text += f" ({source.by}, checked {source.checked})"
    if source.missing:
        text += ": this option has no confirmed figure; enter yours"
    return text + "."


def source_texts(s: Scenario) -> dict[str, str]:
    """Field name to the source line the form shows under that price or hosting input."""
    return {source.field: source_text(source) for source in cost_sources(s)}


def _help_text(field: Field) -> str:
    """A field's help as prose: a select already shows its choices in words, so it gets no
    list of machine values; a typed field says what it accepts."""
    if field.kind is FieldKind.CHOICE:
        return field.help
    return f"{field.help} Accepts {field.describe_range()}."


def _field_html(field: Field, value: int | float | str, error: str,
                source: str = "") -> list[str]:
    fid = f"f-{field.name}"
    described = f"{fid}-help {fid}-error" + (f" {fid}-source" if source else "")
    invalid = ' aria-invalid="true"' if error else ""
    unit = f' <span class="tp-unit">({_e(field.unit)})</span>' if field.unit else ""
    out = [f'<div class="tp-field{" tp-field--invalid" if error else ""}">',
           f'<label for="{fid}">{_e(field.label)}{unit}</label>']
    if field.kind is FieldKind.CHOICE:
        # The preset select names the inputs it fills, so the page can hand them
        # over to a newly chosen preset.
        fills = (f' data-fills="{_e(" ".join(preset_fields()))}"'
                 if field.name == "preset" else
                 f' data-fills="{_e(" ".join(_PROMPTED_ORDER))}"'
                 if field.name == "prompt_preset" else "")
        out.append(f'<select id="{fid}" name="{field.name}" '
                   f'aria-describedby="{described}"{invalid}{fills}>')
        for choice in field.choices:
            selected = " selected" if choice.value == value else ""
            out.append(f'<option value="{_e(choice.value)}"{selected}>'
                       f"{_e(choice.label)}</option>")
        out.append("</select>")
    elif field.kind is FieldKind.DATE:
        # Plain text, not type="date": one tab stop like every other input, and
        # the same ISO text in the form, the link and the CLI.
        out.append(f'<input id="{fid}" name="{field.name}" type="text" '
                   f'autocomplete="off" spellcheck="false" placeholder="YYYY-MM-DD" '
                   f'value="{_e(str(value))}" '
                   f'aria-describedby="{described}"{invalid}>')
    else:
        mode = "numeric" if field.kind is FieldKind.INT else "decimal"
        out.append(f'<input id="{fid}" name="{field.name}" type="text" '
                   f'inputmode="{mode}" autocomplete="off" spellcheck="false" '
                   f'value="{_e(format_value(value))}" '
                   f'aria-describedby="{described}"{invalid}>')
    out.append(f'<p class="tp-help" id="{fid}-help">{_e(_help_text(field))}</p>')
    if source:
        # The page keeps this line in step with each answer (``sources`` of ``compute``).
        out.append(f'<p class="tp-source" id="{fid}-source" data-source-field="{field.name}">'
                   f"{_e(source)}</p>")
    out.append(f'<p class="tp-error" id="{fid}-error">{_e(error)}</p>')
    out.append("</div>")
    return out


def _costs_summary(values: Mapping[str, object]) -> str:
    """One line of the current cost figures, shown while the section is folded.

    Each figure sits in a ``data-summary-field`` span, so the page can keep the
    line in step with what is typed without knowing these words.
    """
    clauses = []
    for clause in _COSTS_SUMMARY:
        parts = []
        for before, name, after in clause:
            if name not in FIELD_BY_NAME or FIELD_BY_NAME[name].group is not COSTS_GROUP:
                continue  # a figure shown open elsewhere in the form needs no summary
            value = values[name]
            shown = format_number(value) if isinstance(value, (int, float)) else str(value)
            parts.append(f'{_e(before)}<span data-summary-field="{name}">{_e(shown)}</span>'
                         f"{_e(after)}")
        if parts:
            clauses.append("".join(parts))
    return f'<span class="tp-costs-line">{"; ".join(clauses)}</span>'


def render_form_html(s: Scenario, errors: Mapping[str, str] | None = None, *,
                     costs_head: str = "") -> str:
    """The calculator form, one fieldset per group, values from ``s``.

    The groups that decide most verdicts come first, open. The costs group
    sits in a ``<details>`` section, folded, with a one-line summary of its
    figures; it is rendered open when one of its fields has an error.
    ``costs_head`` is HTML placed first inside that section (a preset picker).

    Numbers use ``type="text"`` with ``inputmode``: the browser's number input
    rejects "1,000" and hides what was typed, whereas the calculator accepts it
    and reports anything it cannot read with a message naming the field.
    """
    errors = errors or {}
    values = s.to_dict()
    sources = source_texts(s)
    # A reset button restores the defaults the form was rendered with (the page's script
    # then recomputes); it works without the script too.
    out = ['<form class="tp-form" id="calculator-form" novalidate method="get" action="">',
           '<div class="tp-form-head">'
           f'<p class="tp-form-note">{_e(TYPING_NOTE)}</p>'
           '<button class="md-button tp-reset" type="reset">Reset to defaults</button></div>']
    for group in Group:
        fields = [f for f in FIELDS if f.group is group]
        body = [line for f in fields for line in _field_html(
            f, values[f.name], errors.get(f.name, ""), sources.get(f.name, ""))]
        fieldset = [f'<fieldset class="tp-group"><legend>{_e(group.value)}</legend>', *body,
                    "</fieldset>"]
        if group is not COSTS_GROUP:
            out += fieldset
            continue
        opened = " open" if any(errors.get(f.name) for f in fields) else ""
        out += [f'<details class="tp-costs-section" id="calculator-costs"{opened}>',
                '<summary><span class="tp-costs-title">Costs and prices</span> '
                f"{_costs_summary(values)}</summary>",
                f'<div class="tp-costs-body">{costs_head}', *fieldset, "</div></details>"]
    # The pinned scenario A of a comparison (see ``compare``): the page's script
    # enables it and sets its value; disabled, it is left out of the query.
    out.append('<input type="hidden" name="pin" id="calculator-pin" value="" disabled>')
    out.append('<p class="tp-actions"><button class="md-button md-button--primary" '
               'type="submit">Recalculate</button></p></form>')
    return "\n".join(out)
