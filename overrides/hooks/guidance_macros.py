"""Macros for the guidance pages: every number, rule and table comes from ``calculator``.

Each macro is a plain, documented function that returns Markdown (or an HTML
block) and can be called directly from tests. ``register`` only hands them to
mkdocs-macros. Nothing here decides anything: the rules, weights, thresholds,
prices and formulas are read from the ``calculator`` package at build time, so
the pages change when the code does and cannot drift from it.

Links are written to the Markdown source files (``prompt-engineering.md#...``)
so that MkDocs' strict build validates every page and anchor they point to.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import replace
from html import escape
from types import ModuleType
from typing import Any

import calculator

__all__ = [
    "CHECKLIST",
    "MACROS",
    "constant",
    "cost_formulas",
    "decision_flow",
    "decision_record_example",
    "decision_record_template",
    "factor_demo_query",
    "factor_note",
    "factor_table",
    "gates_list",
    "hybrid_schedule",
    "input_defaults_table",
    "page_source",
    "pay_back_formula",
    "price_sources_table",
    "priced_quality_example",
    "register",
    "review_checklist",
    "review_checklist_markdown",
    "score_rules",
    "threshold_table",
    "timeline_table",
    "vendor_minimum_range",
    "vendor_minimums_table",
    "vendor_recommended_range",
    "worked_example",
]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


_X = "\N{MULTIPLICATION SIGN}"


def _module(name: str) -> ModuleType:
    """A submodule of ``calculator`` (``calculator.recommend`` is also a function name)."""
    return importlib.import_module(f"calculator.{name}")


def _n(value: float) -> str:
    """Numbers as the calculator prints them: thousands grouped, no needless ``.0``."""
    formatter: Callable[[float], str] = _module("schema").format_number
    return formatter(value)


def _usd(value: float) -> str:
    return "USD " + _n(round(value))


def _cell(text: object) -> str:
    """Text made safe for a Markdown table cell."""
    escaper: Callable[[str], str] = _module("render").escape_markdown
    return escaper(str(text))


def _url_encoded_query(values: Mapping[str, object]) -> str:
    """The calculator's share query for the defaults with ``values`` changed."""
    scenario = calculator.parse_scenario(dict(values))
    return calculator.encode_query(scenario)


def page_source(site_path: str) -> str:
    """The Markdown file of a site path: ``'prompt-engineering/'`` -> ``'prompt-engineering.md'``.

    Every guidance page sits at the top of ``docs/``, so the file is also the
    relative link from any other page.
    """
    stem = site_path.strip("/")
    if "/" in stem:
        raise ValueError(f"expected a top-level page path such as 'decision/', got {site_path!r}")
    return f"{stem or 'index'}.md"


def _factor_source(factor_id: str) -> str:
    """``'limited-data'`` -> ``'prompt-engineering.md#limited-data'``."""
    if factor_id not in calculator.FACTOR_PAGES:
        known = ", ".join(calculator.FACTOR_PAGES)
        raise KeyError(f"unknown factor id {factor_id!r}; known ids: {known}")
    return f"{page_source(calculator.FACTOR_PAGES[factor_id])}#{factor_id}"


def _spec(factor_id: str) -> Any:
    for spec in calculator.FACTOR_SPECS:
        if spec.id == factor_id:
            return spec
    known = ", ".join(spec.id for spec in calculator.FACTOR_SPECS)
    raise KeyError(f"unknown factor id {factor_id!r}; known ids: {known}")


def _field_label(name: str) -> str:
    return str(calculator.FIELD_BY_NAME[name].label)


def _points(weight: float) -> str:
    """A weight as the most score points it can move (the score runs to +/-100)."""
    scale = float(_module("verdict").SCORE_SCALE)
    return _n(round(100.0 * weight / scale, 1))


# ---------------------------------------------------------------------------
# Single numbers
# ---------------------------------------------------------------------------

_CONSTANT_MODULES = ("factors", "verdict", "recommend", "costs", "schema")


def constant(name: str) -> str:
    """A numeric constant of the calculator, formatted for prose.

    ``{{ constant("LIMITED_DATA_THRESHOLD") }}`` -> ``1,000``. Looks in
    ``calculator.factors``, then ``verdict``, ``recommend``, ``costs`` and ``schema``;
    an unknown name fails the build.
    """
    for module_name in _CONSTANT_MODULES:
        module = _module(module_name)
        if hasattr(module, name):
            value = getattr(module, name)
            if isinstance(value, tuple) and value and all(
                    isinstance(v, int | float) and not isinstance(v, bool) for v in value):
                return " / ".join(_n(v) for v in value)
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError(f"calculator constant {name} is not a number: {value!r}")
            return _n(value)
    raise AttributeError(f"no numeric constant {name!r} in calculator.{_CONSTANT_MODULES}")


def vendor_minimum_range() -> str:
    """The spread of vendors' minimum training-set sizes, e.g. ``10 to 100``."""
    minimums = [v.minimum for v in calculator.VENDOR_MINIMUMS if v.minimum is not None]
    low, high = min(minimums), max(minimums)
    return _n(low) if low == high else f"{_n(low)} to {_n(high)}"


# ---------------------------------------------------------------------------
# Guidance pages: one note per criterion
# ---------------------------------------------------------------------------

# A scenario in which each factor clearly fires, built from the defaults and
# the calculator's own thresholds, for "try it" links on the guidance pages.
def _demo_values() -> dict[str, dict[str, object]]:
    factors = _module("factors")
    defaults = calculator.Scenario()
    fixed_cost = float(defaults.fine_tuning_fixed_cost)
    return {
        "quick-iterations": {"deadline_weeks": factors.QUICK_ITERATION_WEEKS},
        "limited-data": {"examples": factors.LIMITED_DATA_THRESHOLD // 4},
        "general-tasks": {"task": "general"},
        "cost-constraints": {"upfront_budget": fixed_cost / 2},
        "experimentation": {"stage": "exploring"},
        "domain-specific-tasks": {"task": "domain-specific", "stage": "scaling"},
        "consistent-outputs": {"consistency": "critical"},
        "large-datasets": {"examples": factors.LARGE_DATASET_THRESHOLD},
        "latency-requirements": {"latency": "critical"},
        "privacy-concerns": {"data_policy": "must-stay-internal"},
        "budget": {"monthly_requests": float(defaults.monthly_requests) * 10},
        "priced-quality": {"cost_per_error": 0.5, "prompted_error_rate": 0.04,
                           "tuned_error_rate": 0.02},
        "timeline": {"deadline_weeks": max(1, factors.fine_tuning_weeks(defaults) - 1)},
        "team-expertise": {"ml_expertise": "none"},
        "evaluation-maturity": {"evals": "none"},
        "knowledge-vs-behaviour": {"gap": "knowledge"},
        "model-lifetime": {"model_lifetime_months": max(1, defaults.horizon_months // 2)},
    }


def factor_demo_query(factor_id: str) -> str:
    """The calculator query of a scenario in which ``factor_id`` clearly applies."""
    demos = _demo_values()
    if factor_id not in demos:
        raise KeyError(f"no demonstration scenario for factor {factor_id!r}")
    return _url_encoded_query(demos[factor_id])


def factor_note(factor_id: str) -> str:
    """The "In the calculator" part closing each criterion section: a heading, then a box.

    The heading gives reviewers an anchor to cite (``#<factor>-in-the-calculator``).
    The box names the factor, its weight and rule as the calculator applies them, and
    links to the factor's row on the methodology page and to the calculator
    opened on a scenario in which the factor applies.
    """
    spec = _spec(factor_id)
    inputs = ", ".join(_field_label(name) for name in spec.inputs)
    query = factor_demo_query(factor_id)
    calc = "calculator.md" + (f"?{query}" if query else "")
    body = (
        f"Factor **{spec.label}**, weight **{_n(spec.weight)}** (up to "
        f"{_points(spec.weight)} of the 100 score points), read from: {inputs}.\n"
        f"Rule: {spec.rule}\n\n"
        f"[How this factor is weighed](methodology.md#factor-{spec.id}) · "
        f"[Open the calculator with this factor in play]({calc})"
    )
    heading = f"### In the calculator {{#{spec.id}-in-the-calculator}}\n\n"
    return (heading + f'!!! abstract "Factor: {spec.label}"\n\n'
            + textwrap.indent(body, "    ") + "\n")


# ---------------------------------------------------------------------------
# Methodology page
# ---------------------------------------------------------------------------


def factor_table() -> str:
    """Every factor: criterion link, inputs, weight, maximum points and rule.

    Each row carries the id ``factor-<id>`` so that the guidance pages can
    link to it, and links back to the criterion's own section.
    """
    rows = [
        "| Factor | Reads | Weight | Moves the score by up to | Rule (signal from -1 to +1) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for spec in calculator.FACTOR_SPECS:
        inputs = ", ".join(f"`{name}`" for name in spec.inputs)
        rows.append(
            f'| <span id="factor-{spec.id}"></span>'
            f"[{_cell(spec.label)}]({_factor_source(spec.id)}) | {inputs} | "
            f"{_n(spec.weight)} | {_points(spec.weight)} | {_cell(spec.rule)} |"
        )
    total = sum(spec.weight for spec in calculator.FACTOR_SPECS)
    rows.append(f"| **All factors** | | **{_n(total)}** | | the score is capped at ±100 |")
    return "\n".join(rows) + "\n"


def score_rules() -> str:
    """How signals become a score and the score a verdict, with the live constants."""
    rec = _module("verdict")
    scale = _n(rec.SCORE_SCALE)
    return (
        f"- **Score.** Each factor gives a signal from -1 (favours prompting) to +1 (favours "
        f"fine-tuning). The score is the sum of signal {_X} weight, multiplied by 100 / {scale}, "
        f"rounded to one decimal and capped to -100 … +100.\n"
        "- **Rule 1.** A knowledge gap gives **prompt engineering** with retrieval (RAG), "
        "whatever the score.\n"
        f"- **Rule 2.** **Fine-tuning** when the score is above {_n(rec.FINE_TUNING_SCORE)} "
        "*and* no gate below holds; without an evaluation set it never is.\n"
        f"- **Rule 3.** **Hybrid** when the score is above {_n(rec.PROMPTING_SCORE)} and the "
        "hybrid path is reachable (see below).\n"
        "- **Otherwise prompt engineering**, with the summary naming what is missing.\n"
        "- **Bands.** The result's gauge draws the three bands at these thresholds: "
        f"prompting up to {_n(rec.PROMPTING_SCORE)}, hybrid up to "
        f"{_n(rec.FINE_TUNING_SCORE)}, fine-tuning above. When a gate or the path decides "
        "against the band the score sits in, the summary names the gate and the step that "
        "opens it.\n"
        "- **Confidence** is how much of the evidence agrees: the share of the weighted pull "
        "that points the verdict's way, and how far the score sits from a band's edge. It "
        "is *high* only when the factors agree and the score alone gives the verdict, so a "
        "hybrid or a gated verdict is at most *medium*; and a fine-tuning verdict whose "
        "break-even falls past the horizon is at most *medium* too, unless priced errors "
        "repay it inside the horizon.\n"
    )


def threshold_table(meanings: bool = True) -> str:
    """The thresholds the factors and the verdict use, with what crossing each means.

    ``meanings=False`` gives the two-column form the one-page summary prints.
    """
    verdict = _module("verdict")
    rows = [*calculator.threshold_rows(), (
        "Prompt engineering score", f"at most {_n(verdict.PROMPTING_SCORE)}",
        "Prompting wins outright."), (
        "Fine-tuning score", f"above {_n(verdict.FINE_TUNING_SCORE)}",
        "Fine-tuning is recommended when no gate holds it back."), (
        "Score scale", "\u2212100 (prompting) to +100 (fine-tuning)",
        f"{_n(verdict.SCORE_SCALE)} weighted points make a score of 100; the score is capped "
        "there."), (
        "Collection horizon", f"{_n(verdict.MONTH_CAP)} months",
        "Beyond this, the hybrid schedule treats the data threshold as never reached.")]
    if not meanings:
        return "\n".join(["| Threshold | Value |", "| --- | --- |",
                          *(f"| {_cell(name)} | {_cell(value)} |" for name, value, _ in rows)]
                         ) + "\n"
    return "\n".join(["| Threshold | Value | What it means |", "| --- | --- | --- |",
                      *(f"| {_cell(name)} | {_cell(value)} | {_cell(meaning)} |"
                        for name, value, meaning in rows)]) + "\n"


def timeline_table() -> str:
    """Weeks to a first tuned model, by ML engineering strength and evaluation maturity."""
    factors = _module("factors")
    evals = list(factors.EVALS_EXTRA_WEEKS)
    field = calculator.FIELD_BY_NAME["evals"]
    labels = {choice.value: choice.label for choice in field.choices}
    ml_labels = {c.value: c.label for c in calculator.FIELD_BY_NAME["ml_expertise"].choices}
    head = "| ML engineering | " + " | ".join(
        f"Evaluation set: {labels[e.value]}" for e in evals) + " |"
    rows = [head, "| --- |" + " --- |" * len(evals)]
    for level, base in factors.FINE_TUNING_BASE_WEEKS.items():
        cells = " | ".join(f"{base + factors.EVALS_EXTRA_WEEKS[e]} weeks" for e in evals)
        rows.append(f"| {ml_labels[level.value]} | {cells} |")
    return "\n".join(rows) + "\n"


def vendor_minimums_table() -> str:
    """Vendors' published minimum and recommended training-set sizes, with sources."""
    rows = ["| Provider | A job accepts from | Recommended to start | Source |",
            "| --- | --- | --- | --- |"]
    for vendor in calculator.VENDOR_MINIMUMS:
        accepts = "not stated" if vendor.minimum is None else f"{_n(vendor.minimum)} examples"
        rows.append(f"| {_cell(vendor.vendor)} | {accepts} | "
                    f"{_cell(vendor.recommended)} | {_source_cell(vendor.source)} |")
    return "\n".join(rows) + "\n"


def vendor_recommended_range() -> str:
    """Where vendors advise starting, e.g. ``50 to 500``, or ``50 or more`` if one is open-ended.

    Vendors whose pages state no recommendation are left out rather than guessed.
    """
    vendors = [v for v in calculator.VENDOR_MINIMUMS if v.recommended_low is not None]
    low = min(v.recommended_low for v in vendors if v.recommended_low is not None)
    highs = [v.recommended_high for v in vendors]
    if any(high is None for high in highs):
        return f"{_n(low)} or more"
    return f"{_n(low)} to {_n(max(h for h in highs if h is not None))}"


def _source_cell(source: str) -> str:
    """A source citation with its URL made a link (the rest escaped)."""
    words = []
    for word in source.split(" "):
        bare = word.rstrip(",.;:")
        if bare.startswith(("https://", "http://")):
            words.append(f"<{bare}>{word[len(bare):]}")
        else:
            words.append(_cell(word))
    return " ".join(words)


def _default_text(field: Any) -> str:
    value = field.default
    shown = _n(value) if isinstance(value, int | float) else f"`{value}`"
    return f"{shown} {field.unit}".strip()


def price_sources_table() -> str:
    """Every cost and price default with its source and the date it was checked."""
    rows = ["| Input | Default | Source |", "| --- | --- | --- |"]
    cited = [field for field in calculator.FIELDS if field.source]
    if not cited:
        raise ValueError("no calculator field cites a source; the price table would be empty")
    for field in cited:
        rows.append(f"| {_cell(field.label)} (`{field.name}`) | {_cell(_default_text(field))} | "
                    f"{_source_cell(field.source)} |")
    return "\n".join(rows) + "\n"


def input_defaults_table() -> str:
    """Every input with its default and accepted range, grouped as on the form."""
    rows = ["| Group | Input | Field | Default | Accepts |", "| --- | --- | --- | --- | --- |"]
    for field in calculator.FIELDS:
        rows.append(
            f"| {_cell(field.group.value)} | {_cell(field.label)} | `{field.name}` | "
            f"{_cell(_default_text(field))} | {_cell(field.describe_range())} |"
        )
    return "\n".join(rows) + "\n"


def _function_source(function: Callable[..., Any]) -> str:
    """A function's source without its docstring."""
    source = textwrap.dedent(inspect.getsource(function))
    tree = ast.parse(source)
    node = tree.body[0]
    if not isinstance(node, ast.FunctionDef):
        raise TypeError(f"{function.__qualname__} is not a plain function")
    lines = source.splitlines()
    first = node.body[0]
    if (isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str) and first.end_lineno is not None):
        del lines[first.lineno - 1:first.end_lineno]
    return "\n".join(lines)


def cost_formulas() -> str:
    """The cost model as the calculator runs it: the source of its functions, in call order."""
    costs = _module("costs")
    functions = (costs.training_examples, costs.training_cost, costs.retune_cost,
                 costs.migration_months, costs.retune_months, costs.hosting,
                 costs.compute_costs, costs.error_costs, costs.value_needed)
    code = "\n\n\n".join(_function_source(function) for function in functions)
    return f"```python\n{code}\n```\n"


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


def pay_back_formula() -> str:
    """How the verdict tests a pay-back, now or on the hybrid path: the code it runs."""
    costs = _module("costs")
    code = _function_source(costs.net_saving) + "\n\n\n" + _function_source(costs.pays_back)
    return f"```python\n{code}\n```\n"


def gates_list() -> str:
    """Every gate that keeps a high score from becoming a fine-tuning verdict."""
    gates = _module("verdict").GATES
    if not gates:
        raise ValueError("calculator.verdict.GATES is empty")
    return "\n".join(f"- {_cell(gate.rule)}" for gate in gates) + "\n"


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


# ---------------------------------------------------------------------------
# Checklist page: the review checklist, one source for the page and the copy
# ---------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------
# Checklist page: the decision record, straight from the renderer
# ---------------------------------------------------------------------------


def _default_record(site_url: str | None = None) -> str:
    result = calculator.recommend(calculator.Scenario())
    return str(calculator.render_markdown(result, site_url or calculator.DEFAULT_BASE_URL))


_TEMPLATE_PROMPTS = {
    "Context": "What the feature does, who uses it, and the inputs the decision rests on.",
    "Costs": "Upfront, per month and total over the horizon for both approaches; "
             "the break-even month and the timeline.",
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


# ---------------------------------------------------------------------------
# Overview: the decision flow as a build-time SVG (no client-side rendering)
# ---------------------------------------------------------------------------


def _flow_steps() -> list[tuple[str, tuple[str, ...], str, tuple[str, ...], str]]:
    """(question id, question lines, "exit" answer, outcome lines, outcome page).

    Read from ``calculator.flow``, which states each question as the verdict rule
    it is, so the drawing follows the calculator when its rules change.
    """
    flow = _module("flow")
    return [(step.id, step.question, step.exit_answer, step.outcome, step.page)
            for step in flow.FLOW]


def decision_flow(with_steps: bool = True) -> str:
    """The overview's decision flow: an accessible inline SVG plus the same flow as a list.

    ``with_steps=False`` leaves the list out (the one-page summary prints the figure
    only; its checklist carries the same links).

    Drawn at build time from the calculator's thresholds, styled only through
    CSS classes (``tp-flow-*``), so it needs no script, no other origin and no
    inline styles, follows the light and dark palettes and prints.
    """
    steps = _flow_steps()
    q_x, q_w, o_x, o_w, row_h, box_h, top = 10, 330, 410, 300, 110, 78, 10
    line_h = 18
    parts = [
        '<figure class="tp-flow">',
        '<svg class="tp-flow-svg" viewBox="0 0 720 {h}" role="img" '
        'aria-labelledby="tp-flow-title tp-flow-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="tp-flow-title">Decision flow: prompt engineering, hybrid or fine-tuning'
        "</title>",
        f'<desc id="tp-flow-desc">{len(steps)} questions asked in order; each may end at an '
        "outcome on the right. Passing them all leads to the box at the bottom. The same flow "
        "is written out in the list below the figure.</desc>",
        '<defs><marker id="tp-flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path class="tp-flow-head" d="M 0 0 L 10 5 L 0 10 z"/></marker></defs>',
    ]

    def text_block(x: float, y_mid: float, lines: tuple[str, ...], css: str) -> str:
        first = y_mid - (len(lines) - 1) * line_h / 2 + 5
        spans = "".join(
            f'<tspan x="{x:g}" y="{first + i * line_h:g}">{escape(line)}</tspan>'
            for i, line in enumerate(lines))
        return f'<text class="{css}" text-anchor="middle">{spans}</text>'

    for i, (_qid, question, exit_answer, outcome, _page) in enumerate(steps):
        y = top + i * row_h
        mid = y + box_h / 2
        parts.append(f'<rect class="tp-flow-question" x="{q_x}" y="{y}" width="{q_w}" '
                     f'height="{box_h}" rx="8"/>')
        parts.append(text_block(q_x + q_w / 2, mid, question, "tp-flow-text"))
        parts.append(f'<rect class="tp-flow-outcome" x="{o_x}" y="{y}" width="{o_w}" '
                     f'height="{box_h}" rx="20"/>')
        parts.append(text_block(o_x + o_w / 2, mid, outcome, "tp-flow-text"))
        parts.append(f'<line class="tp-flow-edge" x1="{q_x + q_w}" y1="{mid:g}" x2="{o_x - 2}" '
                     f'y2="{mid:g}" marker-end="url(#tp-flow-arrow)"/>')
        parts.append(f'<text class="tp-flow-label" x="{(q_x + q_w + o_x) / 2:g}" '
                     f'y="{mid - 8:g}" text-anchor="middle">{exit_answer}</text>')
        down_x = q_x + q_w / 2
        parts.append(f'<line class="tp-flow-edge" x1="{down_x:g}" y1="{y + box_h}" '
                     f'x2="{down_x:g}" y2="{y + row_h - 2}" marker-end="url(#tp-flow-arrow)"/>')
        other = "No" if exit_answer == "Yes" else "Yes"
        parts.append(f'<text class="tp-flow-label" x="{down_x + 10:g}" '
                     f'y="{y + box_h + (row_h - box_h) / 2 + 5:g}">{other}</text>')
    y = top + len(steps) * row_h
    parts.append(f'<rect class="tp-flow-final" x="{q_x}" y="{y}" width="{q_w}" '
                 f'height="{box_h}" rx="20"/>')
    end = _module("flow").FLOW_END
    parts.append(text_block(q_x + q_w / 2, y + box_h / 2, end.outcome, "tp-flow-text"))
    height = y + box_h + top
    parts += ["</svg>", '<figcaption>The decision flow at a glance; the '
              "same flow, with links, follows in words.</figcaption>", "</figure>"]
    svg = "".join(parts).replace("{h}", str(height))
    if not with_steps:
        return (svg.replace(" The same flow is written out in the list below the figure.", "")
                .replace("; the same flow, with links, follows in words.", ".") + "\n")

    items = []
    for i, (_qid, question, exit_answer, outcome, page) in enumerate(steps, start=1):
        q = " ".join(question)
        o = " ".join(outcome)
        items.append(f"{i}. **{q}** {exit_answer}: [{o}]({page}). Otherwise go on.")
    items.append(f"{len(steps) + 1}. None of these sent you elsewhere: "
                 f"[{' '.join(end.outcome)}]({end.page}).")
    return svg + "\n\n" + "\n".join(items) + "\n"


# ---------------------------------------------------------------------------
# Registration
# ---------------------------------------------------------------------------

MACROS: tuple[Callable[..., Any], ...] = (
    constant,
    cost_formulas,
    pay_back_formula,
    decision_flow,
    decision_record_example,
    decision_record_template,
    factor_note,
    factor_table,
    gates_list,
    hybrid_schedule,
    input_defaults_table,
    price_sources_table,
    review_checklist,
    review_checklist_markdown,
    score_rules,
    priced_quality_example,
    threshold_table,
    timeline_table,
    vendor_minimum_range,
    vendor_minimums_table,
    vendor_recommended_range,
    worked_example,
)


def register(env: Any) -> None:
    """Expose this module's macros to the pages (and nothing else)."""
    for function in MACROS:
        env.macro(function)

    def site_decision_record_example() -> str:
        """The export for the default inputs, linking to this site's own address."""
        return decision_record_example(env.conf.get("site_url"))

    env.macro(site_decision_record_example, "decision_record_example")

