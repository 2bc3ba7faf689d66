"""The default scenario worked through step by step, computed at build time.

The methodology page's example and the hybrid page's schedule both come from
``calculator.Scenario()`` with its defaults, so they follow every change of a
default, a weight or a formula.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import calculator
from sitebuild.macros.numbers import constant
from sitebuild.macros.text import TIMES as _X
from sitebuild.macros.text import calculator_module as _module
from sitebuild.macros.text import cell as _cell
from sitebuild.macros.text import number as _n
from sitebuild.macros.text import usd as _usd

__all__ = ["MACROS", "hybrid_schedule", "priced_quality_example", "worked_example"]


def worked_example() -> str:
    """The default scenario computed step by step at build time."""
    s = calculator.Scenario()
    rec = _module("verdict")
    costs = calculator.compute_costs(s)
    result = calculator.recommend(s)
    blocked = list(result.blockers)
    share = s.cached_prompt_share
    prompt_price = (1 - share) * s.base_price_input + share * s.base_price_cached_input
    out = [
        "**Costs**, from the formulas above:",
        "",
        f"- Blended prompt-token price: (1 - {_n(share)}) {_X} {_n(s.base_price_input)} + "
        f"{_n(share)} {_X} {_n(s.base_price_cached_input)} = USD {_n(round(prompt_price, 4))} per "
        "1M tokens.",
        f"- Prompt engineering per month: {_n(s.monthly_requests)} requests {_X} "
        f"({_n(s.prompt_tokens)} {_X} {_n(round(prompt_price, 4))} + {_n(s.input_tokens)} {_X} "
        f"{_n(s.base_price_input)} + {_n(s.output_tokens)} {_X} {_n(s.base_price_output)}) / 1M "
        f"+ {_n(s.prompt_hosting_monthly)} hosting = **{_usd(costs.pe_monthly)}**.",
        f"- Fine-tuning per month: {_n(s.monthly_requests)} {_X} (({_n(s.tuned_prompt_tokens)} + "
        f"{_n(s.input_tokens)}) {_X} {_n(s.tuned_price_input)} + {_n(s.output_tokens)} {_X} "
        f"{_n(s.tuned_price_output)}) / 1M + {_n(s.tuned_hosting_monthly)} hosting = "
        f"**{_usd(costs.ft_monthly)}**.",
        f"- Prompt engineering upfront: the prompt work, **{_usd(costs.pe_upfront)}**.",
        f"- Fine-tuning upfront: min({_n(s.examples)}, {_n(s.max_training_examples)}) examples "
        f"{_X} {_n(s.training_tokens_per_example)} tokens {_X} {_n(s.epochs)} epochs {_X} "
        f"{_n(s.training_price)} / 1M + {_n(s.fine_tuning_fixed_cost)} fixed = "
        f"**{_usd(costs.ft_upfront)}**.",
        f"- Maintenance: {costs.retunes} re-tunes inside the horizon = "
        f"**{_usd(costs.maintenance)}**.",
    ]
    if costs.break_even_months is None:
        out.append("- Break-even: never, because fine-tuning does not cost less per month.")
    else:
        out.append(
            f"- Break-even: ({_usd(costs.ft_upfront)} - {_usd(costs.pe_upfront)}) / "
            f"({_usd(costs.pe_monthly)} - {_usd(costs.ft_monthly)}) = "
            f"**{_n(round(costs.break_even_months, 1))} months**.")
    out += [
        f"- Over {s.horizon_months} months: prompting {_usd(costs.pe_total)}, fine-tuning "
        f"{_usd(costs.ft_total)}.",
        "",
        "**Factors.** Each signal times its weight; the points column is what the factor adds to "
        "the score.",
        "",
        "| Factor | Signal | Weight | Points |",
        "| --- | --- | --- | --- |",
    ]
    scale = float(rec.SCORE_SCALE)
    raw = 0.0
    for f in result.factors:
        raw += f.weight * f.signal
        out.append(f"| [{_cell(f.label)}](#factor-{f.id}) | {round(f.signal, 2):+g} | "
                   f"{_n(f.weight)} | {100 * f.weight * f.signal / scale:+.1f} |")
    out += [
        f"| **Score** | | | **{result.score:+.1f}** |",
        "",
        f"**Verdict.** The raw sum is {round(raw, 3):+g}; {_X} 100 / {_n(scale)} gives a score of "
        f"{result.score:+.1f}. ",
    ]
    verdict = result.verdict.value
    if verdict == "prompt-engineering" and result.score <= rec.PROMPTING_SCORE:
        out[-1] += (f"That is at most {_n(rec.PROMPTING_SCORE)}, so the verdict is "
                    "**prompt engineering**.")
    elif verdict == "prompt-engineering":
        out[-1] += ("A rule overrides the score, so the verdict is **prompt engineering**: "
                    + result.summary)
    elif verdict == "fine-tuning":
        out[-1] += (f"That is above {_n(rec.FINE_TUNING_SCORE)} and nothing blocks "
                    "fine-tuning, so the verdict is **fine-tuning**.")
    else:
        reason = (f"not above {_n(rec.FINE_TUNING_SCORE)}"
                  if result.score <= rec.FINE_TUNING_SCORE else "fine-tuning is blocked")
        out[-1] += (f"That is above {_n(rec.PROMPTING_SCORE)} but {reason}, so the verdict "
                    "is **hybrid**.")
    if blocked:
        out[-1] += (" What stands between this scenario and fine-tuning outright: "
                    + "; ".join(b.reason for b in blocked) + ".")
    if result.fine_tune_month and result.path is not None:
        out += ["", f"The hybrid schedule: ({_n(result.path.threshold)} - "
                    f"{_n(s.examples)}) / {_n(s.examples_per_month)} new examples a month, "
                    f"rounded up, is month **{result.fine_tune_month}**."]
    path = result.path
    if verdict == "hybrid" and path is not None and path.live_month is not None:
        weeks = _module("factors").fine_tuning_weeks_range(s)[1]
        saving = path.saving or 0.0
        money = (f"saves {_usd(saving)} by month {s.horizon_months}" if saving >= 0 else
                 f"costs {_usd(-saving)} more by month {s.horizon_months}, accepted for the "
                 "quality need")
        out[-1] += (f" Plus the up to {weeks} weeks fine-tuning takes this team, a tuned model is "
                    f"live around month {_n(round(path.live_month, 1))}; switching at month "
                    f"{_n(round(path.switch_month or 0.0, 1))} {money}, so the path is "
                    "reachable.")
    out += ["", f"Confidence: **{result.confidence.value}**. "
                "[Open this example in the calculator](calculator.md)."]
    return "\n".join(out) + "\n"


def hybrid_schedule() -> str:
    """When the default scenario has the data for a pilot tune, computed by the calculator."""
    s = calculator.Scenario()
    plan = _module("plan")
    threshold = _n(plan.pilot_need(s))
    month = _module("verdict").fine_tune_month(s, needed=plan.pilot_need(s))
    if month is None:
        return (f"With the calculator's default inputs ({_n(s.examples)} examples, "
                f"{_n(s.examples_per_month)} more a month) the {threshold} examples a pilot "
                f"tune needs are not reached within {constant('MONTH_CAP')} months.\n")
    if month == 0:
        return (f"With the calculator's default inputs ({_n(s.examples)} examples) the "
                f"{threshold} examples of a pilot tune are already there.\n")
    return (f"With the calculator's default inputs, {_n(s.examples)} quality examples today "
            f"and {_n(s.examples_per_month)} more each month, the {threshold} mark is reached "
            f"in month **{month}**: ({threshold} - {_n(s.examples)}) / "
            f"{_n(s.examples_per_month)}, rounded up.\n")


def priced_quality_example() -> str:
    """One worked example with priced quality: a gallery team, computed at build time."""
    team = _module("gallery").team("fraud-alerts-priced-errors")
    s = team.scenario
    r = calculator.recommend(s)
    c = r.costs
    unpriced = calculator.recommend(replace(s, cost_per_error=0.0))
    rows = [
        "| | Prompt engineering | Fine-tuning |", "| --- | --- | --- |",
        f"| Error rate (evaluation set; pilot tune) | {_n(s.prompted_error_rate)} | "
        f"{_n(s.tuned_error_rate)} |",
        f"| Errors a month ({_n(s.monthly_requests)} requests) | "
        f"{_n(s.monthly_requests * s.prompted_error_rate)} | "
        f"{_n(s.monthly_requests * s.tuned_error_rate)} |",
        f"| Error cost a month at {_module('wording').usd(s.cost_per_error)} each | "
        f"{_usd(c.pe_errors_monthly)} | "
        f"{_usd(c.ft_errors_monthly)} |",
        f"| Monthly cost, errors included | {_usd(c.pe_monthly)} | {_usd(c.ft_monthly)} |",
        f"| Total over {c.horizon_months} months | {_usd(c.pe_total)} | {_usd(c.ft_total)} |",
    ]
    be = c.break_even_months
    return "\n".join([
        f"**{_cell(team.name)}.** {_cell(team.story)}", "",
        *rows, "",
        f"With errors priced, fine-tuning breaks even after "
        f"{'never' if be is None else _n(round(be, 1))} months and the verdict is "
        f"**{r.verdict.label.lower()}** ({r.confidence.value} confidence). With the same "
        f"inputs and errors unpriced (cost per error 0), it is "
        f"**{unpriced.verdict.label.lower()}**"
        + (f": {_cell(unpriced.value_needed)}" if unpriced.value_needed else "."),
    ]) + "\n"


MACROS: tuple[Callable[..., Any], ...] = (
    priced_quality_example,
    hybrid_schedule,
    worked_example,
)
