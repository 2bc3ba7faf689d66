"""The decision record on the checklist page, straight from the calculator's renderer.

The example is the export of the default inputs; the template has exactly the
export's headings, so the two cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import calculator

__all__ = ["MACROS", "decision_record_example", "decision_record_template"]


def _default_record(site_url: str | None = None) -> str:
    result = calculator.recommend(calculator.Scenario())
    return str(calculator.render_markdown(result, site_url or calculator.DEFAULT_BASE_URL))


_TEMPLATE_PROMPTS = {
    "Context": "What the feature does, who uses it, and the inputs the decision rests on.",
    "Costs": "Upfront, per month and total over the horizon for both approaches; "
             "the break-even month and the timeline.",
    "Where the figures come from": "Each price and hosting figure: the option's own, a "
                                   "labelled estimate, a default or your entry, with its "
                                   "page and date.",
    "Factors": "One row per factor: what it favours, its weight and why, with a link "
               "to the guidance.",
    "Warnings": "Risks the reviewers must accept or remove.",
    "What would change the decision": "The smallest changes in the inputs that would "
                                      "flip it, and who watches for them.",
    "Next steps": "Who does what by when; when to revisit the decision.",
}


_LABEL_LINE = re.compile(r"^(\*\*[^*]+:\*\*)")


def decision_record_template() -> str:
    """A blank decision record with exactly the headings of the calculator's export.

    Headings are copied from the export of the default inputs; the lines before
    the first section keep their bold labels with the values blanked, and each
    section gets a prompt saying what goes in it. A section the template does
    not know fails the build until it is described here.
    """
    groups = {group.value for group in calculator.Group}
    lines: list[str] = []
    section = False
    for line in _default_record().splitlines():
        if line.startswith("# "):
            lines += [line, ""]
        elif line.startswith("## "):
            section = True
            title = line[3:]
            if title not in _TEMPLATE_PROMPTS:
                raise KeyError(f"the decision record has a new section {title!r}: "
                               "describe it in the checklist template")
            lines += ["", line, "", f"<!-- {_TEMPLATE_PROMPTS[title]} -->"]
        elif line.startswith("### "):
            if line[4:] not in groups:
                raise KeyError(f"unexpected sub-heading in the decision record: {line!r}")
            lines += ["", line, "", "| Input | Value |", "| --- | --- |"]
        elif not section:
            label = _LABEL_LINE.match(line)
            if label:
                lines.append(f"{label.group(1)} <fill in>  ")
            elif line.strip():
                lines += ["", "<One sentence: what you will do, and what holds anything back.>"]
    return "````markdown\n" + "\n".join(lines).replace("  \n\n", "\n\n") + "\n````\n"


def decision_record_example(site_url: str | None = None) -> str:
    """The calculator's Markdown export for its default inputs, in a copyable block."""
    return f"````markdown\n{_default_record(site_url)}````\n"


MACROS: tuple[Callable[..., Any], ...] = (
    decision_record_template,
)
