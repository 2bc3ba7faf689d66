"""Macros for the scenario gallery page: every row comes from ``calculator.gallery``.

The verdicts shown are computed by the calculator at build time, and the build
fails if one of them differs from the verdict the gallery expects, so the page
can never show a team the model no longer agrees with.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import calculator
from calculator.gallery import GALLERY, Team
from calculator.render import escape_markdown, field_value_text

__all__ = ["MACROS", "gallery_count", "scenario_details", "scenario_gallery"]


def _result(team: Team) -> Any:
    """The team's result; a verdict that differs from the gallery's fails the build."""
    result = calculator.recommend(team.scenario)
    if result.verdict is not team.verdict:
        raise ValueError(f"gallery team {team.id!r}: the calculator now says "
                         f"{result.verdict.value}, the gallery expects {team.verdict.value}")
    return result


def _calculator_link(team: Team) -> str:
    """A link to the calculator opened on the team's inputs."""
    return f"calculator.md?{team.query}" if team.query else "calculator.md"


def gallery_count() -> str:
    """How many teams the gallery holds, for prose."""
    return str(len(GALLERY))


def scenario_gallery() -> str:
    """The overview table: team (with a link that opens it in the calculator), verdict, why.

    Three columns, so the table stays readable on a phone.
    """
    rows = ["| Team | Verdict | Why |", "| --- | --- | --- |"]
    for team in GALLERY:
        result = _result(team)
        rows.append(
            f"| [{escape_markdown(team.name)}](#{team.id})<br>"
            f"_[Open in the calculator]({_calculator_link(team)})_ | "
            f"**{escape_markdown(result.verdict.label)}** | {escape_markdown(team.why)} |"
        )
    return "\n".join(rows) + "\n"


def scenario_details() -> str:
    """One section per team: story, changed inputs, the verdict and the calculator's words."""
    out = []
    fields = calculator.FIELD_BY_NAME
    for team in GALLERY:
        result = _result(team)
        values = team.scenario.to_dict()
        inputs = "; ".join(
            f"{escape_markdown(fields[name].label)}: "
            f"{escape_markdown(field_value_text(fields[name], values[name]))}"
            for name in (f.name for f in calculator.FIELDS) if name in team.inputs
        )
        out += [
            f"### {escape_markdown(team.name)} {{#{team.id}}}",
            "",
            escape_markdown(team.story),
            "",
            f"- **Inputs that differ from the defaults:** {inputs}.",
            f"- **Verdict:** {escape_markdown(result.verdict.label)}, confidence "
            f"{result.confidence.value}, score {result.score:+.1f}.",
            f"- **Why:** {escape_markdown(team.why)}",
            f"- **The calculator's summary:** {escape_markdown(result.summary)}",
            "",
            f"[Open this team in the calculator]({_calculator_link(team)})",
            "",
        ]
    return "\n".join(out)


MACROS: tuple[Callable[..., Any], ...] = (gallery_count, scenario_gallery, scenario_details)
