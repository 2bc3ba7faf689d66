"""The calculator page's fragments: folded costs, the glance, the charts and the comparison.

The browser tests look at how these render; these pin what the renderer emits.
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import quote

import pytest

from calculator import FIELDS, Group, Scenario, recommend
from calculator.compare import (
    join_pin,
    render_comparison_html,
    render_comparison_markdown,
    split_pin,
)
from calculator.render_chart import pull_scale, render_cost_chart, render_factor_chart
from calculator.render_html import (
    CHANGE_GROUPS,
    COSTS_GROUP,
    render_form_html,
    render_glance_html,
    render_result_html,
)
from calculator.scenario import ScenarioError
from calculator.web import compute
from calculator.wording import months

TUNING = Scenario(examples=50_000, consistency="critical", latency="critical", stage="scaling",
                  deadline_weeks=20)


def _costs_section(html: str) -> str:
    start = html.index('<details class="tp-costs-section"')
    return html[start:html.index("</details>", start)]


def test_costs_fields_sit_in_the_folded_section_and_the_rest_before_it() -> None:
    html = render_form_html(Scenario())
    section = _costs_section(html)
    assert "<details" in section and " open" not in section.split(">", 1)[0]
    for field in FIELDS:
        inside = f'name="{field.name}"' in section
        assert inside is (field.group is COSTS_GROUP), field.name
    assert html.index('name="evals"') < html.index("<details")


def test_costs_section_summary_shows_the_figures() -> None:
    html = render_form_html(Scenario(fine_tuning_fixed_cost=1_234_567))
    summary = _costs_section(html).split("</summary>")[0]
    assert "Costs and prices" in summary
    assert '<span data-summary-field="fine_tuning_fixed_cost">1,234,567</span>' in summary
    spans = re.findall(r'data-summary-field="([a-z_]+)"', summary)
    assert spans and all(any(f.name == s and f.group is COSTS_GROUP for f in FIELDS)
                         for s in spans)


def test_costs_section_opens_when_one_of_its_fields_is_invalid() -> None:
    assert " open" in _costs_section(
        render_form_html(Scenario(), {"epochs": "epochs must be ..."})).split(">", 1)[0]
    assert " open" not in _costs_section(
        render_form_html(Scenario(), {"examples": "examples must be ..."})).split(">", 1)[0]


def test_costs_head_leads_the_section() -> None:
    html = render_form_html(Scenario(), costs_head='<div class="tp-presets">x</div>')
    body = _costs_section(html).split("</summary>")[1].lstrip()
    assert body.startswith('<div class="tp-costs-body"><div class="tp-presets">x</div>')


def test_pin_control_is_hidden_and_disabled() -> None:
    html = render_form_html(Scenario())
    assert '<input type="hidden" name="pin" id="calculator-pin" value="" disabled>' in html


def test_glance_holds_verdict_confidence_score_and_break_even() -> None:
    result = recommend(Scenario())
    html = render_glance_html(result)
    assert html.startswith(f'<div class="tp-glance tp-glance--{result.verdict.value}">')
    for needle in ("<h2 class=\"tp-verdict\"", "tp-confidence", f"{result.score:+.1f}",
                   months(result.costs.break_even_months), result.verdict.label):
        assert needle in html
    assert "id=" not in html
    assert '<p class="tp-verdict">' in render_glance_html(result, heading=False)
    assert render_result_html(result).index(html) < render_result_html(result).index("tp-costs")


def test_cost_chart_text_is_not_scaled_by_a_view_box() -> None:
    """The outer SVG has no viewBox (a 12 px label stays 12 px); only the lines stretch."""
    html = render_cost_chart(recommend(Scenario()))
    outer = re.search(r'<svg class="tp-chart"[^>]*>', html)
    assert outer and "viewBox" not in outer.group(0)
    plot = re.search(r'<svg class="tp-plot"[^>]*>', html)
    assert plot and 'preserveAspectRatio="none"' in plot.group(0)
    assert html.count('vector-effect="non-scaling-stroke"') == 2
    plot_part = html[plot.start():]
    assert "<text" not in plot_part, "text inside the stretched plot would be distorted"
    assert '<ul class="tp-legend">' in html


def test_factor_chart_strongest_first_on_a_fixed_scale() -> None:
    result = recommend(Scenario())
    html = render_factor_chart(result, "../")
    pulls = [abs(float(v)) for v in re.findall(r'data-contribution="([-0-9.]+)"', html)]
    assert len(pulls) == len(result.factors) and pulls == sorted(pulls, reverse=True)
    assert pull_scale(result.factors) == max(f.weight for f in result.factors)
    widths = [float(w) for w in re.findall(r'<rect class="tp-bar-(?:pe|ft)" x="[0-9.]+" y="1" '
                                           r'width="([0-9.]+)"', html)]
    assert widths and max(widths) <= 100


@dataclasses.dataclass(frozen=True)
class _PlainChange:
    field: str
    text: str
    query: str


@dataclasses.dataclass(frozen=True)
class _KindChange:
    field: str
    text: str
    query: str
    kind: str


def test_changes_with_a_kind_are_grouped() -> None:
    result = recommend(Scenario())
    changes = (_KindChange("examples", "Examples: 1 → 2 would give x.", "examples=2", "fact"),
               _KindChange("deadline_weeks", "Deadline: 8 → 5 would give y.", "deadline_weeks=5",
                           "lever"))
    html = render_result_html(dataclasses.replace(result, what_would_change=changes))  # type: ignore[arg-type]
    levers, facts = (title for _, title in CHANGE_GROUPS)
    assert html.index(levers) < html.index("deadline_weeks=5") < html.index(facts) \
        < html.index("examples=2")
    # Changes without a kind are listed in one group, the field's name first.
    plain = render_result_html(dataclasses.replace(result, what_would_change=(  # type: ignore[arg-type]
        _PlainChange("deadline_weeks", "Deadline: 8 → 5 would give y.", "deadline_weeks=5"),)))
    assert levers not in plain and "<strong>Deadline</strong>: 8 → 5" in plain


@pytest.mark.parametrize("query", ["", "examples=25000", "examples=25000&task=general"])
def test_pin_round_trip(query: str) -> None:
    current = "epochs=2"
    joined = join_pin(current, query)
    assert split_pin(joined) == (current, query)
    assert split_pin("?" + joined) == (current, query)
    assert split_pin(current) == (current, None)


def test_pin_given_twice_is_an_error() -> None:
    with pytest.raises(ScenarioError) as caught:
        split_pin("pin=&pin=examples%3D1")
    assert "pinned" in caught.value.errors


def test_compute_with_a_pin_shows_both_and_keeps_the_pin() -> None:
    a = recommend(Scenario())
    answer = compute("examples=50000&consistency=critical&latency=critical&stage=scaling"
                     "&deadline_weeks=20&pin=")
    assert answer["ok"] and answer["verdict"] == "fine-tuning"
    assert answer["query"].endswith("&pin=")
    html = answer["html"]
    assert html.index('class="tp-compare"') < html.index('class="tp-result ')
    assert a.verdict.label in html and "Quality examples now" in html
    markdown = answer["markdown"]
    assert markdown.startswith("# Comparison: A (pinned) and the current inputs")
    assert "## Current inputs: decision record" in markdown
    assert "## A (pinned): decision record" in markdown
    assert "calculator/?examples=50000" in markdown and "&pin=" in markdown


def test_compute_reports_a_bad_pin_by_name() -> None:
    answer = compute("pin=" + quote("examples=lots", safe=""))
    assert not answer["ok"]
    assert "pinned" in answer["errors"] and "examples" in answer["errors"]["pinned"]


def test_comparison_lists_changed_inputs_and_moved_factors() -> None:
    a, b = recommend(Scenario()), recommend(TUNING)
    html = render_comparison_html(a, b)
    assert "Quality examples now</strong>: 640 examples → 50,000 examples" in html
    assert "Large dataset" in html and "No factor moved" not in html
    same = render_comparison_html(a, a)
    assert "None: the same inputs as A." in same and "No factor moved." in same
    assert "Same recommendation" in same
    markdown = render_comparison_markdown(a, b)
    assert "| Recommendation | Hybrid: prompt now, fine-tune later | Fine-tuning |" in markdown


def test_the_form_shows_under_each_price_where_it_came_from() -> None:
    """Each price and hosting input has a source line the page keeps in step, tied to the
    input for screen readers."""
    from calculator import Scenario
    from calculator.preset_model import PRICE_FIELDS
    from calculator.render_html import render_form_html

    html = render_form_html(Scenario())
    for name in PRICE_FIELDS:
        assert f'id="f-{name}-source" data-source-field="{name}"' in html, name
        assert f'aria-describedby="f-{name}-help f-{name}-error f-{name}-source"' in html, name
    assert "From: this option&#x27;s own figure (bedrock-nova-micro" in html
    assert 'data-source-field="examples"' not in html


def test_volume_and_tokens_sit_open_beside_the_data_questions() -> None:
    """Requests per month, the biggest cost driver, and the tokens are never folded away:
    their group follows the data questions; only price-level figures stay folded."""
    html = render_form_html(Scenario())
    usage = [f for f in FIELDS if f.group is Group.USAGE]
    assert {"monthly_requests", "input_tokens", "output_tokens"} <= {f.name for f in usage}
    folded = html.index("<details")
    data_last = max(html.index(f'name="{f.name}"') for f in FIELDS if f.group is Group.DATA_TASK)
    for field in usage:
        where = html.index(f'name="{field.name}"')
        assert data_last < where < folded, field.name
    assert list(Group)[1] is Group.USAGE


def test_the_form_has_a_reset_to_the_defaults() -> None:
    """A plain reset button: it restores the values the form was rendered with, the
    defaults, with or without the page's script."""
    html = render_form_html(Scenario())
    assert '<button class="md-button tp-reset" type="reset">Reset to defaults</button>' in html
    assert html.index('type="reset"') < html.index('name="examples"')
