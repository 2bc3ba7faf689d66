"""The design review checklist: one source for the page, the summary and the copy to paste."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

__all__ = ["CHECKLIST", "MACROS", "review_checklist", "review_checklist_markdown"]


CHECKLIST: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("The need", (
        "The gap is stated as [behaviour or knowledge](decision.md#knowledge-vs-behaviour); "
        "knowledge gaps have a retrieval plan.",
        "The task is classed as [general](prompt-engineering.md#general-tasks) or "
        "[domain-specific](fine-tuning.md#domain-specific-tasks), with examples of hard inputs.",
        "Required [consistency](fine-tuning.md#consistent-outputs) and "
        "[latency](fine-tuning.md#latency-requirements) are stated as numbers (error rate, "
        "p95 response time).",
        "The [data policy](fine-tuning.md#privacy-concerns) says whether data may leave our "
        "infrastructure.",
    )),
    ("The evidence", (
        "An [evaluation set](decision.md#evaluation-maturity) exists, with how it is scored.",
        "The best prompt has been measured on it: that is the baseline.",
        "The number of quality examples is known, against the "
        "[limited data](prompt-engineering.md#limited-data) and "
        "[large dataset](fine-tuning.md#large-datasets) thresholds.",
        "The rate of new examples per month is known, and how they are "
        "[collected](hybrid.md#collect-data).",
        "A [smaller or cheaper model](prompt-engineering.md#smaller-model) has been measured "
        "with the best prompt, so tuning is not credited with the saving of switching models.",
    )),
    ("The numbers", (
        "Monthly cost of both approaches, the upfront cost and the "
        "[break-even](decision.md#budget) are computed with current prices.",
        "The break-even falls within the planning horizon and before the "
        "[base model's retirement](decision.md#model-lifetime).",
        "The [timeline](decision.md#timeline) fits the deadline, including data preparation "
        "and evaluation.",
        "The [team](decision.md#team-expertise) has, or will get, the skills the approach "
        "needs.",
        "[Re-tunes](decision.md#retune-cost) inside the horizon are priced: the retraining "
        "interval, and the base model's retirement.",
        "[Platform risk](decision.md#platform-risk) is stated: how long the service will train "
        "and serve the model, and whether its weights can be exported.",
    )),
    ("The plan", (
        "The [hybrid path](hybrid.md) is considered: what ships with prompts now, and when "
        "fine-tuning would start.",
        "The switch to a tuned model depends on beating the baseline on the evaluation set.",
        "Prompts stay maintained after fine-tuning, for "
        "[edge cases](hybrid.md#keep-optimising-prompts).",
        "The smallest changes that would flip the decision are listed, each with an owner.",
        "[Maintenance](decision.md#maintenance) has an owner: regression evaluation, drift "
        "monitoring and a retraining schedule.",
    )),
)
"""The review checklist: (group, items), items in Markdown with links to the guidance.

Items are numbered through the whole list and cited by number (``#check-6``):
add new items at the end, never in between."""


_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def review_checklist() -> str:
    """The checklist as task lists, one per group, each checkbox named by its item.

    Material's task lists leave the checkbox without an accessible name, so
    the list is written as HTML here: every checkbox is labelled by its item's
    text (``aria-labelledby``), and the item text is still Markdown, so its
    links are checked by the strict build. Items are numbered through the
    whole checklist and each has its own anchor (``#check-6``), with the
    number as its permalink, so a review can cite "item 6".
    """
    out = []
    number = 0
    for group, items in CHECKLIST:
        group_id = f"checklist-{_slug(group.removeprefix('The '))}"
        out += [f"### {group} {{#{group_id}}}", "",
                '<ul class="task-list tp-checklist" markdown="1">']
        for index, item in enumerate(items, start=1):
            number += 1
            anchor = f"check-{number}"
            text_id = f"{group_id}-{index}"
            out.append(
                f'<li class="task-list-item" id="{anchor}" markdown="span">'
                f'<label class="task-list-control">'
                f'<input type="checkbox" disabled aria-labelledby="{text_id}">'
                f'<span class="task-list-indicator"></span></label> '
                f'<a class="tp-check-number" href="#{anchor}" '
                f'title="Link to item {number}">{number}.</a> '
                f'<span id="{text_id}">{item}</span></li>'
            )
        out += ["</ul>", ""]
    return "\n".join(out)


def review_checklist_markdown() -> str:
    """The same checklist as one Markdown task list to paste into a review."""
    lines = []
    number = 0
    for group, items in CHECKLIST:
        lines += [f"**{group}**", ""]
        for item in items:
            number += 1
            lines.append(f"- [ ] {number}. " + _MD_LINK.sub(r"\1", item))
        lines.append("")
    return "```markdown\n" + "\n".join(lines).rstrip() + "\n```\n"


MACROS: tuple[Callable[..., Any], ...] = (
    review_checklist,
    review_checklist_markdown,
)
