"""The page macros: plain, documented functions that return Markdown (or an HTML block).

One module per thing a page renders; nothing here decides anything. The rules,
weights, thresholds, prices and formulas are read from the ``calculator``
package at build time, so the pages change when the code does. Each module
lists its macros in ``MACROS``; the generator's registration
(``overrides/hooks/macros.py`` for mkdocs-macros) hands them to the pages and
adds only the two that need the page being rendered or the site's address:
:func:`calculator_page.calculator_widget` and
:func:`decision_record.decision_record_example`.

Links are written to the Markdown source files (``prompt-engineering.md#...``)
so that the strict build validates every page and anchor they point to.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sitebuild.macros import (
    checklist,
    criteria,
    decision_record,
    examples,
    flow_figure,
    formulas,
    gallery,
    methodology,
    numbers,
    presets,
    procedure,
    sources,
)
from sitebuild.macros.checklist import CHECKLIST, review_checklist, review_checklist_markdown
from sitebuild.macros.criteria import factor_demo_query, factor_note
from sitebuild.macros.decision_record import decision_record_example, decision_record_template
from sitebuild.macros.examples import hybrid_schedule, priced_quality_example, worked_example
from sitebuild.macros.flow_figure import decision_flow
from sitebuild.macros.formulas import cost_formulas, pay_back_formula
from sitebuild.macros.methodology import (
    factor_table,
    gates_list,
    score_rules,
    threshold_table,
    timeline_table,
)
from sitebuild.macros.numbers import (
    calculator_version,
    constant,
    vendor_minimum_range,
    vendor_recommended_range,
)
from sitebuild.macros.sources import (
    input_defaults_table,
    price_sources_table,
    vendor_minimums_table,
)

MODULES = (numbers, criteria, methodology, sources, formulas, examples, checklist,
           decision_record, flow_figure, presets, gallery, procedure)

# Every macro that needs nothing but the calculator, in the modules' order.
MACROS: tuple[Callable[..., Any], ...] = tuple(f for module in MODULES for f in module.MACROS)

__all__ = [
    "CHECKLIST",
    "MACROS",
    "MODULES",
    "calculator_version",
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
    "pay_back_formula",
    "price_sources_table",
    "priced_quality_example",
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
