"""The recommendation: score, verdict, confidence, warnings, next steps and what would change.

The score is the weighted sum of the factor signals, scaled to -100..+100
(positive favours fine-tuning). The verdict then applies the guidance's gates:
fine-tuning is recommended outright only when its needs are strong *and* it is
backed by data, evaluation, time, budget and a pay-back; strong needs without
that backing give ``hybrid``: start with prompts, fine-tune at the threshold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from enum import Enum, StrEnum
from typing import Any

from .costs import Costs, compute_costs
from .factors import (
    FACTOR_SPECS,
    LIMITED_DATA_THRESHOLD,
    FactorResult,
    evaluate_factors,
    factor_signals,
    fine_tuning_weeks,
)
from .query import encode_query
from .scenario import DataPolicy, Evals, Expertise, Gap, Scenario
from .schema import FIELDS, FieldKind, format_number

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

SCORE_SCALE = 10.0
"""Raw weighted points that make a score of 100 (the score is then capped)."""
FINE_TUNING_SCORE = 20.0
"""Above this score, fine-tuning needs are strong enough to recommend it when backed."""
PROMPTING_SCORE = 0.0
"""At or below this score, prompting wins outright."""
MAX_CHANGES = 5
"""How many flipping changes the result lists."""
MONTH_CAP = 120
"""Months beyond which a data threshold counts as never reached."""


class Verdict(StrEnum):
    PROMPT_ENGINEERING = "prompt-engineering"
    FINE_TUNING = "fine-tuning"
    HYBRID = "hybrid"

    @property
    def label(self) -> str:
        return {"prompt-engineering": "Prompt engineering", "fine-tuning": "Fine-tuning",
                "hybrid": "Hybrid: prompt now, fine-tune later"}[self.value]


class Confidence(StrEnum):
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
class Change:
    """One single-input change that would flip the verdict."""

    field: str
    from_value: int | float | str
    to_value: int | float | str
    new_verdict: Verdict
    text: str
    query: str


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

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, with the public keys of the design."""
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
        }


_WEIGHTS = tuple(spec.weight for spec in FACTOR_SPECS)


def score_of(s: Scenario, c: Costs) -> float:
    """Weighted factor signals scaled to -100..+100."""
    raw = sum(w * sig for w, sig in zip(_WEIGHTS, factor_signals(s, c), strict=True))
    return max(-100.0, min(100.0, round(100.0 * raw / SCORE_SCALE, 1)))


def blockers(s: Scenario, c: Costs) -> list[str]:
    """What stops fine-tuning from being recommended outright (empty when nothing does)."""
    found = []
    if s.examples < LIMITED_DATA_THRESHOLD:
        found.append("data")
    if s.evals is Evals.NONE:
        found.append("evaluation")
    if s.ml_expertise is Expertise.NONE:
        found.append("expertise")
    if s.deadline_weeks < fine_tuning_weeks(s):
        found.append("time")
    if s.upfront_budget < c.ft_upfront:
        found.append("budget")
    if s.gap is Gap.KNOWLEDGE:
        found.append("knowledge")
    be = c.break_even_months
    if be is None or be > s.horizon_months or (
        s.model_lifetime_months and be > s.model_lifetime_months
    ):
        found.append("pay-back")
    return found


def verdict_of(s: Scenario) -> Verdict:
    """The verdict alone, cheaply (used by the what-would-change search)."""
    c = compute_costs(s)
    return _verdict(score_of(s, c), blockers(s, c))


def _verdict(score: float, blocked: list[str]) -> Verdict:
    if score <= PROMPTING_SCORE:
        return Verdict.PROMPT_ENGINEERING
    if score > FINE_TUNING_SCORE and not blocked:
        return Verdict.FINE_TUNING
    return Verdict.HYBRID


def _confidence(verdict: Verdict, score: float) -> Confidence:
    if verdict is Verdict.PROMPT_ENGINEERING:
        margin = PROMPTING_SCORE - score
    elif verdict is Verdict.FINE_TUNING:
        margin = score - FINE_TUNING_SCORE
    else:
        margin = min(score - PROMPTING_SCORE, abs(FINE_TUNING_SCORE - score))
    if margin >= 20:
        return Confidence.HIGH
    return Confidence.MEDIUM if margin >= 7 else Confidence.LOW


def fine_tune_month(s: Scenario) -> int | None:
    """First month in which ``examples + examples_per_month * month`` reaches the threshold."""
    missing = LIMITED_DATA_THRESHOLD - s.examples
    if missing <= 0:
        return 0
    if s.examples_per_month <= 0:
        return None
    month = math.ceil(missing / s.examples_per_month)
    return month if month <= MONTH_CAP else None


def _timeline(s: Scenario, month: int | None) -> Timeline:
    days = {Expertise.STRONG: (2, 5), Expertise.SOME: (3, 10),
            Expertise.NONE: (5, 15)}[s.domain_expertise]
    weeks = fine_tuning_weeks(s)
    high = weeks + math.ceil(weeks / 2)
    summary = (f"Prompt engineering ships in about {days[0]} to {days[1]} days; "
               f"fine-tuning takes about {weeks} to {high} weeks")
    if month:
        summary += f", after collecting data until month {month}"
    return Timeline(days, (weeks, high), summary + ".")


def _n(value: float) -> str:
    return format_number(round(value, 1) if isinstance(value, float) else value)


def _warnings(s: Scenario, c: Costs, verdict: Verdict, weeks: int) -> list[str]:
    out = []
    if s.examples < LIMITED_DATA_THRESHOLD and verdict is not Verdict.PROMPT_ENGINEERING:
        out.append(f"Fine-tuning on {_n(s.examples)} examples (under "
                   f"{_n(LIMITED_DATA_THRESHOLD)}) risks a model that memorises rather than "
                   "generalises.")
    if s.evals is Evals.NONE:
        out.append("There is no evaluation set: no change of prompt or model can be judged, "
                   "so fine-tuning is not recommended until one exists.")
    if s.gap is Gap.KNOWLEDGE:
        out.append("The gap is missing or changing knowledge: retrieval (RAG) keeps facts "
                   "current; fine-tuning bakes in a snapshot and does not fix it.")
    be = c.break_even_months
    if s.model_lifetime_months and be is not None and be > s.model_lifetime_months:
        out.append(f"Break-even after {_n(be)} months comes later than the base model's "
                   f"retirement at {s.model_lifetime_months} months: it never pays back.")
    if s.data_policy is DataPolicy.MUST_STAY_INTERNAL and s.tuned_hosting_monthly == 0:
        out.append("Data must stay internal, but the costs assume a provider-hosted tuned "
                   "model with no hosting fee: price self-hosting (tuned_hosting_monthly).")
    if verdict is not Verdict.PROMPT_ENGINEERING and s.deadline_weeks < weeks:
        out.append(f"The {_n(s.deadline_weeks)}-week deadline is shorter than the about "
                   f"{weeks} weeks fine-tuning takes: ship with prompts first.")
    if verdict is not Verdict.PROMPT_ENGINEERING:
        if be is None:
            out.append("The tuned model costs as much or more per month than prompting, so "
                       "fine-tuning never pays back on cost alone.")
        elif be > s.horizon_months:
            out.append(f"Break-even after {_n(be)} months is beyond your "
                       f"{s.horizon_months}-month horizon.")
        if s.upfront_budget < c.ft_upfront:
            out.append(f"The upfront budget of USD {_n(s.upfront_budget)} does not cover "
                       f"fine-tuning's USD {_n(c.ft_upfront)}.")
    return out


def _next_steps(s: Scenario, verdict: Verdict, month: int | None,
                be_at_month: float | None) -> list[str]:
    steps = []
    if s.gap is Gap.KNOWLEDGE:
        steps.append("Add retrieval (RAG) over the documents that hold the missing facts, "
                     "and measure again before any training.")
    if s.evals is Evals.NONE:
        steps.append("Build an evaluation set: 50 to 200 real inputs with agreed good "
                     "outputs, scored the same way every time.")
    collect = (f"Log inputs, outputs and user feedback to grow your {_n(s.examples)} quality "
               f"examples by about {_n(s.examples_per_month)} a month.")
    if verdict is Verdict.PROMPT_ENGINEERING:
        steps += ["Write clear instructions with a few worked examples, and iterate against "
                  "the evaluation set.", collect]
        if month:
            steps.append(f"Revisit this decision around month {month}, when you should "
                         f"have {_n(LIMITED_DATA_THRESHOLD)} quality examples.")
    elif verdict is Verdict.HYBRID:
        steps += ["Start with prompts: ship the best prompt you can and baseline it.", collect]
        if month == 0:
            steps.append("You already have enough examples: fine-tune once the blockers "
                         "above are cleared.")
        elif month is None:
            steps.append(f"At this rate you will not reach {_n(LIMITED_DATA_THRESHOLD)} "
                         "examples: raise collection or stay with prompts.")
        else:
            pay = (f", paying back in about {_n(be_at_month)} months from then"
                   if be_at_month is not None else ", though on these prices it never pays "
                   "back on cost alone")
            steps.append(f"Fine-tune around month {month}, when you reach "
                         f"{_n(LIMITED_DATA_THRESHOLD)} quality examples{pay}.")
        steps.append("Keep optimising prompts after fine-tuning, for the edge cases.")
    else:
        steps += ["Freeze the evaluation set and baseline the best prompt on it.",
                  f"Fine-tune on your {_n(s.examples)} examples with a held-out validation "
                  "split, and compare with the baseline.",
                  "Keep optimising prompts after fine-tuning, for the edge cases."]
    return steps


def _candidates(name: str, current: float, low: float, high: float,
                is_int: bool) -> list[float]:
    """Values to try for a numeric field: a ladder of multiples and round numbers."""
    values = {current * m for m in (0.1, 0.25, 0.5, 0.75, 1.25, 1.5, 2, 3, 5, 10, 20, 100)}
    values |= {10.0 ** k for k in range(0, 11)} | {low, high}
    if name == "examples":
        values |= {float(LIMITED_DATA_THRESHOLD), 10_000.0}
    out = []
    for value in values:
        value = float(math.ceil(value)) if is_int else value
        if low <= value <= high and value != current:
            out.append(value)
    return out


def _nice(value: float, is_int: bool) -> float:
    if is_int:
        return float(math.ceil(value))
    if value == 0:
        return 0.0
    digits = 2 - math.floor(math.log10(abs(value)))
    return round(value, digits)


def _with(s: Scenario, name: str, value: object) -> Scenario:
    """``s`` with one field set to an already-valid value (enum fields by their string)."""
    current = getattr(s, name)
    changes: dict[str, Any] = {name: type(current)(value) if isinstance(current, Enum)
                               else value}
    return replace(s, **changes)


def _search_changes(s: Scenario, verdict: Verdict) -> list[Change]:
    """Smallest single-input changes that flip the verdict, found by trying the schema."""
    found: list[tuple[float, Change]] = []
    current = s.to_dict()
    for field in FIELDS:
        name = field.name
        old = current[name]
        best: tuple[float, Any, Verdict] | None = None
        if field.kind is FieldKind.CHOICE:
            values = field.choice_values()
            for choice in values:
                if choice == old:
                    continue
                new_verdict = verdict_of(_with(s, name, choice))
                distance = float(abs(values.index(choice) - values.index(str(old))))
                if new_verdict is not verdict and (best is None or distance < best[0]):
                    best = (distance, choice, new_verdict)
        else:
            is_int = field.kind is FieldKind.INT
            low = (field.minimum or 0.0) + (1e-9 if field.minimum_exclusive else 0.0)
            high = field.maximum if field.maximum is not None else float(old) * 100
            old_f = float(old)
            for candidate in _candidates(name, old_f, low, high, is_int):
                step = abs(math.log((candidate + 1) / (old_f + 1)))
                if best is not None and step >= best[0]:
                    continue
                new_verdict = verdict_of(_with(s, name, int(candidate) if is_int else candidate))
                if new_verdict is not verdict:
                    best = (step, candidate, new_verdict)
            if best is not None:
                best = _refine(s, name, old_f, best, verdict, is_int)
        if best is not None:
            size, value, new_verdict = best
            value = int(value) if field.kind is FieldKind.INT else value
            changed = _with(s, name, value)
            text = (f"{field.label}: {_shown(old)} → {_shown(value)} gives "
                    f"{new_verdict.label.lower()}")
            found.append((size, Change(name, old, value, new_verdict, text,
                                       encode_query(changed))))
    found.sort(key=lambda item: item[0])
    return [change for _, change in found[:MAX_CHANGES]]


def _refine(s: Scenario, name: str, old: float, best: tuple[float, Any, Verdict],
            verdict: Verdict, is_int: bool) -> tuple[float, Any, Verdict]:
    """Bisect between the old value and the flipping one for the smallest flip."""
    flip = float(best[1])
    keep = old
    for _ in range(12):
        mid = (keep + flip) / 2
        mid = _nice(mid, is_int)
        if mid in (keep, flip):
            break
        new_verdict = verdict_of(_with(s, name, int(mid) if is_int else mid))
        if new_verdict is not verdict:
            flip, best = mid, (abs(math.log((mid + 1) / (old + 1))), mid, new_verdict)
        else:
            keep = mid
    return best


def _shown(value: object) -> str:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return format_number(value)
    return str(value)


def recommend(s: Scenario) -> Result:
    """Apply every factor and gate to ``s`` and explain the outcome."""
    c = compute_costs(s)
    factors = evaluate_factors(s, c)
    score = score_of(s, c)
    blocked = blockers(s, c)
    verdict = _verdict(score, blocked)
    weeks = fine_tuning_weeks(s)
    month = fine_tune_month(s)
    be_at_month = None
    if month:
        be_at_month = compute_costs(s, examples=LIMITED_DATA_THRESHOLD).break_even_months
    summary = {
        Verdict.PROMPT_ENGINEERING: "Start and stay with prompt engineering for now.",
        Verdict.FINE_TUNING: "Fine-tuning is justified: strong needs, backed by data, "
                             "evaluation, time and a pay-back.",
        Verdict.HYBRID: "Start with prompts and collect data; fine-tune when the "
                        "threshold is reached" + (f" (around month {month})." if month else "."),
    }[verdict]
    return Result(
        verdict=verdict,
        confidence=_confidence(verdict, score),
        score=score,
        summary=summary,
        factors=factors,
        costs=c,
        timeline=_timeline(s, month if verdict is not Verdict.PROMPT_ENGINEERING else None),
        next_steps=tuple(_next_steps(s, verdict, month, be_at_month)),
        warnings=tuple(_warnings(s, c, verdict, weeks)),
        what_would_change=tuple(_search_changes(s, verdict)),
        scenario=s,
        share_query=encode_query(s),
        fine_tune_month=month,
    )

