"""The recommendation: verdict, confidence, timeline, warnings, next steps, what would change.

``verdict.py`` decides; this module explains. Everything a reader sees is built
here from the same scenario, so the verdict, the warnings and the steps can
never disagree with each other.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from .changes import Change, search_changes
from .costs import Costs, compute_costs
from .factors import LIMITED_DATA_THRESHOLD, FactorResult, evaluate_factors, fine_tuning_weeks
from .preset_fill import preset_notes
from .query import encode_query
from .scenario import DataPolicy, Evals, Expertise, Gap, Scenario
from .schema import format_number
from .verdict import (
    FINE_TUNING_SCORE,
    MONTH_CAP,
    PROMPTING_SCORE,
    SCORE_SCALE,
    Blocker,
    Verdict,
    blockers,
    decide,
    fine_tune_month,
    score_of,
    verdict_of,
)

__all__ = [
    "FINE_TUNING_SCORE",
    "PROMPTING_SCORE",
    "SCORE_SCALE",
    "Change",
    "Confidence",
    "Result",
    "Timeline",
    "Verdict",
    "blockers",
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
FRAGILE_CHANGE = 0.05
"""A flip within this change size (about 12% on one number) caps confidence at low."""
SENSITIVE_CHANGE = 0.15
"""A flip within this change size (about 40% on one number) caps confidence at medium."""


class Confidence(StrEnum):
    """How firmly the inputs support the verdict."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


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
                "pe_monthly": c.pe_monthly, "ft_monthly": c.ft_monthly,
                "ft_upfront": c.ft_upfront, "break_even_months": c.break_even_months,
                "pe_total": c.pe_total, "ft_total": c.ft_total,
                "horizon_months": c.horizon_months,
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
                 "verdict": ch.new_verdict.value, "text": ch.text, "query": ch.query}
                for ch in self.what_would_change
            ],
            "scenario": self.scenario.to_dict(),
            "share_query": self.share_query,
            "fine_tune_month": self.fine_tune_month,
            "agreement": self.agreement,
            "blockers": [b.value for b in self.blockers],
        }


def _n(value: float) -> str:
    return format_number(round(value, 1) if isinstance(value, float) else value)


def _join(words: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(words)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def agreement_of(factors: Sequence[FactorResult], verdict: Verdict) -> float:
    """Share of the weighted pull, 0..1, that points the way the verdict goes.

    A hybrid sits between the two, so for it the measure is how balanced the
    pull is toward fine-tuning: mostly fine-tuning needs (held back by gates)
    agree with it as much as a mix does.
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


def confidence_of(verdict: Verdict, score: float, agreement: float,
                  nearest_change: float | None = None) -> Confidence:
    """How firm the verdict is, from three views of the same question.

    The score's margin to the nearest verdict boundary sets the level; it drops
    one level when the factors disagree (less than ``MIN_AGREEMENT`` of the
    weighted pull goes the verdict's way), and it is capped when a small change
    of one input (``nearest_change``, the size of the smallest flip found)
    would already flip the verdict, since gates can sit close to a boundary
    even when the score does not.
    """
    if verdict is Verdict.PROMPT_ENGINEERING:
        margin = PROMPTING_SCORE - score
    elif verdict is Verdict.FINE_TUNING:
        margin = score - FINE_TUNING_SCORE
    else:
        margin = min(score - PROMPTING_SCORE, abs(FINE_TUNING_SCORE - score))
    levels = (Confidence.LOW, Confidence.MEDIUM, Confidence.HIGH)
    level = 2 if margin >= HIGH_MARGIN else 1 if margin >= MEDIUM_MARGIN else 0
    if agreement < MIN_AGREEMENT:
        level = max(0, level - 1)
    if nearest_change is not None:
        if nearest_change < FRAGILE_CHANGE:
            level = 0
        elif nearest_change < SENSITIVE_CHANGE:
            level = min(level, 1)
    return levels[level]


def _timeline(s: Scenario, month: int | None) -> Timeline:
    days = {Expertise.STRONG: (2, 5), Expertise.SOME: (3, 10),
            Expertise.NONE: (5, 15)}[s.domain_expertise]
    weeks = fine_tuning_weeks(s)
    high = weeks + math.ceil(weeks / 2)
    summary = (f"Prompt engineering ships in about {days[0]} to {days[1]} days; "
               f"fine-tuning takes about {weeks} to {high} weeks")
    if month:
        summary += f", starting once the data is there around month {month}"
    return Timeline(days, (weeks, high), summary + ".")


def _warnings(s: Scenario, c: Costs, verdict: Verdict) -> list[str]:
    out = []
    weeks = fine_tuning_weeks(s)
    leaning_ft = verdict is not Verdict.PROMPT_ENGINEERING
    if s.examples < LIMITED_DATA_THRESHOLD and leaning_ft:
        out.append(f"Fine-tuning now, on {_n(s.examples)} examples (under "
                   f"{_n(LIMITED_DATA_THRESHOLD)}), risks a model that memorises its examples "
                   "instead of generalising.")
    if s.evals is Evals.NONE:
        out.append("There is no evaluation set, so no change of prompt or model can be "
                   "judged and fine-tuning is not recommended until one exists.")
    if s.gap is Gap.KNOWLEDGE:
        out.append("The gap is missing or changing knowledge: retrieval (RAG) keeps facts "
                   "current, whereas fine-tuning bakes in a snapshot and does not fix it.")
    be = c.break_even_months
    if s.model_lifetime_months and be is not None and be > s.model_lifetime_months:
        out.append(f"Break-even after {_n(be)} months comes later than the base model's "
                   f"retirement at {s.model_lifetime_months} months, so it never pays back.")
    if s.data_policy is DataPolicy.MUST_STAY_INTERNAL and s.tuned_hosting_monthly == 0:
        out.append("Data must stay internal, yet the costs assume a cloud API with per-token "
                   "prices and no hosting fee: price a self-hosted model "
                   "(tuned_hosting_monthly), since a prompted cloud model sends data out too.")
    if leaning_ft and s.deadline_weeks < weeks:
        out.append(f"The {_n(s.deadline_weeks)}-week deadline is shorter than the roughly "
                   f"{weeks} weeks fine-tuning takes this team, so ship with prompts first.")
    if leaning_ft:
        if be is None:
            out.append("The tuned model costs as much as prompting or more each month, so "
                       "fine-tuning never pays back on cost alone.")
        elif be > s.horizon_months:
            out.append(f"Break-even after {_n(be)} months is beyond your "
                       f"{s.horizon_months}-month horizon.")
        if s.upfront_budget < c.ft_upfront:
            out.append(f"The upfront budget of USD {_n(s.upfront_budget)} does not cover "
                       f"fine-tuning's USD {_n(c.ft_upfront)}.")
    return out


def _hybrid_step(s: Scenario, month: int | None, be_at_month: float | None,
                 blocked: Sequence[Blocker], score: float) -> str:
    """When to fine-tune on the hybrid path, and what must be true by then."""
    others = [b.remedy for b in blocked if b is not Blocker.DATA]
    if month == 0:
        if others:
            return f"You already have {_n(s.examples)} examples: {_join(others)}, then fine-tune."
        return (f"You already have {_n(s.examples)} examples, but the case is moderate "
                f"(score {score:+.1f}): fine-tune when a pilot beats the prompted baseline on "
                "the evaluation set.")
    if month is None:
        return (f"At {_n(s.examples_per_month)} new examples a month you will not reach "
                f"{_n(LIMITED_DATA_THRESHOLD)} quality examples within {MONTH_CAP} months: "
                "collect faster, or stay with prompts.")
    pay = (f", which pays back in about {_n(be_at_month)} months from then"
           if be_at_month is not None else
           ", though on these prices fine-tuning never pays back on cost alone")
    before = f" Before then, {_join(others)}." if others else ""
    return (f"Fine-tune around month {month}, when collection reaches "
            f"{_n(LIMITED_DATA_THRESHOLD)} quality examples{pay}.{before}")


def _next_steps(s: Scenario, verdict: Verdict, month: int | None, be_at_month: float | None,
                blocked: Sequence[Blocker], score: float) -> list[str]:
    steps = []
    if s.gap is Gap.KNOWLEDGE:
        steps.append("Add retrieval (RAG) over the documents that hold the missing facts, "
                     "and measure again before any training.")
    if s.evals is Evals.NONE:
        steps.append("Build an evaluation set: 50 to 200 real inputs with agreed good "
                     "outputs, scored the same way every time.")
    collect = (f"Log inputs, outputs and user feedback to grow your {_n(s.examples)} quality "
               f"examples by about {_n(s.examples_per_month)} a month."
               if s.examples_per_month > 0 else
               "Start logging inputs, outputs and user feedback: no new quality examples are "
               "collected yet.")
    if verdict is Verdict.PROMPT_ENGINEERING:
        steps += ["Write clear instructions with a few worked examples, and iterate against "
                  "the evaluation set.", collect]
        if month:
            steps.append(f"Revisit this decision around month {month}, when you should "
                         f"have {_n(LIMITED_DATA_THRESHOLD)} quality examples.")
    elif verdict is Verdict.HYBRID:
        steps += ["Start with prompts: ship the best prompt you can and baseline it on the "
                  "evaluation set.", collect, _hybrid_step(s, month, be_at_month, blocked, score),
                  "Keep optimising prompts after fine-tuning, for the edge cases."]
    else:
        steps += ["Freeze the evaluation set and baseline the best prompt on it.",
                  f"Fine-tune on your {_n(s.examples)} examples with a held-out validation "
                  "split, and compare with the baseline.",
                  "Keep optimising prompts after fine-tuning, for the edge cases."]
    return steps


def _summary(verdict: Verdict, month: int | None, blocked: Sequence[Blocker]) -> str:
    if verdict is Verdict.PROMPT_ENGINEERING:
        return "Start with prompt engineering and stay with it for now."
    if verdict is Verdict.FINE_TUNING:
        return ("Fine-tune: the needs are strong and backed by data, evaluation, expertise, "
                "time and a pay-back.")
    if not blocked:
        return ("Start with prompts; fine-tuning is within reach but the case for it is "
                "still moderate.")
    when = f", around month {month}" if month else ""
    return (f"Start with prompts and collect data; fine-tune later{when}. Held back now by "
            f"{_join([b.reason for b in blocked])}.")


def recommend(s: Scenario) -> Result:
    """Apply every factor and gate to ``s`` and explain the outcome."""
    c = compute_costs(s)
    factors = evaluate_factors(s, c)
    score = score_of(s, c)
    blocked = blockers(s, c)
    verdict = decide(score, blocked)
    month = fine_tune_month(s)
    be_at_month = None
    if month:
        be_at_month = compute_costs(s, examples=LIMITED_DATA_THRESHOLD).break_even_months
    agreement = agreement_of(factors, verdict)
    changes = search_changes(s, verdict)
    nearest = min((ch.size for ch in changes), default=None)
    return Result(
        verdict=verdict,
        confidence=confidence_of(verdict, score, agreement, nearest),
        score=score,
        summary=_summary(verdict, month, blocked),
        factors=factors,
        costs=c,
        timeline=_timeline(s, month if verdict is Verdict.HYBRID else None),
        next_steps=tuple(_next_steps(s, verdict, month, be_at_month, blocked, score)),
        warnings=tuple(_warnings(s, c, verdict) + preset_notes(s)),
        what_would_change=changes,
        scenario=s,
        share_query=encode_query(s),
        fine_tune_month=month,
        agreement=round(agreement, 3),
        blockers=tuple(blocked),
    )
