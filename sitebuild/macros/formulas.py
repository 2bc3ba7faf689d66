"""The cost model as code: the source of the calculator's own functions, shown on the page.

Showing the functions rather than restating them means the page cannot drift
from what the calculator computes.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable
from typing import Any

from sitebuild.macros.text import calculator_module as _module

__all__ = ["MACROS", "cost_formulas", "pay_back_formula"]


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


def pay_back_formula() -> str:
    """How the verdict tests a pay-back, now or on the hybrid path: the code it runs."""
    costs = _module("costs")
    code = _function_source(costs.net_saving) + "\n\n\n" + _function_source(costs.pays_back)
    return f"```python\n{code}\n```\n"


MACROS: tuple[Callable[..., Any], ...] = (
    cost_formulas,
    pay_back_formula,
)
