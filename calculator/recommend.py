"""The recommendation: verdict, confidence, timeline, warnings, next steps, what would change.

``verdict.py`` decides; this module explains. Everything a reader sees is built
here from the same numbers the decision used (one set of costs, one saving,
one upfront cost), so the verdict, the warnings and the steps cannot disagree.
The sentences themselves live in ``advice.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .advice import next_steps, summary, warnings
from .changes import Change, search_changes
from .costs import Costs, compute_costs
from .factors import FactorResult, evaluate_factors, fine_tuning_weeks_range
from .option_dates import alternative, tune_closed
from .plan import Path, data_needed, decision_costs, fine_tune_month, plan_path
from .preset_fill import preset_notes
from .quality import value_needed_text
from .query import encode_query
from .scenario import Expertise, Scenario
from .schema import FIELD_BY_NAME
from .sources import FigureSource, cost_sources
from .verdict import (
    FINE_TUNING_SCORE,
    PROMPTING_SCORE,
    SCORE_SCALE,
    Blocker,
    Verdict,
    blockers,
    decide,
    score_of,
    verdict_of,
)
from .wording import weeks

__all__ = [
    "FINE_TUNING_SCORE",
    "PROMPTING_SCORE",
    "SCORE_SCALE",
    "Change",
    "Confidence",
    "Result",
    "Timeline",
    "Verdict",
    "agreement_of",
    "blockers",
    "confidence_of",
    "fine_tune_month",
    "recommend",
    "score_of",
    "verdict_of",
]

HIGH_MARGIN = 20.0
"""Score points between the score and the nearest verdict boundary for high confidence."""
MEDIUM_MARGIN = 7.0
"""Score points for medium confidence; closer than this is low."""
MIN_AGREEMENT = 0.65
"""Share of the weighted factor pull that must agree with the verdict to keep its level."""
HIGH_AGREEMENT = 0.75
"""Share of the weighted pull that must agree with the verdict for high confidence."""


class Confidence(StrEnum):
    """How firmly the inputs support the verdict."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


KNOWLEDGE_CONFIDENCE = Confidence.MEDIUM
"""Confidence of the knowledge-gap rule: a certain call, whatever the score says.

Retrieval, not training, closes a knowledge gap, so the score's margin says
nothing about it. It is a gate, so never high (rule 7), and never low either.
"""


@dataclass(frozen=True)
class Timeline:
    """How long each path takes to ship, for this team."""

    prompt_engineering_days: tuple[int, int]
    fine_tuning_weeks: tuple[int, int]
    summary: str


@dataclass(frozen=True)
class Result:
    """Everything the calculator says about one scenario."""

    verdict: Verdict
    confidence: Confidence
    score: float
    summary: str
    factors: tuple[FactorResult, ...]
    costs: Costs
    timeline: Timeline
    next_steps: tuple[str, ...]
    warnings: tuple[str, ...]
    what_would_change: tuple[Change, ...]
    scenario: Scenario
    share_query: str
    fine_tune_month: int | None
    agreement: float = 1.0
    blockers: tuple[Blocker, ...] = ()
    path: Path | None = None
    sources: tuple[FigureSource, ...] = ()
    """Where each price and hosting figure comes from (rule 8)."""

    @property
    def costs_complete(self) -> bool:
        """No figure is left to the reader at a generic default."""
        return not any(f.missing for f in self.sources)
    value_needed: str = ""
    """What each answer must gain for fine-tuning to pay back, in words ("" when nothing)."""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, with the public keys of the design (plus a few extras)."""
        c = self.costs
        return {
            "verdict": self.verdict.value,
            "confidence": self.confidence.value,
            "score": self.score,
            "summary": self.summary,
            "factors": [
                {"id": f.id, "label": f.label, "favours": f.favours.value, "weight": f.weight,
                 "signal": f.signal, "explanation": f.explanation, "link": f.link}
                for f in self.factors
            ],
            "costs": {
                "pe_monthly": _cents(c.pe_monthly), "ft_monthly": _cents(c.ft_monthly),
                "pe_upfront": _cents(c.pe_upfront), "training": _cents(c.training),
                "ft_upfront": _cents(c.ft_upfront), "maintenance": _cents(c.maintenance),
                "break_even_months": (None if c.break_even_months is None
                                      else round(c.break_even_months, 2)),
                "pe_total": _cents(c.pe_total), "ft_total": _cents(c.ft_total),
                "horizon_months": c.horizon_months,
                "retunes": c.retunes, "self_hosted": c.self_hosted,
                "pe_errors_monthly": _cents(c.pe_errors_monthly),
                "ft_errors_monthly": _cents(c.ft_errors_monthly),
                "value_needed_per_request": (None if c.value_needed_per_request is None
                                             else round(c.value_needed_per_request, 6) + 0.0),
            },
            "timeline": {
                "prompt_engineering_days": list(self.timeline.prompt_engineering_days),
                "fine_tuning_weeks": list(self.timeline.fine_tuning_weeks),
                "summary": self.timeline.summary,
            },
            "next_steps": list(self.next_steps),
            "warnings": list(self.warnings),
            "what_would_change": [
                {"field": ch.field, "from": ch.from_value, "to": ch.to_value,
                 "verdict": ch.new_verdict.value, "text": ch.text, "query": ch.query,
                 "kind": ch.kind.value}
                for ch in self.what_would_change
            ],
            "scenario": self.scenario.to_dict(),
            "share_query": self.share_query,
            "fine_tune_month": self.fine_tune_month,
            "agreement": self.agreement,
            "blockers": [b.value for b in self.blockers],
            "sources": {f.field: f.to_dict() for f in self.sources},
            "costs_complete": self.costs_complete,
            "value_needed": self.value_needed,
        }


def _cents(usd: float) -> float:
    """Money in the JSON form, rounded to cents (``+ 0.0`` turns -0.0 into 0.0)."""
    return round(usd, 2) + 0.0


def agreement_of(factors: Sequence[FactorResult], verdict: Verdict) -> float:
    """Share of the weighted pull, 0..1, that points the way the verdict goes.

    A hybrid sits between the two, so any mix of pulls agrees with it.
    """
    toward_ft = sum(f.contribution for f in factors if f.contribution > 0)
    toward_pe = -sum(f.contribution for f in factors if f.contribution < 0)
    total = toward_ft + toward_pe
    if total == 0:
        return 1.0
    if verdict is Verdict.PROMPT_ENGINEERING:
        return toward_pe / total
    if verdict is Verdict.FINE_TUNING:
        return toward_ft / total
    return 1.0


def score_verdict(score: float) -> Verdict:
    """The verdict the score alone would give, before any gate or path rule."""
    if score <= PROMPTING_SCORE:
        return Verdict.PROMPT_ENGINEERING
    return Verdict.FINE_TUNING if score > FINE_TUNING_SCORE else Verdict.HYBRID


def confidence_of(verdict: Verdict, score: float, agreement: float) -> Confidence:
    """How firm the verdict is.

    The score's margin to the nearest verdict boundary sets the level; it drops
    one level when the factors disagree (less than ``MIN_AGREEMENT`` of the
    weighted pull goes the verdict's way). High needs more: the factors agree
    (``HIGH_AGREEMENT``) and the score alone gives this verdict, so no gate or
    path rule had to overrule it. A hybrid is always held back by something,
    so it is never high. Stronger evidence for the verdict only widens the
    margin and the agreement, so it never lowers the level.
    """
    if verdict is Verdict.PROMPT_ENGINEERING:
        margin = PROMPTING_SCORE - score
    elif verdict is Verdict.FINE_TUNING:
        margin = score - FINE_TUNING_SCORE
    else:
        margin = min(score - PROMPTING_SCORE, abs(FINE_TUNING_SCORE - score))
    level = 2 if margin >= HIGH_MARGIN else 1 if margin >= MEDIUM_MARGIN else 0
    if agreement < MIN_AGREEMENT:
        level = max(0, level - 1)
    gated = verdict is Verdict.HYBRID or score_verdict(score) is not verdict
    if gated or agreement < HIGH_AGREEMENT:
        level = min(level, 1)
    return (Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH)[level]


def repaid_in_horizon(c: Costs) -> bool:
    """Fine-tuning's extra cost is repaid inside the horizon, priced error savings included.

    A verdict that rests on a quality need whose gain is not priced cannot be
    certain on cost, so it is never shown with high confidence beside a
    break-even past the horizon.
    """
    return c.break_even_months is not None and c.break_even_months <= c.horizon_months


_PROMPT_DAYS = {Expertise.STRONG: (2, 5), Expertise.SOME: (3, 10), Expertise.NONE: (5, 15)}


def _timeline(s: Scenario, month: int | None) -> Timeline:
    days = _PROMPT_DAYS[s.domain_expertise]
    low, high = fine_tuning_weeks_range(s)
    summary = (f"Prompt engineering ships in about {days[0]} to {days[1]} days; "
               f"fine-tuning takes about {low} to {weeks(high)}")
    if month:
        summary += f", starting once the data is there around month {month}"
    return Timeline(days, (low, high), summary + ".")


def recommend(s: Scenario) -> Result:
    """Apply every factor, gate and rule to ``s`` and explain the outcome."""
    c = compute_costs(s)
    dc = decision_costs(s)
    factors = evaluate_factors(s, c)
    score = score_of(s, dc)
    needed = data_needed(s, dc)
    blocked = blockers(s, dc, needed)
    path = plan_path(s, dc, needed)
    verdict = decide(score, blocked, path.reachable)
    agreement = agreement_of(factors, verdict)
    month = path.data_month
    confidence = confidence_of(verdict, score, agreement)
    if Blocker.KNOWLEDGE in blocked:
        confidence = KNOWLEDGE_CONFIDENCE
    if (confidence is Confidence.HIGH and verdict is Verdict.FINE_TUNING
            and not repaid_in_horizon(c)):
        confidence = Confidence.MEDIUM
    sources = cost_sources(s)
    missing = [f.field for f in sources if f.missing]
    if missing:
        confidence = Confidence.LOW
    platform = _platform_notes(s, path)
    said = summary(s, c, verdict, score, blocked, path)
    if platform:
        platform[0] = ("" if platform[0] in said
                       else f"Fine-tuning on this option is not a path: {platform[0]}.")
    return Result(
        verdict=verdict,
        confidence=confidence,
        score=score,
        summary=" ".join(part for part in [said, *platform[:1]] if part),
        factors=factors,
        costs=c,
        timeline=_timeline(s, month if verdict is Verdict.HYBRID else None),
        next_steps=tuple(next_steps(s, c, verdict, score, blocked, path) + platform[1:]),
        warnings=tuple(warnings(s, c, dc, verdict, path) + preset_notes(s)
                       + _incomplete_note(missing) + _estimate_note(sources)),
        what_would_change=search_changes(s, verdict),
        scenario=s,
        share_query=encode_query(s),
        fine_tune_month=month,
        agreement=round(agreement, 3),
        blockers=tuple(blocked),
        path=path,
        sources=sources,
        value_needed=value_needed_text(s, c),
    )


def _platform_notes(s: Scenario, path: Path) -> list[str]:
    """Rule 9: when a tune on the chosen option is not a path, a sentence saying so for the
    summary and a next step naming an option that is open."""
    why = tune_closed(s, path.switch_month if path.switch_month is not None
                      else fine_tuning_weeks_range(s)[1] / (52 / 12))
    other = alternative(s)
    if why is None or other is None:
        return []
    return [why,
            f"If you fine-tune, compare an option open to a new team on {s.as_of}: "
            f"{other.label} (preset {other.id})."]


def _incomplete_note(missing: list[str]) -> list[str]:
    """Rule 8: the figures the option leaves to the reader, still at a generic default."""
    if not missing:
        return []
    labels = ", ".join(f"{FIELD_BY_NAME[name].label.lower()} ({name})" for name in missing)
    return [f"The cost comparison is incomplete: no source confirms this option's {labels}, "
            "and the value used is the calculator's generic default, another option's "
            "figure. Enter yours; until then confidence is low."]


def _estimate_note(sources: tuple[FigureSource, ...]) -> list[str]:
    """The figures that are labelled estimates, so a reader knows what to check first."""
    names = [f.field for f in sources if f.kind.value == "estimate"]
    if not names:
        return []
    labels = [f"{FIELD_BY_NAME[name].label.lower()} ({name})" for name in names]
    return ["Some figures are estimates, each with its basis on the methodology page: "
            + ", ".join(labels) + "."]
