"""The sentences of a result: summary, warnings and next steps.

Every number in them comes from the costs and the path the verdict was decided
on, through the helpers of ``wording``, so a summary can never quote one upfront
cost and a warning another, and counts read "1 month" and "2 months".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .costs import Costs
from .factors import LIMITED_DATA_THRESHOLD, fine_tuning_weeks, minimum_run, minimum_upfront
from .plan import MONTH_CAP, Path
from .scenario import Consistency, DataPolicy, Evals, Gap, Scenario, Task
from .verdict import Blocker, Verdict
from .wording import count, join, months, number, usd, weeks

__all__ = ["affordable_examples", "next_steps", "prompted_model_is_pricier", "summary",
           "warnings"]

_THRESHOLD = count(LIMITED_DATA_THRESHOLD, "quality example")


def prompted_model_is_pricier(s: Scenario) -> bool:
    """The prompted model costs more per token than the tuned one: not a like-for-like pair.

    Then part of fine-tuning's saving comes from the smaller model, and
    prompting that smaller model may be cheaper still.
    """
    return (s.base_price_input > s.tuned_price_input
            or s.base_price_output > s.tuned_price_output)


def affordable_examples(s: Scenario) -> int:
    """The largest training run the upfront budget pays for (0 if not even the fixed cost)."""
    per_example = s.training_tokens_per_example * s.epochs * s.training_price / 1e6
    spare = s.upfront_budget - s.fine_tuning_fixed_cost
    if spare < 0:
        return 0
    if per_example <= 0:
        return s.max_training_examples
    return int(min(s.max_training_examples, math.floor(spare / per_example)))


def _cost_case(c: Costs) -> str:
    """Fine-tuning's money over the horizon, re-tunes included, in one clause."""
    tail = (f", {count(c.retunes, 're-tune')} included" if c.retunes else "")
    if c.extra_total <= 0:
        return (f"it saves {usd(-c.extra_total)} over {months(c.horizon_months)}{tail} "
                f"(break-even {months(c.break_even_months)})")
    return f"it costs {usd(c.extra_total)} more than prompting over " \
           f"{months(c.horizon_months)}{tail}"


def _switch_case(s: Scenario, path: Path) -> str:
    """What switching on the hybrid path saves or costs by the horizon's end."""
    if path.saving is None or path.switch_month is None:
        return ""
    when = f"month {number(path.switch_month)}"
    if path.saving >= 0:
        return f"switching at {when} saves {usd(path.saving)} by month {s.horizon_months}"
    return (f"switching at {when} costs {usd(-path.saving)} more by month "
            f"{s.horizon_months}, a price paid for the quality need")


def summary(s: Scenario, c: Costs, verdict: Verdict, score: float,
            blocked: Sequence[Blocker], path: Path) -> str:
    """One paragraph: the verdict, why, and the money, from the numbers it was decided on."""
    if verdict is Verdict.PROMPT_ENGINEERING:
        if s.gap is Gap.KNOWLEDGE:
            return ("Prompt engineering with retrieval (RAG): the gap is missing or changing "
                    "knowledge, which retrieval keeps current and training does not fix.")
        if score <= 0:
            return "Start with prompt engineering and stay with it for now: the factors favour it."
        missing = path.missing(s.horizon_months)
        return ("Prompt engineering: fine-tuning has no reachable path yet. It lacks "
                + (join(missing) if missing else "a strong enough case") + ".")
    if verdict is Verdict.FINE_TUNING:
        why = "the needs are strong and backed by data, evaluation, skills, time and budget"
        if c.extra_total <= 0:
            return f"Fine-tune: {why}, and {_cost_case(c)}."
        need = join([w for w, on in (("critical consistency", s.consistency is
                                      Consistency.CRITICAL),
                                     ("a domain-specific task", s.task is Task.DOMAIN_SPECIFIC))
                     if on]) or "the quality need"
        return (f"Fine-tune for quality ({need}): {why}, but {_cost_case(c)}, which the "
                "quality gain must justify.")
    switch = _switch_case(s, path)
    tail = f"; {switch}" if switch else ""
    if path.data_month == 0:
        head = "Start with prompts; you have the data, and fine-tuning is the next step"
    else:
        head = (f"Start with prompts and collect data; fine-tune around month "
                f"{path.data_month}")
    held = f" Held back now by {join([b.reason for b in blocked])}." if blocked else (
        " The case for fine-tuning is still moderate.")
    return f"{head}{tail}.{held}"


def warnings(s: Scenario, c: Costs, dc: Costs, verdict: Verdict, path: Path) -> list[str]:
    """What a reviewer should know before acting on the verdict."""
    out = []
    leaning_ft = verdict is not Verdict.PROMPT_ENGINEERING
    lead = fine_tuning_weeks(s)
    if s.examples < LIMITED_DATA_THRESHOLD and leaning_ft:
        out.append(f"Fine-tuning now, on {count(s.examples, 'example')} (under "
                   f"{number(LIMITED_DATA_THRESHOLD)}), risks a model that memorises its "
                   "examples instead of generalising.")
    if s.evals is Evals.NONE:
        out.append("There is no evaluation set, so no change of prompt or model can be "
                   "judged and fine-tuning is not recommended until one exists.")
    if s.gap is Gap.KNOWLEDGE:
        out.append("The gap is missing or changing knowledge: retrieval (RAG) keeps facts "
                   "current, whereas fine-tuning bakes in a snapshot and does not fix it.")
    if s.data_policy is DataPolicy.MUST_STAY_INTERNAL:
        hosting = max(s.prompt_hosting_monthly, s.tuned_hosting_monthly)
        if hosting > 0:
            out.append("Data must stay internal, so both options are priced self-hosted: "
                       f"each pays {usd(hosting)} a month of hosting. Privacy favours "
                       "hosting the model yourself, not fine-tuning.")
        if s.prompt_hosting_monthly == 0 and s.tuned_hosting_monthly == 0:
            out.append("Data must stay internal, yet no hosting cost is entered: add the "
                       "monthly cost of your own servers (prompt_hosting_monthly or "
                       "tuned_hosting_monthly), or self-hosting is priced as free.")
    if prompted_model_is_pricier(s):
        out.append("The prompted model costs more per token than the tuned one, so part of "
                   "fine-tuning's saving comes from the smaller model, not from training: "
                   "prompting that smaller model may be cheaper still.")
    if leaning_ft and s.deadline_weeks <= lead:
        out.append(f"The deadline of {weeks(s.deadline_weeks)} is no longer than the roughly "
                   f"{weeks(lead)} fine-tuning takes this team, so ship with prompts first.")
    if leaning_ft:
        if c.monthly_saving <= 0:
            out.append("The tuned model costs as much as prompting or more each month, so "
                       "fine-tuning never pays back on cost alone.")
        elif c.extra_total > 0:
            out.append(f"Over {months(s.horizon_months)}, {_cost_case(c)}.")
        if minimum_upfront(s) <= s.upfront_budget < c.ft_upfront:
            run = affordable_examples(s)
            out.append(f"The upfront budget of {usd(s.upfront_budget)} covers a run on "
                       f"{count(run, 'example')}, not the full run's {usd(c.ft_upfront)}: "
                       f"set the largest training run (max_training_examples) to {number(run)}.")
        if c.retunes:
            out.append(f"{count(c.retunes, 're-tune').capitalize()} inside the horizon, at "
                       f"{usd(c.maintenance)} in all, {'is' if c.retunes == 1 else 'are'} "
                       "priced into fine-tuning's total.")
    if verdict is Verdict.FINE_TUNING and dc.ft_total <= dc.pe_total < c.ft_total:
        full = min(s.examples, s.max_training_examples)
        out.append(f"Training on {count(full, 'example')} tips the cost comparison; a run on "
                   f"{number(minimum_run(s))} still pays back, so set the largest training run "
                   "(max_training_examples) lower.")
    return out


def _hybrid_step(s: Scenario, blocked: Sequence[Blocker], path: Path, score: float) -> str:
    """When to fine-tune on the hybrid path, and what must be true by then."""
    others = [b.remedy for b in blocked if b is not Blocker.DATA]
    if path.data_month == 0:
        if others:
            return (f"You already have {count(s.examples, 'example')}: {join(others)}, then "
                    "fine-tune.")
        return (f"You already have {count(s.examples, 'example')}, but the case is moderate "
                f"(score {score:+.1f}): fine-tune when a pilot beats the prompted baseline on "
                "the evaluation set.")
    live = ("" if path.live_month is None else
            f"; a tuned model could be live around month {number(path.live_month)}")
    switch = _switch_case(s, path)
    pay = f", and {switch}" if switch else ""
    before = f" Before then, {join(others)}." if others else ""
    return (f"Fine-tune around month {path.data_month}, when collection reaches "
            f"{_THRESHOLD}{live}{pay}.{before}")


def next_steps(s: Scenario, c: Costs, verdict: Verdict, score: float,
               blocked: Sequence[Blocker], path: Path) -> list[str]:
    """What to do next, in order, for this verdict."""
    steps = []
    if s.gap is Gap.KNOWLEDGE:
        steps.append("Add retrieval (RAG) over the documents that hold the missing facts, "
                     "and measure again before any training.")
    if s.evals is Evals.NONE:
        steps.append("Build an evaluation set: 50 to 200 real inputs with agreed good "
                     "outputs, scored the same way every time.")
    if prompted_model_is_pricier(s):
        steps.append("Use a smaller or cheaper model: prompt the tuned model's own base "
                     "first, and compare it on the evaluation set before paying for training.")
    if s.data_policy is DataPolicy.MUST_STAY_INTERNAL:
        steps.append("Host the model yourself, whichever way you go: a self-hosted prompted "
                     "model keeps data internal as well as a tuned one.")
    collect = (f"Log inputs, outputs and user feedback to grow your "
               f"{count(s.examples, 'quality example')} by about "
               f"{number(s.examples_per_month)} a month."
               if s.examples_per_month > 0 else
               "Start logging inputs, outputs and user feedback: no new quality examples are "
               "collected yet.")
    if verdict is Verdict.PROMPT_ENGINEERING:
        steps += ["Write clear instructions with a few worked examples, and iterate against "
                  "the evaluation set.", collect]
        if path.data_month and s.gap is not Gap.KNOWLEDGE:
            steps.append(f"Revisit this decision around month {path.data_month}, when you "
                         f"should have {_THRESHOLD}.")
        elif path.data_month is None and s.gap is not Gap.KNOWLEDGE:
            steps.append(f"At this rate you will not reach {_THRESHOLD} within "
                         f"{MONTH_CAP} months: prompting stays the plan.")
    elif verdict is Verdict.HYBRID:
        steps += ["Start with prompts: ship the best prompt you can and baseline it on the "
                  "evaluation set.", collect, _hybrid_step(s, blocked, path, score),
                  "Keep optimising prompts after fine-tuning, for the edge cases."]
    else:
        run = min(s.examples, s.max_training_examples)
        of = "" if run == s.examples else f" of your {number(s.examples)}"
        steps += ["Freeze the evaluation set and baseline the best prompt on it.",
                  f"Fine-tune on {count(run, 'example')}{of} with a held-out validation "
                  "split, and compare with the baseline.",
                  "Keep optimising prompts after fine-tuning, for the edge cases."]
    if verdict is not Verdict.PROMPT_ENGINEERING and c.retunes:
        steps.append(f"Plan {count(c.retunes, 're-tune')} inside the horizon "
                     f"({usd(c.maintenance)}): on a cadence, and when the base model retires.")
    return steps
