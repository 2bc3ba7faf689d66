"""The sentences of a result: summary, warnings and next steps.

Every number in them comes from the costs and the path the verdict was decided
on, through the helpers of ``wording``, so a summary can never quote one upfront
cost and a warning another, and counts read "1 month" and "2 months".
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from .costs import (
    TYPICAL_LIFE_MONTHS,
    Costs,
    filled_hosting_side,
    hosting,
    migration_months,
)
from .factors import (
    EVAL_HOLDOUT,
    LIMITED_DATA_THRESHOLD,
    PILOT_EXAMPLES,
    fine_tuning_weeks_range,
    minimum_run,
    minimum_upfront,
)
from .option_dates import alternative
from .plan import MONTH_CAP, Path, pilot_need, quality_needs
from .scenario import DataPolicy, Evals, Expertise, Gap, Scenario, Stage
from .verdict import Blocker, Verdict, managed_service
from .wording import count, join, months, number, usd, weeks

__all__ = ["affordable_examples", "next_steps", "prompted_model_is_pricier", "reason",
           "summary", "warnings"]


def _threshold(path: Path) -> str:
    return count(path.threshold, "quality example")


def reason(blocker: Blocker, path: Path) -> str:
    """A gate as a noun phrase, with this scenario's data threshold where it matters."""
    if blocker is Blocker.DATA:
        return (f"fewer than the {count(path.full, 'quality example')} fine-tuning outright "
                "needs for this case")
    return blocker.reason


def remedy(blocker: Blocker, path: Path, s: Scenario | None = None) -> str:
    """What clears a gate: the missing evidence first, with this scenario's figures."""
    if blocker is Blocker.DATA:
        if path.data_month == 0:
            return (f"pilot a tune on {number(PILOT_EXAMPLES)} of your examples against the "
                    f"evaluation set, and grow the set toward {number(path.full)}")
        return (f"collect the {_threshold(path)} of a pilot tune, then grow toward "
                f"{number(path.full)}")
    if blocker is Blocker.EVALUATION and s is not None and s.examples >= pilot_need(s):
        return (f"hold out {number(EVAL_HOLDOUT)} of your {number(s.examples)} examples as an "
                "evaluation set first (with one, tuning is within reach)")
    if blocker is Blocker.EVALUATION:
        return (f"build an evaluation set first: a few hundred ({number(EVAL_HOLDOUT)}) real "
                "cases with agreed answers")
    if blocker is Blocker.TIME:
        return "ship the prompt by the deadline and tune after it"
    return blocker.remedy


def _held(s: Scenario, blocked: Sequence[Blocker], path: Path) -> str:
    """The gates that hold fine-tuning back and what opens each, as one sentence."""
    reasons = join([reason(b, path) for b in blocked])
    remedies = join([remedy(b, path, s) for b in blocked])
    return f"Held back now by {reasons}: {remedies}."


def _path_step(s: Scenario, path: Path) -> str:
    """The first step that would make the hybrid path reachable, for a prompting verdict."""
    if not path.affordable:
        return f"secure an upfront budget of {usd(minimum_upfront(s))}"
    if path.data_month is None:
        return (f"log and label what users do until you have {_threshold(path)} for a pilot "
                "tune")
    if path.closed is not None:
        other = alternative(s)
        named = f", such as {other.label} (preset {other.id})" if other is not None else ""
        return Blocker.PLATFORM.remedy + named
    if path.switch_month is None:
        return Blocker.HORIZON.remedy
    if s.cost_per_error == 0:
        return ("if wrong answers cost you money, price them (cost per error and both error "
                "rates): the errors a tune avoids may repay it")
    return Blocker.PAY_BACK.remedy


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


def _break_even(c: Costs) -> str:
    """The break-even as a phrase for brackets: 'break-even within 3 months'."""
    value = c.break_even_months
    if value is None:
        return "no break-even on monthly costs"
    if value < 1:
        return "break-even within the first month"
    return f"break-even within {months(math.ceil(value))}"


def _cost_case(c: Costs) -> str:
    """Fine-tuning's money over the horizon, re-tunes included, in one clause."""
    tail = (f", {count(c.retunes, 're-tune')} included" if c.retunes else "")
    if c.extra_total <= 0:
        return (f"it saves {usd(-c.extra_total)} over {months(c.horizon_months)}{tail} "
                f"({_break_even(c)})")
    return (f"it costs {usd(c.extra_total)} more than prompting over "
            f"{months(c.horizon_months)}{tail}")


def _backing(s: Scenario) -> str:
    """What backs an outright fine-tuning verdict; a managed service stands in for skills."""
    skills = ("a managed service" if s.ml_expertise is Expertise.NONE and managed_service(s)
              else "skills")
    return f"data, evaluation, {skills}, time and budget"


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
        if not (path.quality or path.pays_back or Blocker.PAY_BACK not in blocked):
            retiring = (f", with the base model retiring every "
                        f"{months(s.model_lifetime_months)}"
                        if 0 < s.model_lifetime_months < s.horizon_months else "")
            return ("Prompt engineering: nothing here calls for fine-tuning. It would not save "
                    f"a material share of the cost within the horizon{retiring}, and there is "
                    "no quality need (critical consistency, a domain-specific task or critical "
                    f"latency). Next: {_path_step(s, path)}.")
        missing = path.missing(s.horizon_months)
        return ("Prompt engineering: fine-tuning has no reachable path yet. It lacks "
                + (join(missing) if missing else "a strong enough case")
                + f". Next: {_path_step(s, path)}.")
    if verdict is Verdict.FINE_TUNING:
        why = f"the needs are strong and backed by {_backing(s)}"
        if c.extra_total <= 0:
            return f"Fine-tune: {why}, and {_cost_case(c)}."
        need = join(quality_needs(s)) or "the quality need"
        return (f"Fine-tune for quality ({need}): {why}, but {_cost_case(c)}, which the "
                "quality gain must justify.")
    switch = _switch_case(s, path)
    tail = f"; {switch}" if switch else ""
    if path.data_month == 0:
        head = ("Start with prompts; you have the data for a pilot tune, and fine-tuning is "
                "the next step")
    else:
        head = (f"Start with prompts and collect data; pilot a tune around month "
                f"{path.data_month}, with {_threshold(path)}")
    held = f" {_held(s, blocked, path)}" if blocked else (
        " The case for fine-tuning is still moderate: pilot a tune and switch if it beats the "
        "prompt on the evaluation set.")
    return f"{head}{tail}.{held}"


def warnings(s: Scenario, c: Costs, dc: Costs, verdict: Verdict, path: Path) -> list[str]:
    """What a reviewer should know before acting on the verdict."""
    out = []
    leaning_ft = verdict is not Verdict.PROMPT_ENGINEERING
    low, high = fine_tuning_weeks_range(s)
    if s.examples < LIMITED_DATA_THRESHOLD and verdict is Verdict.FINE_TUNING:
        out.append(f"Fine-tuning on {count(s.examples, 'example')} (under "
                   f"{number(LIMITED_DATA_THRESHOLD)}) can memorise its examples instead of "
                   "generalising: check the tuned model on the held-out evaluation set before "
                   "switching.")
    if s.evals is Evals.NONE:
        out.append("There is no evaluation set, so no change of prompt or model can be "
                   "judged and fine-tuning is not recommended until one exists.")
    if s.gap is Gap.KNOWLEDGE:
        out.append("The gap is missing or changing knowledge: retrieval (RAG) keeps facts "
                   "current, whereas fine-tuning bakes in a snapshot and does not fix it.")
    if s.data_policy is DataPolicy.MUST_STAY_INTERNAL:
        pe_hosting, ft_hosting = hosting(s)
        filled = filled_hosting_side(s)
        if filled == "prompt_hosting_monthly":
            note = (f" No prompting hosting was entered, so the prompted model is priced on "
                    f"the tuned model's {usd(ft_hosting)} a month; enter "
                    "prompt_hosting_monthly if it differs.")
        elif filled == "tuned_hosting_monthly":
            note = (f" No tuned-model hosting was entered, so the tuned model is priced on "
                    f"the prompted model's {usd(pe_hosting)} a month; enter "
                    "tuned_hosting_monthly if it differs.")
        else:
            note = ""
        if pe_hosting > 0 or ft_hosting > 0:
            each = (f"each pays {usd(pe_hosting)} a month of hosting"
                    if pe_hosting == ft_hosting else
                    f"prompting pays {usd(pe_hosting)} and the tuned model {usd(ft_hosting)} "
                    "a month of hosting")
            out.append(f"Data must stay internal, so both options are priced self-hosted: "
                       f"{each}. Privacy favours hosting the model yourself, not "
                       f"fine-tuning.{note}")
        if s.prompt_hosting_monthly == 0 and s.tuned_hosting_monthly == 0:
            out.append("Data must stay internal, yet no hosting cost is entered: add the "
                       "monthly cost of your own servers (prompt_hosting_monthly or "
                       "tuned_hosting_monthly), or self-hosting is priced as free.")
    if prompted_model_is_pricier(s):
        out.append("The prompted model costs more per token than the tuned one, so part of "
                   "fine-tuning's saving comes from the smaller model, not from training: "
                   "prompting that smaller model may be cheaper still.")
    if leaning_ft and s.deadline_weeks <= high:
        out.append(f"The deadline of {weeks(s.deadline_weeks)} is no longer than the {low} to "
                   f"{weeks(high)} fine-tuning may take this team, so ship with prompts first.")
    if leaning_ft:
        if c.monthly_saving <= 0:
            out.append("The tuned model costs as much as prompting or more each month, so "
                       "fine-tuning never pays back on cost alone.")
        elif c.extra_total > 0 and verdict is Verdict.HYBRID:
            out.append(f"Fine-tuning right away, rather than on the plan above, "
                       f"{_cost_case(c).removeprefix('it ')}.")
        if minimum_upfront(s) <= s.upfront_budget < c.ft_upfront:
            run = affordable_examples(s)
            out.append(f"The upfront budget of {usd(s.upfront_budget)} covers a run on "
                       f"{count(run, 'example')}, not the full run's {usd(c.ft_upfront)}: "
                       f"set the largest training run (max_training_examples) to {number(run)}.")
        if c.retunes:
            out.append(f"{count(c.retunes, 're-tune').capitalize()} inside the horizon "
                       f"({_retune_kinds(s)}), at {usd(c.maintenance)} in all, "
                       f"{'is' if c.retunes == 1 else 'are'} priced into fine-tuning's total.")
    if verdict is Verdict.FINE_TUNING and dc.ft_total <= dc.pe_total < c.ft_total:
        full = min(s.examples, s.max_training_examples)
        out.append(f"Training on {count(full, 'example')} tips the cost comparison; a run on "
                   f"{number(minimum_run(s))} still pays back, so set the largest training run "
                   "(max_training_examples) lower.")
    return out


def _retune_kinds(s: Scenario) -> str:
    """Why the re-tunes happen: on the cadence, at the base model's retirements, or both."""
    kinds = []
    if s.retrain_every_months > 0 and s.retrain_every_months < s.horizon_months:
        kinds.append(f"every {months(s.retrain_every_months)}")
    retirements = migration_months(s)
    if retirements:
        kinds.append(f"a move to a new base model when it retires after "
                     f"{months(s.model_lifetime_months)}"
                     + (f", then every {months(TYPICAL_LIFE_MONTHS)} as each successor "
                        "retires" if len(retirements) > 1 else ""))
    return " and ".join(kinds) or "as scheduled"


def _hybrid_step(s: Scenario, blocked: Sequence[Blocker], path: Path, score: float) -> str:
    """The pilot tune on the hybrid path: the missing evidence first, then when to switch."""
    # The deadline is for the first release; a later fine-tune is not held to it.
    later = {Blocker.DATA, Blocker.TIME} if path.data_month else {Blocker.DATA}
    others = [remedy(b, path, s) for b in blocked if b not in later]
    pilot = (f"pilot a tune on {number(PILOT_EXAMPLES)} examples, score it against the prompt "
             "on the evaluation set (this measures the tuned error rate), and switch if it "
             "wins")
    if path.data_month == 0:
        if others:
            return (f"You already have {count(s.examples, 'example')}: {join(others)}, then "
                    f"{pilot}.")
        return (f"You already have {count(s.examples, 'example')} and a moderate case "
                f"(score {score:+.1f}): {pilot}.")
    live = ("" if path.live_month is None else
            f"; a tuned model could be live around month {number(path.live_month)}")
    switch = _switch_case(s, path)
    pay = f", and {switch}" if switch else ""
    before = f" Before then, {join(others)}." if others else ""
    return (f"Around month {path.data_month}, when collection reaches "
            f"{_threshold(path)}, {pilot}{live}{pay}.{before}")


def next_steps(s: Scenario, c: Costs, verdict: Verdict, score: float,
               blocked: Sequence[Blocker], path: Path) -> list[str]:
    """What to do next, in order, for this verdict."""
    steps = []
    if s.gap is Gap.KNOWLEDGE:
        steps.append("Add retrieval (RAG) over the documents that hold the missing facts, "
                     "and measure again before any training.")
    if s.evals is Evals.NONE:
        steps.append(f"Build an evaluation set: hold out {number(EVAL_HOLDOUT)} real inputs "
                     "with agreed good outputs, never trained on, scored the same way every "
                     "time; it also measures the prompted error rate.")
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
        if s.gap is Gap.KNOWLEDGE:
            pass
        elif s.stage is Stage.EXPLORING:
            steps.append("Revisit this decision once the use case is validated with prompts.")
        elif path.data_month and path.data_month <= s.horizon_months:
            steps.append(f"Revisit this decision around month {path.data_month}, when you "
                         f"should have the {_threshold(path)} of a pilot tune.")
        elif path.data_month:
            steps.append(f"At this rate you reach {_threshold(path)} around month "
                         f"{path.data_month}, past your {s.horizon_months}-month horizon: "
                         "prompting stays the plan.")
        elif path.data_month is None and s.examples < path.threshold:
            steps.append(f"At this rate you will not reach {_threshold(path)} within "
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
                     f"({usd(c.maintenance)}): {_retune_kinds(s)}.")
    return steps
