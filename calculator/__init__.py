"""Tune or Prompt: decide between prompt engineering, fine-tuning or a hybrid.

Pure Python and standard library only, so the same code runs in the test
suite, at site build time, in the browser through Pyodide and in a terminal.

>>> from calculator import Scenario, recommend
>>> recommend(Scenario(examples=20_000, consistency=Consistency.CRITICAL)).verdict.value
'fine-tuning'
"""

from .changes import Change, ChangeKind
from .costs import Costs, compute_costs, cumulative_costs
from .factors import (
    FACTOR_SPECS,
    LARGE_DATASET_THRESHOLD,
    LIMITED_DATA_THRESHOLD,
    THRESHOLDS,
    VENDOR_MINIMUMS,
    WEIGHTS,
    FactorResult,
    FactorSpec,
    Favours,
    Threshold,
    VendorMinimum,
    evaluate_factors,
    factor_rows,
    threshold_rows,
)
from .gallery import GALLERY, Team
from .links import FACTOR_PAGES, HYBRID_STEPS, factor_link
from .query import decode_query, encode_query
from .recommend import (
    FINE_TUNING_SCORE,
    PROMPTING_SCORE,
    Confidence,
    Result,
    Timeline,
    Verdict,
    recommend,
)
from .render import DEFAULT_BASE_URL, render_json, render_markdown, render_text
from .render_html import render_form_html, render_result_html
from .scenario import (
    Consistency,
    DataPolicy,
    Evals,
    Expertise,
    Gap,
    Latency,
    Scenario,
    ScenarioError,
    Stage,
    Task,
    parse_scenario,
)
from .schema import FIELD_BY_NAME, FIELDS, Choice, Field, FieldKind, Group
from .verdict import GATES, Blocker, Gate
from .version import __version__ as __version__

__all__ = [
    "DEFAULT_BASE_URL",
    "FACTOR_PAGES",
    "FACTOR_SPECS",
    "FIELDS",
    "FIELD_BY_NAME",
    "FINE_TUNING_SCORE",
    "GALLERY",
    "GATES",
    "HYBRID_STEPS",
    "LARGE_DATASET_THRESHOLD",
    "LIMITED_DATA_THRESHOLD",
    "PROMPTING_SCORE",
    "THRESHOLDS",
    "VENDOR_MINIMUMS",
    "WEIGHTS",
    "Blocker",
    "Change",
    "ChangeKind",
    "Choice",
    "Confidence",
    "Consistency",
    "Costs",
    "DataPolicy",
    "Evals",
    "Expertise",
    "FactorResult",
    "FactorSpec",
    "Favours",
    "Field",
    "FieldKind",
    "Gap",
    "Gate",
    "Group",
    "Latency",
    "Result",
    "Scenario",
    "ScenarioError",
    "Stage",
    "Task",
    "Team",
    "Threshold",
    "Timeline",
    "VendorMinimum",
    "Verdict",
    "compute_costs",
    "cumulative_costs",
    "decode_query",
    "encode_query",
    "evaluate_factors",
    "factor_link",
    "factor_rows",
    "parse_scenario",
    "recommend",
    "render_form_html",
    "render_json",
    "render_markdown",
    "render_result_html",
    "render_text",
    "threshold_rows",
]
