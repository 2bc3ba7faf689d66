"""The decision factors: one per criterion of the guidance, each with a weight.

Every factor turns the scenario into a signal from -1 (favours prompting) to
+1 (favours fine-tuning). Signals depend only on inputs that the guidance ties
to the criterion, which keeps the score monotonic: more examples, stricter
consistency or latency, a larger budget or a later deadline can only raise it.
Data signals ramp smoothly (linear in the logarithm of the count) so that one
more example never moves the score by more than a fraction of a point. Costs
that grow with the training set (and so would break that rule) never enter a
signal: the budget is compared with the smallest adequate run instead.

Each factor's sentence is chosen by the side its signal favours, so the text
can never argue the other way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum

from .costs import (
    MATERIAL_SHARE,
    MIGRATION_FIXED_SHARE,
    RETUNE_FIXED_SHARE,
    TYPICAL_LIFE_MONTHS,
    Costs,
    compute_costs,
    net_saving,
    pays_back,
    training_cost,
)
from .links import FACTOR_PAGES, factor_link
from .scenario import (
    Consistency,
    DataPolicy,
    Evals,
    Expertise,
    Gap,
    Latency,
    Scenario,
    Stage,
    Task,
)
from .schema import format_number
from .wording import count, months, number, significant, usd, weeks

__all__ = [
    "CLEAR_PAY_BACK_SHARE",
    "DATA_STEPS",
    "EVAL_HOLDOUT",
    "FACTOR_SPECS",
    "LARGE_DATASET_THRESHOLD",
    "LIMITED_DATA_THRESHOLD",
    "PILOT_EXAMPLES",
    "QUICK_ITERATION_WEEKS",
    "THRESHOLDS",
    "VENDOR_MINIMUMS",
    "WEIGHTS",
    "FactorResult",
    "FactorSpec",
    "Favours",
    "Threshold",
    "VendorMinimum",
    "evaluate_factors",
    "explain",
    "factor_rows",
    "factor_signals",
    "fine_tuning_weeks",
    "fine_tuning_weeks_range",
    "minimum_run",
    "minimum_upfront",
    "side_of",
    "threshold_rows",
]

LIMITED_DATA_THRESHOLD = 1_000
"""Below this many quality examples, prompting is the safer start (the guidance's figure)."""
LARGE_DATASET_THRESHOLD = 10_000
"""From this many quality examples, fine-tuning has ample data (the guidance's figure)."""
PILOT_EXAMPLES = 300
"""Training examples of a pilot tune: "a few hundred".

Three times the 100 examples Google (Vertex AI) and Amazon (Nova) advise
starting with, and past the 50 to 100 from which OpenAI reports clear gains
(see ``VENDOR_MINIMUMS``): enough for the tuned model's error rate on the
evaluation set to mean something, small enough to gather in weeks.
"""
EVAL_HOLDOUT = 200
"""Examples to hold out as an evaluation set when a team has none: "a few hundred".

Kept out of training so that the pilot and the prompt are scored on the same
unseen cases; 200 answers resolve an error-rate gap of a few points.
"""
DATA_STEPS = (4_000, 2_000, LIMITED_DATA_THRESHOLD, 500)
"""Quality examples a production tune needs outright, by the strength of the case (0 to 3+).

These are not the article's gates: its 1,000 and 10,000 are signals of
strength and move the score. Providers report gains from 50 to 100 examples
and advise starting at about 100, so a pilot on ``PILOT_EXAMPLES`` comes
first; to commit outright a team wants several pilots' worth, 4,000 with no
point in its favour, each point (a critical requirement, a rigorous
evaluation set, strong ML engineering, a pay-back) halving it, down to 500 for
a case that is strong on every count.
"""
CLEAR_PAY_BACK_SHARE = 0.25
"""Net saving, as a share of prompting's total, that makes a pay-back clear (two points)."""
QUICK_ITERATION_WEEKS = 4
"""A deadline this close leaves room only for fast prompt iterations."""
FINE_TUNING_BASE_WEEKS = {Expertise.STRONG: 3, Expertise.SOME: 5, Expertise.NONE: 8}
"""Weeks from go to a tuned model in production, by the team's ML engineering strength."""
EVALS_EXTRA_WEEKS = {Evals.RIGOROUS: 0, Evals.BASIC: 1, Evals.NONE: 3}
"""Extra weeks to build an evaluation set good enough to judge a tuned model."""


class Favours(StrEnum):
    """The direction a factor pushes the decision."""

    PROMPT_ENGINEERING = "prompt-engineering"
    FINE_TUNING = "fine-tuning"
    NEUTRAL = "neutral"


@dataclass(frozen=True)
class FactorSpec:
    """A factor as the methodology page describes it."""

    id: str
    label: str
    weight: float
    inputs: tuple[str, ...]
    rule: str

    @property
    def link(self) -> str:
        """Path of the factor's guidance anchor, relative to the site root."""
        return factor_link(self.id)

    @property
    def page(self) -> str:
        """The guidance page (relative to the site root) that explains this factor."""
        return FACTOR_PAGES[self.id]

    @property
    def description(self) -> str:
        """The rule in words, for the methodology page (same as ``rule``)."""
        return self.rule


@dataclass(frozen=True)
class FactorResult:
    """One factor applied to one scenario."""

    id: str
    label: str
    favours: Favours
    weight: float
    signal: float
    explanation: str
    link: str

    @property
    def strength(self) -> float:
        """The signal, -1 (prompting) to +1 (fine-tuning), before weighting."""
        return self.signal

    @property
    def contribution(self) -> float:
        """Signed weight actually added to the raw score."""
        return self.weight * self.signal


@dataclass(frozen=True)
class VendorMinimum:
    """A provider's published minimum and recommended training-set sizes.

    The guidance's 1,000 and 10,000 come from its source article and are rules
    of thumb for when fine-tuning is worth it; providers publish what a job
    accepts, which is far lower. Both are shown side by side so nobody mistakes
    one for the other. ``minimum`` and ``recommended_low`` are ``None`` where
    the provider's page states no such figure: the page then says "not stated"
    instead of a guess.
    """

    vendor: str
    minimum: int | None
    recommended: str
    source: str
    recommended_low: int | None = None
    recommended_high: int | None = None
    checked: str = "2026-11-26"


VENDOR_MINIMUMS: tuple[VendorMinimum, ...] = (
    VendorMinimum("OpenAI supervised fine-tuning (closing to new jobs)", 10,
                  "start with 50; gains usually seen from 50 to 100",
                  "OpenAI, supervised fine-tuning guide, https://developers.openai.com/docs/"
                  "guides/distillation, checked 2026-12-04", 50, 100, checked="2026-12-04"),
    VendorMinimum("Azure OpenAI fine-tuning", 10,
                  "hundreds to thousands to teach a new skill",
                  "Microsoft Learn, troubleshooting Azure OpenAI fine-tuning, https://learn."
                  "microsoft.com/azure/ai-services/openai/how-to/fine-tuning-troubleshoot, "
                  "checked 2026-11-26", 100, None),
    VendorMinimum("Google Vertex AI, Gemini supervised fine-tuning", None,
                  "start with 100; scale to thousands if needed",
                  "Google Cloud, prepare supervised fine-tuning data for Gemini models, "
                  "https://cloud.google.com/vertex-ai/generative-ai/docs/models/gemini-"
                  "supervised-tuning-about, checked 2026-12-04", 100, None, checked="2026-12-04"),
    VendorMinimum("Amazon Bedrock, Amazon Nova fine-tuning", None,
                  "at least 100 samples for each task",
                  "AWS, Amazon Nova user guide, prepare data for fine-tuning understanding "
                  "models, https://docs.aws.amazon.com/nova/latest/userguide/fine-tune-prepare-"
                  "data-understanding.html, checked 2026-12-04", 100, None, checked="2026-12-04"),
    VendorMinimum("Amazon Bedrock, Amazon Nova reinforcement fine-tuning", 100,
                  "not stated",
                  "AWS, Amazon Bedrock user guide, prepare data for Amazon Nova models, "
                  "https://docs.aws.amazon.com/bedrock/latest/userguide/rft-prepare-data.html, "
                  "checked 2026-12-04", checked="2026-12-04"),
    VendorMinimum("Together AI fine-tuning", None,
                  "hundreds to thousands of labelled examples",
                  "Together AI, fine-tuning overview, https://docs.together.ai/docs/fine-tuning-"
                  "overview, checked 2026-11-26", 100, None),
    VendorMinimum("Fireworks AI supervised fine-tuning", 3, "not stated",
                  "Fireworks AI, supervised fine-tuning for text, https://docs.fireworks.ai/"
                  "fine-tuning/fine-tuning-models, checked 2026-11-26"),
)
"""Published training-set sizes, for the methodology page next to the guidance's figures."""


@dataclass(frozen=True)
class Threshold:
    """A number the factors and gates compare inputs with, and what crossing it means."""

    name: str
    value: str
    meaning: str


_N = format_number
_LEVEL_WORDS = {Expertise.NONE: "no", Expertise.SOME: "some", Expertise.STRONG: "strong"}
_EVALS_WORDS = {Evals.NONE: "no", Evals.BASIC: "basic", Evals.RIGOROUS: "rigorous"}

LIMITED_RAMP_START = 100
"""From here up to ``LIMITED_DATA_THRESHOLD`` the limited-data pull fades smoothly."""


def _log_ramp(value: float, low: float, high: float) -> float:
    """0 at or below ``low``, 1 at or above ``high``, linear in log10 between: no cliffs."""
    if value <= low:
        return 0.0
    if value >= high:
        return 1.0
    return (math.log10(value) - math.log10(low)) / (math.log10(high) - math.log10(low))


def minimum_run(s: Scenario) -> int:
    """Examples in the smallest training run worth making: the data threshold, or the cap."""
    return min(s.max_training_examples, LIMITED_DATA_THRESHOLD)


def minimum_upfront(s: Scenario) -> float:
    """Upfront cost of fine-tuning on the smallest adequate run: what a budget must cover.

    It does not grow with ``examples``: with more data than the budget can train
    on, one subsamples, so more data can never make fine-tuning less affordable.
    """
    return training_cost(s, minimum_run(s)) + s.fine_tuning_fixed_cost


# Signal tables, built once: the what-would-change search evaluates the
# factors hundreds of times per recommendation.
_STAGE = {Stage.EXPLORING: -1.0, Stage.VALIDATED: 0.0, Stage.SCALING: 0.5}
_CONSISTENCY = {Consistency.FLEXIBLE: 0.0, Consistency.IMPORTANT: 0.5, Consistency.CRITICAL: 1.0}
_LATENCY = {Latency.RELAXED: 0.0, Latency.IMPORTANT: 0.5, Latency.CRITICAL: 1.0}
_ML = {Expertise.NONE: -1.0, Expertise.SOME: -0.25, Expertise.STRONG: 0.5}
_DOMAIN = {Expertise.NONE: -0.25, Expertise.SOME: 0.0, Expertise.STRONG: 0.0}
_EVALS = {Evals.NONE: -1.0, Evals.BASIC: 0.0, Evals.RIGOROUS: 0.25}


def _stage(s: Scenario, c: Costs) -> float:
    return _STAGE[s.stage]


def _quick(s: Scenario, c: Costs) -> float:
    return -1.0 if s.deadline_weeks <= QUICK_ITERATION_WEEKS else 0.0


def _limited(s: Scenario, c: Costs) -> float:
    return _log_ramp(s.examples, LIMITED_RAMP_START, LIMITED_DATA_THRESHOLD) - 1.0


def _large(s: Scenario, c: Costs) -> float:
    return _log_ramp(s.examples, LIMITED_DATA_THRESHOLD, LARGE_DATASET_THRESHOLD)


def _general(s: Scenario, c: Costs) -> float:
    return -1.0 if s.task is Task.GENERAL else 0.0


def _domain(s: Scenario, c: Costs) -> float:
    return 1.0 if s.task is Task.DOMAIN_SPECIFIC else 0.0


def _cost_constraints(s: Scenario, c: Costs) -> float:
    return -1.0 if s.upfront_budget < minimum_upfront(s) else 0.0


def _consistency(s: Scenario, c: Costs) -> float:
    return _CONSISTENCY[s.consistency]


def _latency(s: Scenario, c: Costs) -> float:
    return _LATENCY[s.latency]


def _privacy(s: Scenario, c: Costs) -> float:
    return 0.0


def _decision(s: Scenario, c: Costs) -> Costs:
    """``c`` if it is already priced on the smallest adequate run, else those costs.

    The budget factor judges the pay-back on that run, never on the full set,
    so that more examples can never lower the score.
    """
    run = minimum_run(s)
    return c if c.training == training_cost(s, run) else compute_costs(s, examples=run)


BUDGET_SHARE_SCALE = 0.5
"""Net saving, as a share of prompting's total, that pulls the budget factor fully (+1)."""


def _running(s: Scenario, c: Costs) -> Costs:
    """Decision costs without error costs: what running each option costs.

    Errors are the priced-quality factor's to judge, so the budget factor keeps
    its version 2 meaning exactly, and neither factor counts a gain twice.
    """
    dc = _decision(s, c)
    if s.cost_per_error == 0:
        return dc
    return compute_costs(replace(s, cost_per_error=0.0), examples=minimum_run(s))


def _budget(s: Scenario, c: Costs) -> float:
    dc = _running(s, c)
    if pays_back(s, dc):
        if not dc.pe_spend_total > 0:  # prompting costs nothing but its errors
            return 1.0
        return min(1.0, net_saving(s, dc, 0.0) / dc.pe_spend_total / BUDGET_SHARE_SCALE)
    # Against the running bills, errors left out: pricing errors both models make
    # equally must not soften the signal.
    # No cliff at a zero monthly saving: a tuned model that saves a cent a month and
    # never repays its upfront cost must not look worse than one that costs a cent more
    # (a cheaper prompted model or less traffic must never pull toward fine-tuning). So
    # the pull is the larger of the monthly measure and the net share, never above 0:
    # costing more each month pulls by how much more; saving too little is neutral.
    larger = max(dc.pe_monthly - dc.pe_errors_monthly, dc.ft_monthly - dc.ft_errors_monthly)
    monthly = dc.monthly_saving / larger if larger > 0 else 0.0
    if not dc.pe_spend_total > 0:
        return max(-1.0, min(0.0, monthly))
    share = net_saving(s, dc, 0.0) / dc.pe_spend_total / BUDGET_SHARE_SCALE
    return max(-1.0, min(0.0, max(monthly, share)))


QUALITY_SHARE_SCALE = BUDGET_SHARE_SCALE
"""Errors avoided over the horizon, as a share of prompting's running cost, that pull fully."""


def _quality(s: Scenario, c: Costs) -> float:
    """Priced quality: the error costs a tuned model avoids (or adds), against prompting's bill.

    The error costs of both sides over the horizon, as a share of prompting's
    total without errors; +1 at ``QUALITY_SHARE_SCALE``. Zero while errors are
    unpriced or both rates are equal. A lower tuned rate, or a higher cost per
    error while the tuned rate is lower, only raises it (rule 12).
    """
    gain = s.monthly_requests * (s.prompted_error_rate - s.tuned_error_rate) * s.cost_per_error
    if gain == 0:
        return 0.0
    base = _decision(s, c).pe_spend_total
    if not base > 0:
        return 1.0 if gain > 0 else -1.0
    return max(-1.0, min(1.0, gain * s.horizon_months / base / QUALITY_SHARE_SCALE))


def fine_tuning_weeks(s: Scenario) -> int:
    """Weeks a first tuned model takes to reach production for this team, at best."""
    return FINE_TUNING_BASE_WEEKS[s.ml_expertise] + EVALS_EXTRA_WEEKS[s.evals]


def fine_tuning_weeks_range(s: Scenario) -> tuple[int, int]:
    """(low, high) weeks to a tuned model in production; the high end adds half again.

    Gates and plans use the high end: a deadline that only fits the best case
    is not a plan a reviewer signs.
    """
    low = fine_tuning_weeks(s)
    return low, low + math.ceil(low / 2)


def _timeline(s: Scenario, c: Costs) -> float:
    return -1.0 if s.deadline_weeks <= fine_tuning_weeks_range(s)[1] else 0.0


def _team(s: Scenario, c: Costs) -> float:
    return max(-1.0, min(1.0, _ML[s.ml_expertise] + _DOMAIN[s.domain_expertise]))


def _evals(s: Scenario, c: Costs) -> float:
    return _EVALS[s.evals]


def _gap(s: Scenario, c: Costs) -> float:
    return -1.0 if s.gap is Gap.KNOWLEDGE else 0.25


def _lifetime(s: Scenario, c: Costs) -> float:
    if s.model_lifetime_months and s.model_lifetime_months < s.horizon_months:
        return -0.5
    return 0.0


_Signal = Callable[[Scenario, Costs], float]

_FACTORS: tuple[tuple[FactorSpec, _Signal], ...] = (
    (FactorSpec("quick-iterations", "Quick iterations", 1.0, ("deadline_weeks",),
                f"A deadline of {QUICK_ITERATION_WEEKS} weeks or less favours prompting (-1); "
                "otherwise neutral."), _quick),
    (FactorSpec("limited-data", "Limited data", 2.0, ("examples",),
                f"-1 up to {_N(LIMITED_RAMP_START)} quality examples, fading smoothly (linear "
                f"in the logarithm) to neutral at {_N(LIMITED_DATA_THRESHOLD)}."), _limited),
    (FactorSpec("general-tasks", "General task", 1.0, ("task",),
                "A general task favours prompting (-1); otherwise neutral."), _general),
    (FactorSpec("cost-constraints", "Cost constraints", 1.0,
                ("upfront_budget", "fine_tuning_fixed_cost", "max_training_examples"),
                "An upfront budget below fine-tuning's smallest upfront cost (fixed cost plus "
                f"a training run on {_N(LIMITED_DATA_THRESHOLD)} examples) favours prompting "
                "(-1); otherwise neutral."), _cost_constraints),
    (FactorSpec("experimentation", "Experimentation", 1.5, ("stage",),
                "Exploring favours prompting (-1), validated is neutral, scaling favours "
                "fine-tuning (+0.5)."), _stage),
    (FactorSpec("domain-specific-tasks", "Domain-specific task", 1.5, ("task",),
                "A domain-specific task favours fine-tuning (+1); otherwise neutral."), _domain),
    (FactorSpec("consistent-outputs", "Consistent outputs", 1.5, ("consistency",),
                "Important consistency +0.5, critical +1, flexible neutral."), _consistency),
    (FactorSpec("large-datasets", "Large dataset", 2.0, ("examples",),
                f"Neutral up to {_N(LIMITED_DATA_THRESHOLD)} quality examples, rising smoothly "
                f"(linear in the logarithm) to +1 at {_N(LARGE_DATASET_THRESHOLD)}."), _large),
    (FactorSpec("latency-requirements", "Latency", 1.0, ("latency",),
                "Important latency +0.5, critical +1, relaxed neutral."), _latency),
    (FactorSpec("privacy-concerns", "Privacy", 0.0, ("data_policy",),
                "Not scored (weight 0): data that must stay internal calls for "
                "self-hosting, which serves a prompted model as well as a tuned one; both are "
                "then priced self-hosted, so privacy acts through the costs."), _privacy),
    (FactorSpec("budget", "Budget and break-even", 1.5,
                ("monthly_requests", "prompt_tokens", "base_price_input", "tuned_price_input",
                 "prompt_hosting_monthly", "tuned_hosting_monthly"),
                "Judged on the smallest adequate run, re-tunes included. A pay-back (a net "
                f"saving of at least {MATERIAL_SHARE:.0%} of prompting's total, repaid before the "
                "base model retires) favours fine-tuning, up to +1 at a saving of "
                f"{BUDGET_SHARE_SCALE:.0%}; a higher monthly bill or a net loss favours "
                "prompting, down to -1; a saving too small to count is neutral."), _budget),
    (FactorSpec("priced-quality", "Priced quality", 2.0,
                ("cost_per_error", "prompted_error_rate", "tuned_error_rate",
                 "monthly_requests"),
                "Errors the tuned model avoids over the horizon, at your cost per error, as a "
                "share of prompting's running cost: +1 at "
                f"{QUALITY_SHARE_SCALE:.0%}, down to -1 if the tuned model errs more; neutral "
                "while errors are unpriced or the rates are equal."), _quality),
    (FactorSpec("timeline", "Timeline", 1.0, ("deadline_weeks", "ml_expertise", "evals"),
                "A deadline no longer than the high end of the fine-tuning estimate favours "
                "prompting (-1); otherwise neutral."), _timeline),
    (FactorSpec("team-expertise", "Team expertise", 1.5, ("ml_expertise", "domain_expertise"),
                "ML engineering none -1, some -0.25, strong +0.5; no domain expertise -0.25 "
                "more (curating training data needs it); capped to -1..+1."), _team),
    (FactorSpec("evaluation-maturity", "Evaluation maturity", 1.0, ("evals",),
                "No evaluation set -1 (and fine-tuning is never recommended outright), basic "
                "neutral, rigorous +0.25."), _evals),
    (FactorSpec("knowledge-vs-behaviour", "Knowledge or behaviour", 1.5, ("gap",),
                "Missing knowledge favours prompting with retrieval (-1, and the verdict is "
                "prompt engineering); a behaviour gap +0.25."), _gap),
    (FactorSpec("model-lifetime", "Base-model lifetime", 0.5,
                ("model_lifetime_months", "horizon_months"),
                "A base model retired before the horizon ends -0.5 (its re-tune is priced in "
                "the costs too); unknown or later neutral."), _lifetime),
)

FACTOR_SPECS: tuple[FactorSpec, ...] = tuple(spec for spec, _ in _FACTORS)
WEIGHTS: Mapping[str, float] = {spec.id: spec.weight for spec in FACTOR_SPECS}


_SIGNALS = tuple(signal for _, signal in _FACTORS)


def factor_signals(s: Scenario, c: Costs) -> list[float]:
    """Each factor's signal in ``FACTOR_SPECS`` order (cheap: no text)."""
    return [signal(s, c) for signal in _SIGNALS]


_Text = Callable[[Scenario, Costs], str]


def _data_text(s: Scenario, c: Costs) -> str:
    return count(s.examples, "quality example")


def _repaid(c: Costs) -> str:
    """When the extra upfront cost is repaid, as a phrase that reads after a verb."""
    months_ = c.break_even_months
    if months_ is None or months_ > c.horizon_months:
        return "within the horizon"
    if months_ < 1:
        return "within the first month"
    return f"within {months(math.ceil(months_))}"


def _retires_first(s: Scenario) -> bool:
    """The monthly saving would repay the upfront cost only after the base model retires."""
    dc = compute_costs(s, examples=minimum_run(s))
    life = s.model_lifetime_months
    spared = dc.ft_upfront - dc.pe_upfront
    return bool(life) and dc.monthly_saving * life < spared


def _budget_ft(s: Scenario, c: Costs) -> str:
    return (f"Fine-tuning saves {usd(c.monthly_saving)} a month and repays its extra upfront "
            f"cost {_repaid(c)}, re-tunes included.")


def _budget_pe(s: Scenario, c: Costs) -> str:
    if c.monthly_saving <= 0:
        return (f"The tuned model costs {usd(-c.monthly_saving)} more a month than prompting, "
                "so fine-tuning never pays back on cost.")
    if _retires_first(s):
        return (f"Fine-tuning saves {usd(c.monthly_saving)} a month, too little to repay its "
                f"upfront cost before the base model retires after "
                f"{months(s.model_lifetime_months)}.")
    return (f"Fine-tuning saves {usd(c.monthly_saving)} a month, too little to repay its "
            f"upfront cost and re-tunes within {months(s.horizon_months)}.")


def _budget_neutral(s: Scenario, c: Costs) -> str:
    if c.monthly_saving <= 0:
        return ("Both approaches cost the same each month, so fine-tuning's upfront cost "
                "never pays back.")
    if _retires_first(s):
        return (f"Fine-tuning saves {usd(c.monthly_saving)} a month, but not enough to repay "
                f"its upfront cost before the base model retires after "
                f"{months(s.model_lifetime_months)}.")
    return (f"Fine-tuning saves {usd(c.monthly_saving)} a month, which over "
            f"{months(s.horizon_months)} comes to less than the {MATERIAL_SHARE:.0%} of "
            "prompting's cost that would count as a pay-back.")


def _per_100(rate: float) -> str:
    """A rate as errors per 100 answers, two significant digits."""
    return significant(abs(rate) * 100) if rate else "0"


def _error_gain(s: Scenario) -> float:
    """What the tuned model's errors cost each month beyond the prompted model's."""
    return (s.tuned_error_rate - s.prompted_error_rate) * s.cost_per_error * s.monthly_requests


def _are(value: float) -> str:
    return "is" if number(value) == "1" else "are"


def _lead(s: Scenario) -> str:
    low, high = fine_tuning_weeks_range(s)
    return f"{low} to {weeks(high)}"


def _budget_covers(s: Scenario, c: Costs) -> str:
    if s.upfront_budget >= c.ft_upfront:
        return (f"Your upfront budget of {usd(s.upfront_budget)} covers fine-tuning's "
                f"{usd(c.ft_upfront)} upfront cost.")
    return (f"Your upfront budget of {usd(s.upfront_budget)} covers the smallest fine-tuning "
            f"run ({usd(minimum_upfront(s))} on {count(minimum_run(s), 'example')}), not the "
            f"full run's {usd(c.ft_upfront)}.")


_TEXTS: dict[str, tuple[_Text, _Text, _Text]] = {
    # (favours prompt engineering, neutral, favours fine-tuning)
    "quick-iterations": (
        lambda s, c: f"Your deadline is {weeks(s.deadline_weeks)}; within "
                     f"{QUICK_ITERATION_WEEKS} weeks only fast prompt iterations fit.",
        lambda s, c: f"Your deadline of {weeks(s.deadline_weeks)} leaves room beyond quick "
                     "prompt iterations.",
        lambda s, c: ""),
    "limited-data": (
        lambda s, c: f"You have {_data_text(s, c)}; below {_N(LIMITED_DATA_THRESHOLD)}, "
                     "prompt engineering is the safer start.",
        lambda s, c: f"You have {_data_text(s, c)}, at least the "
                     f"{_N(LIMITED_DATA_THRESHOLD)} that make fine-tuning worth trying.",
        lambda s, c: ""),
    "general-tasks": (
        lambda s, c: "A general task is what prompted models already do well.",
        lambda s, c: "Your task is domain-specific, so this general-task argument does not "
                     "apply.",
        lambda s, c: ""),
    "cost-constraints": (
        lambda s, c: f"Your upfront budget of {usd(s.upfront_budget)} is below what even the "
                     f"smallest fine-tuning run costs ({usd(minimum_upfront(s))} on "
                     f"{count(minimum_run(s), 'example')}).",
        _budget_covers,
        lambda s, c: ""),
    "experimentation": (
        lambda s, c: "You are still exploring, where prompts let you change course in "
                     "minutes.",
        lambda s, c: "Your use case is validated: neither approach gains from the stage alone.",
        lambda s, c: "You are scaling in production, where a tuned model's stability and unit "
                     "cost pay off."),
    "domain-specific-tasks": (
        lambda s, c: "",
        lambda s, c: "A general task gains little from domain training.",
        lambda s, c: "Specialised terminology and workflows are where fine-tuning helps "
                     "most."),
    "consistent-outputs": (
        lambda s, c: "",
        lambda s, c: "Flexible outputs are fine, so prompts are consistent enough.",
        lambda s, c: ("Outputs must be predictable and repeatable, fine-tuning's strongest "
                      "case." if s.consistency is Consistency.CRITICAL else
                      "Consistent outputs matter, which fine-tuning makes more dependable.")),
    "large-datasets": (
        lambda s, c: "",
        lambda s, c: f"{_data_text(s, c).capitalize()} {_are(s.examples)} not yet more than the "
                     f"{_N(LIMITED_DATA_THRESHOLD)} where a training set starts to count.",
        lambda s, c: (f"{_data_text(s, c).capitalize()} reach the "
                      f"{_N(LARGE_DATASET_THRESHOLD)} where fine-tuning has ample data."
                      if s.examples >= LARGE_DATASET_THRESHOLD else
                      f"{_data_text(s, c).capitalize()} {_are(s.examples)} past "
                      f"{_N(LIMITED_DATA_THRESHOLD)}, on the way to the "
                      f"{_N(LARGE_DATASET_THRESHOLD)} of a large training set.")),
    "latency-requirements": (
        lambda s, c: "",
        lambda s, c: "Relaxed latency means long prompts cost little time.",
        lambda s, c: f"Latency {'is critical' if s.latency is Latency.CRITICAL else 'matters'}"
                     f", and a tuned model drops about "
                     f"{count(max(0.0, s.prompt_tokens - s.tuned_prompt_tokens), 'prompt token')}"
                     " per request."),
    "privacy-concerns": (
        lambda s, c: "",
        lambda s, c: ("Data must stay internal, which calls for self-hosting, not for "
                      "fine-tuning: both options are priced on your own infrastructure."
                      if s.data_policy is DataPolicy.MUST_STAY_INTERNAL else
                      "Data may go to a cloud provider, so privacy does not force a choice."),
        lambda s, c: ""),
    "budget": (
        lambda s, c: _budget_pe(s, c),
        _budget_neutral,
        lambda s, c: _budget_ft(s, c)),
    "priced-quality": (
        lambda s, c: f"The tuned model is expected to err more often "
                     f"({_per_100(s.tuned_error_rate)} against {_per_100(s.prompted_error_rate)}"
                     f" per 100), which costs {usd(_error_gain(s))} a month at "
                     f"{usd(s.cost_per_error)} per error.",
        lambda s, c: ("Errors are not priced (cost per error 0), so quality is argued, not "
                      "counted in money." if s.cost_per_error == 0 else
                      "Both models are expected to err equally often, so errors cost the same "
                      "either way."),
        lambda s, c: f"The tuned model is expected to avoid "
                     f"{_per_100(s.prompted_error_rate - s.tuned_error_rate)} errors per 100, "
                     f"worth {usd(-_error_gain(s))} a month at {usd(s.cost_per_error)} per "
                     "error."),
    "timeline": (
        lambda s, c: f"Your deadline of {weeks(s.deadline_weeks)} leaves no room for the "
                     f"{_lead(s)} fine-tuning would take this team.",
        lambda s, c: f"Your deadline of {weeks(s.deadline_weeks)} leaves room for the "
                     f"{_lead(s)} fine-tuning would take this team.",
        lambda s, c: ""),
    "team-expertise": (
        lambda s, c: f"Your team has {_LEVEL_WORDS[s.ml_expertise]} ML engineering and "
                     f"{_LEVEL_WORDS[s.domain_expertise]} domain expertise, so prompting "
                     "plays to its strengths.",
        lambda s, c: f"Your team has {_LEVEL_WORDS[s.ml_expertise]} ML engineering and "
                     f"{_LEVEL_WORDS[s.domain_expertise]} domain expertise: enough for either.",
        lambda s, c: f"Your team has {_LEVEL_WORDS[s.ml_expertise]} ML engineering and "
                     f"{_LEVEL_WORDS[s.domain_expertise]} domain expertise, so fine-tuning is "
                     "within reach."),
    "evaluation-maturity": (
        lambda s, c: "Without an evaluation set nobody can tell whether a tuned model is "
                     "better.",
        lambda s, c: "A basic evaluation set can compare approaches, if coarsely.",
        lambda s, c: "A rigorous evaluation set can prove a tuned model is better."),
    "knowledge-vs-behaviour": (
        lambda s, c: "The gap is missing knowledge, which retrieval (RAG) closes better than "
                     "training.",
        lambda s, c: "",
        lambda s, c: "The gap is behaviour (format, tone, skill), which fine-tuning can "
                     "teach."),
    "model-lifetime": (
        lambda s, c: f"The base model is retired after {months(s.model_lifetime_months)}, "
                     f"before your {s.horizon_months}-month horizon ends, which forces a "
                     "re-tune.",
        lambda s, c: ("The base model's retirement date is unknown."
                      if not s.model_lifetime_months else
                      f"The base model lasts {months(s.model_lifetime_months)}, beyond your "
                      f"{s.horizon_months}-month horizon."),
        lambda s, c: ""),
}


def side_of(signal: float) -> Favours:
    """The direction of a signal: negative prompting, positive fine-tuning, zero neutral."""
    return (Favours.FINE_TUNING if signal > 0 else
            Favours.PROMPT_ENGINEERING if signal < 0 else Favours.NEUTRAL)


_SIDE_INDEX = {Favours.PROMPT_ENGINEERING: 0, Favours.NEUTRAL: 1, Favours.FINE_TUNING: 2}


def explain(spec_id: str, s: Scenario, c: Costs, favours: Favours) -> str:
    """The sentence for one factor, chosen by the side it favours: it cannot contradict it."""
    return _TEXTS[spec_id][_SIDE_INDEX[favours]](s, c)


def evaluate_factors(s: Scenario, c: Costs) -> tuple[FactorResult, ...]:
    """Every factor with its direction, weight and a sentence on the user's numbers."""
    results = []
    for (spec, _), signal in zip(_FACTORS, factor_signals(s, c), strict=True):
        favours = side_of(signal)
        results.append(FactorResult(spec.id, spec.label, favours, spec.weight, signal,
                                    explain(spec.id, s, c, favours), spec.link))
    return tuple(results)


THRESHOLDS: tuple[Threshold, ...] = (
    Threshold("Limited data", f"{_N(LIMITED_DATA_THRESHOLD)} examples",
              "A signal, not a gate: below this the limited-data factor pulls toward "
              "prompting, fading smoothly from its full pull at "
              f"{_N(LIMITED_RAMP_START)}."),
    Threshold("Large dataset", f"{_N(LARGE_DATASET_THRESHOLD)} examples",
              "A signal, not a gate: the large-dataset factor reaches its full pull toward "
              "fine-tuning here."),
    Threshold("Pilot tune", f"{_N(PILOT_EXAMPLES)} examples, plus {_N(EVAL_HOLDOUT)} held "
              "out without an evaluation set",
              "The hybrid path's first tune: a pilot on a few hundred examples, scored "
              "against the prompt on the evaluation set. Providers report gains from 50 to "
              "100 examples and advise starting at about 100 (see what providers require)."),
    Threshold("Data needed to fine-tune outright",
              " / ".join(_N(step) for step in DATA_STEPS) + " examples",
              "By the strength of the case: one point each for critical consistency, "
              "critical latency that a shorter prompt helps, a rigorous evaluation set and "
              "strong ML engineering, one for a pay-back now and two for a clear one (a net "
              f"saving of {CLEAR_PAY_BACK_SHARE:.0%} of prompting's total); 0, 1, 2 and 3 or "
              "more points need these counts. Below it, a hybrid pilots a tune first."),
    Threshold("Material saving", f"{MATERIAL_SHARE:.0%} of prompting's total",
              "A net saving over the horizon smaller than this is inside the error of the "
              "estimates and is no pay-back; a break-even after the base model retires is "
              "none either, as the migration comes first."),
    Threshold("Re-tune cost", f"training run + {RETUNE_FIXED_SHARE:.0%} of the fixed cost; "
              f"{MIGRATION_FIXED_SHARE:.0%} for a new base model",
              "A routine re-tune on a cadence reuses the data pipeline and evaluation set. "
              "When the base model retires (once at model_lifetime_months, then each "
              f"successor after a typical model life of {TYPICAL_LIFE_MONTHS:.0f} months), "
              "moving to its successor "
              "means re-formatting data, searching "
              "hyperparameters again, re-running the whole evaluation and changing serving: "
              "about half of the first tune's engineering."),
    Threshold("Quick iterations", f"{QUICK_ITERATION_WEEKS} weeks",
              "A deadline this close leaves room only for fast prompt iterations."),
    Threshold("Fine-tuning time", ", ".join(
        f"{base} weeks with {_LEVEL_WORDS[level]} ML engineering"
        for level, base in FINE_TUNING_BASE_WEEKS.items()),
              "Weeks from go to a tuned model in production at best; the estimate's high end "
              "adds half again (rounded up), and a deadline, horizon or base-model life no "
              "longer than that high end blocks fine-tuning outright."),
    Threshold("Evaluation set", ", ".join(
        f"+{count(extra, 'week')} with {_EVALS_WORDS[evals]} evals"
        for evals, extra in EVALS_EXTRA_WEEKS.items()),
              "Extra weeks to build an evaluation set that can judge a tuned model."),
)
"""The thresholds the factors use, for the methodology page."""


def threshold_rows() -> list[tuple[str, str, str]]:
    """(threshold, value, meaning) rows for the methodology page's table."""
    return [(t.name, t.value, t.meaning) for t in THRESHOLDS]


def factor_rows() -> list[tuple[str, str, str, str]]:
    """(factor label, link, weight, rule) rows for the methodology page's factor table."""
    return [(spec.label, spec.link, _N(spec.weight), spec.rule) for spec in FACTOR_SPECS]
