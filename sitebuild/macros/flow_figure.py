"""The overview's decision flow: a build-time SVG and the same flow as a list.

No client-side diagram library (the theme's Mermaid would come from a CDN):
the figure is drawn here from ``calculator.flow``.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from sitebuild.macros.text import calculator_module as _module

__all__ = ["MACROS", "decision_flow"]


def _flow_details() -> list[str]:
    """What each question weighs, in the order of ``_flow_steps``."""
    return [step.detail for step in _module("flow").FLOW]


def _narrow_flow_svg(steps: list[tuple[str, tuple[str, ...], str, tuple[str, ...], str]],
                     end: tuple[str, ...]) -> str:
    """The same flow stacked for a phone: each outcome below its question, drawn 360 units
    wide, so its text keeps about its CSS size (15 px, labels 13 px) in a 358 px column.

    Shown instead of the wide drawing on narrow screens (extra.css); ids of its own.
    """
    width, line_h, pad, gap = 360, 18, 14, 34
    q_x, q_w, o_x, o_w = 4, 352, 96, 260
    go_x, exit_x = 40, 226
    out: list[str] = []
    y = 4.0

    def box(css: str, x: float, top: float, w: float, lines: tuple[str, ...], rx: int) -> float:
        h = len(lines) * line_h + 2 * pad
        first = top + pad + line_h - 4
        spans = "".join(f'<tspan x="{x + w / 2:g}" y="{first + i * line_h:g}">{escape(t)}</tspan>'
                        for i, t in enumerate(lines))
        out.append(f'<rect class="{css}" x="{x}" y="{top:g}" width="{w}" height="{h}" '
                   f'rx="{rx}"/><text class="tp-flow-text" text-anchor="middle">{spans}</text>')
        return top + h

    for _qid, question, exit_answer, outcome, _page in steps:
        bottom = box("tp-flow-question", q_x, y, q_w, question, 8)
        other = "No" if exit_answer == "Yes" else "Yes"
        out.append(f'<line class="tp-flow-edge" x1="{exit_x}" y1="{bottom:g}" x2="{exit_x}" '
                   f'y2="{bottom + gap - 2:g}" marker-end="url(#tp-flow-arrow-narrow)"/>'
                   f'<text class="tp-flow-label" x="{exit_x + 8}" y="{bottom + 22:g}">'
                   f"{exit_answer}</text>")
        after = box("tp-flow-outcome", o_x, bottom + gap, o_w, outcome, 20)
        out.append(f'<line class="tp-flow-edge" x1="{go_x}" y1="{bottom:g}" x2="{go_x}" '
                   f'y2="{after + gap - 2:g}" marker-end="url(#tp-flow-arrow-narrow)"/>'
                   f'<text class="tp-flow-label" x="{go_x + 8}" y="{bottom + 22:g}">'
                   f"{other}</text>")
        y = after + gap
    height = box("tp-flow-final", q_x, y, q_w, end, 20) + 4
    return (f'<svg class="tp-flow-svg-narrow" viewBox="0 0 {width} {height:g}" role="img" '
            'aria-labelledby="tp-flow-title-narrow tp-flow-desc-narrow" '
            'xmlns="http://www.w3.org/2000/svg">'
            '<title id="tp-flow-title-narrow">Decision flow: prompt engineering, hybrid or '
            "fine-tuning</title>"
            f'<desc id="tp-flow-desc-narrow">{len(steps)} questions asked in order; each may '
            "end at an outcome below it. Passing them all leads to the box at the bottom."
            "</desc>"
            '<defs><marker id="tp-flow-arrow-narrow" viewBox="0 0 10 10" refX="9" refY="5" '
            'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
            '<path class="tp-flow-head" d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>'
            + "".join(out) + "</svg>")


def _flow_steps() -> list[tuple[str, tuple[str, ...], str, tuple[str, ...], str]]:
    """(question id, question lines, "exit" answer, outcome lines, outcome page).

    Read from ``calculator.flow``, which states each question as the verdict rule
    it is, so the drawing follows the calculator when its rules change.
    """
    flow = _module("flow")
    return [(step.id, step.question, step.exit_answer, step.outcome, step.page)
            for step in flow.FLOW]


def decision_flow(with_steps: bool = True) -> str:
    """The overview's decision flow: an accessible inline SVG plus the same flow as a list.

    ``with_steps=False`` leaves the list out (the one-page summary prints the figure
    only; its checklist carries the same links).

    Drawn at build time from the calculator's thresholds, styled only through
    CSS classes (``tp-flow-*``), so it needs no script, no other origin and no
    inline styles, follows the light and dark palettes and prints.
    """
    steps = _flow_steps()
    q_x, q_w, o_x, o_w, row_h, box_h, top = 10, 330, 410, 300, 110, 78, 10
    line_h = 18
    parts = [
        '<figure class="tp-flow">',
        '<svg class="tp-flow-svg" viewBox="0 0 720 {h}" role="img" '
        'aria-labelledby="tp-flow-title tp-flow-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="tp-flow-title">Decision flow: prompt engineering, hybrid or fine-tuning'
        "</title>",
        f'<desc id="tp-flow-desc">{len(steps)} questions asked in order; each may end at an '
        "outcome on the right. Passing them all leads to the box at the bottom. The same flow "
        "is written out in the list below the figure.</desc>",
        '<defs><marker id="tp-flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path class="tp-flow-head" d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>',
    ]

    def text_block(x: float, y_mid: float, lines: tuple[str, ...], css: str) -> str:
        first = y_mid - (len(lines) - 1) * line_h / 2 + 5
        spans = "".join(
            f'<tspan x="{x:g}" y="{first + i * line_h:g}">{escape(line)}</tspan>'
            for i, line in enumerate(lines))
        return f'<text class="{css}" text-anchor="middle">{spans}</text>'

    for i, (_qid, question, exit_answer, outcome, _page) in enumerate(steps):
        y = top + i * row_h
        mid = y + box_h / 2
        parts.append(f'<rect class="tp-flow-question" x="{q_x}" y="{y}" width="{q_w}" '
                     f'height="{box_h}" rx="8"/>')
        parts.append(text_block(q_x + q_w / 2, mid, question, "tp-flow-text"))
        parts.append(f'<rect class="tp-flow-outcome" x="{o_x}" y="{y}" width="{o_w}" '
                     f'height="{box_h}" rx="20"/>')
        parts.append(text_block(o_x + o_w / 2, mid, outcome, "tp-flow-text"))
        parts.append(f'<line class="tp-flow-edge" x1="{q_x + q_w}" y1="{mid:g}" x2="{o_x - 2}" '
                     f'y2="{mid:g}" marker-end="url(#tp-flow-arrow)"/>')
        parts.append(f'<text class="tp-flow-label" x="{(q_x + q_w + o_x) / 2:g}" '
                     f'y="{mid - 8:g}" text-anchor="middle">{exit_answer}</text>')
        down_x = q_x + q_w / 2
        parts.append(f'<line class="tp-flow-edge" x1="{down_x:g}" y1="{y + box_h}" '
                     f'x2="{down_x:g}" y2="{y + row_h - 2}" marker-end="url(#tp-flow-arrow)"/>')
        other = "No" if exit_answer == "Yes" else "Yes"
        parts.append(f'<text class="tp-flow-label" x="{down_x + 10:g}" '
                     f'y="{y + box_h + (row_h - box_h) / 2 + 5:g}">{other}</text>')
    y = top + len(steps) * row_h
    parts.append(f'<rect class="tp-flow-final" x="{q_x}" y="{y}" width="{q_w}" '
                 f'height="{box_h}" rx="20"/>')
    end = _module("flow").FLOW_END
    parts.append(text_block(q_x + q_w / 2, y + box_h / 2, end.outcome, "tp-flow-text"))
    height = y + box_h + top
    parts += ["</svg>", _narrow_flow_svg(steps, end.outcome),
              '<figcaption>The decision flow at a glance; the '
              "same flow, with links, follows in words.</figcaption>", "</figure>"]
    svg = "".join(parts).replace("{h}", str(height))
    if not with_steps:
        return (svg.replace(" The same flow is written out in the list below the figure.", "")
                .replace("; the same flow, with links, follows in words.", ".") + "\n")

    items = []
    details = _flow_details()
    for i, (_qid, question, exit_answer, outcome, page) in enumerate(steps, start=1):
        q = " ".join(question)
        o = " ".join(outcome)
        weighs = f" (It weighs {details[i - 1]}.)" if details[i - 1] else ""
        items.append(f"{i}. **{q}**{weighs} {exit_answer}: [{o}]({page}). Otherwise go on.")
    items.append(f"{len(steps) + 1}. None of these sent you elsewhere: "
                 f"[{' '.join(end.outcome)}]({end.page}).")
    return svg + "\n\n" + "\n".join(items) + "\n"


MACROS: tuple[Callable[..., Any], ...] = (
    decision_flow,
)
