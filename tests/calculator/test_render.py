"""Every renderer: text, Markdown decision record, JSON and the HTML fragments."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from calculator import (
    FIELDS,
    FactorResult,
    Favours,
    FieldKind,
    Group,
    Scenario,
    recommend,
    render_form_html,
    render_json,
    render_markdown,
    render_result_html,
    render_text,
)
from calculator.factors import FACTOR_SPECS
from calculator.preset_model import PRICE_FIELDS
from calculator.render import escape_markdown
from calculator.schema import FORM_ORDER
from tests.calculator.reference import reference

Attrs = dict[str, str | None]


class Collector(HTMLParser):
    """Start tags with their attributes, and the text inside chosen elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, Attrs]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Collector:
    collector = Collector()
    collector.feed(html)
    collector.close()
    return collector


def by_class(tags: list[tuple[str, Attrs]], css: str) -> list[tuple[str, Attrs]]:
    return [(t, a) for t, a in tags if css in (a.get("class") or "").split()]


# Plain text --------------------------------------------------------------------------------


def test_text_summary() -> None:
    text = render_text(recommend(Scenario()))
    assert text.startswith("Verdict: Hybrid: prompt now, fine-tune later")
    assert "Break-even    never" in text
    assert "Prompting     USD 4,000 upfront + USD 19/month" in text
    internal = render_text(recommend(Scenario(data_policy=Scenario().data_policy.__class__(
        "must-stay-internal"))))
    assert "both priced self-hosted" in internal
    assert "What would change the verdict:" in text
    assert "Share: (all defaults)" in text
    assert "Share: ?examples=5" in render_text(recommend(Scenario(examples=5)))


# Markdown ----------------------------------------------------------------------------------


def test_markdown_decision_record() -> None:
    result = recommend(Scenario())
    md = render_markdown(result, "https://example.org/docs")
    assert md.startswith("# Decision record: prompt engineering or fine-tuning\n")
    assert "**Decision:** Hybrid: prompt now, fine-tune later (`hybrid`)" in md
    assert f"**Confidence:** {result.confidence.value}" in md
    assert f"**Score:** {result.score:+.1f}" in md
    for heading in ("## Context", "### Your data and task", "### Your costs", "## Costs",
                    "## Factors", "## Warnings", "## What would change the decision",
                    "## Next steps"):
        assert f"\n{heading}\n" in md
    assert "(https://example.org/docs/prompt-engineering/#limited-data)" in md
    assert "<https://example.org/docs/calculator/>" in md
    assert "| Quality examples now | 640 examples |" in md
    assert "| Base-model lifetime | unknown |" in md
    assert "| Task type | Domain-specific |" in md
    assert "| Upfront | USD 4,000 | USD 8,002 |" in md
    assert "| Per month | USD 19 | USD 16 |" in md
    assert "| Re-tunes (0) | USD 0 | USD 0 |" in md
    assert "| Re-tune every | never |" in md
    header = md.split("## Context")[0]  # the record names its option and the prices' date
    assert "(`bedrock-nova-micro`), as of 2026-12-04" in header


def test_markdown_changes_link_to_the_changed_calculator() -> None:
    md = render_markdown(recommend(Scenario(examples=200, examples_per_month=0)))
    # The 300 examples of a pilot tune open the hybrid path.
    assert ("- [Quality examples now: 200 → 300 examples would give the hybrid path.]"
            "(https://tune-or-prompt.github.io/tune-or-prompt/calculator/?examples=300"
            "&examples_per_month=0)") in md


def test_markdown_share_link_carries_the_query() -> None:
    md = render_markdown(recommend(Scenario(examples=5)))
    assert md.rstrip().endswith("calculator/?examples=5>")


def test_markdown_next_steps_are_numbered() -> None:
    md = render_markdown(recommend(Scenario(examples=50)))
    steps = md.split("## Next steps\n\n")[1]
    assert steps.startswith("1. Write clear instructions")
    hybrid = render_markdown(recommend(Scenario(examples=4_000, examples_per_month=1_000)))
    assert hybrid.split("## Next steps\n\n")[1].startswith("1. Start with prompts")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("<img src=x>", "\\<img src=x\\>"),
        ("line\nbreak", "line break"),
        ("# not a heading", "\\# not a heading"),
        ("1. not a list", "1\\. not a list"),
        ("- not a bullet", "\\- not a bullet"),
        ("> not a quote", "\\> not a quote"),
        ("[link](x)", "\\[link\\](x)"),
        ("*em* _em_ `code`", "\\*em\\* \\_em\\_ \\`code\\`"),
        ("0.5", "0.5"),
        ("-2 weeks", "-2 weeks"),
        ("USD 1,000", "USD 1,000"),
    ],
)
def test_markdown_escaping(raw: str, escaped: str) -> None:
    assert escape_markdown(raw) == escaped


# JSON --------------------------------------------------------------------------------------


def test_json_is_the_result_dict() -> None:
    result = recommend(Scenario())
    data = json.loads(render_json(result))
    assert data == json.loads(json.dumps(result.to_dict()))
    assert data["verdict"] == "hybrid" and data["fine_tune_month"] == 0
    assert data["blockers"] == ["data", "time"]
    assert data["what_would_change"][0]["query"]


# Result HTML -------------------------------------------------------------------------------


def assert_safe(html: str) -> None:
    tags = parse(html).tags
    names = {t for t, _ in tags}
    assert not names & {"script", "style", "iframe", "object", "embed"}
    for _, attrs in tags:
        assert "style" not in attrs
        assert not any(name.startswith("on") for name in attrs)
        for token in (attrs.get("class") or "").split():
            assert token.startswith(("tp-", "md-")), token
    assert "javascript:" not in html.lower()


def render_html_for(**changes: float) -> str:
    return render_result_html(recommend(reference(**changes)), "../")


def test_result_html_is_safe_and_complete() -> None:
    html = render_result_html(recommend(Scenario(examples=4_000, examples_per_month=1_000)),
                              "../")
    assert_safe(html)
    doc = parse(html)
    tags = doc.tags
    verdicts = by_class(tags, "tp-verdict")
    assert verdicts and verdicts[0][0] == "h2"
    assert by_class(tags, "tp-confidence") and by_class(tags, "tp-score")
    assert by_class(tags, "tp-costs") and by_class(tags, "tp-factors")
    assert by_class(tags, "tp-timeline") and by_class(tags, "tp-steps")
    assert by_class(tags, "tp-changes") and by_class(tags, "tp-warnings")
    svg = next(attrs for t, attrs in tags if t == "svg" and attrs.get("role") == "img")
    assert svg["aria-labelledby"] == "tp-chart-title tp-chart-desc"
    assert 'id="tp-chart-title"' in html and 'id="tp-chart-desc"' in html
    assert by_class(tags, "tp-line-pe") and by_class(tags, "tp-line-ft")
    paying = render_html_for(base_price_input=2.0, base_price_cached_input=0.5,
                             base_price_output=8.0)
    assert 'class="tp-breakeven"' in paying
    assert "Break-even: month 5.1" in paying
    hrefs = [attrs["href"] or "" for t, attrs in tags if t == "a"]
    assert "../prompt-engineering/#limited-data" in hrefs
    assert "?examples=4000&examples_per_month=1000&task=general" in hrefs
    # Each factor's pull is drawn as an SVG rect, never through a style attribute.
    rows = by_class(tags, "tp-factor")
    assert len(rows) == len(FACTOR_SPECS)
    assert len([t for t, a in tags if t == "rect"]) >= 4
    assert all(a.get("data-contribution") is not None for _, a in rows)


def test_result_html_share_link() -> None:
    html = render_result_html(recommend(Scenario(examples=5, task=Scenario().task)))
    assert 'class="tp-share-link" href="?examples=5"' in html
    assert 'href="?"' in render_result_html(recommend(Scenario()))


def test_result_html_prefix_has_a_contract_alias() -> None:
    result = recommend(Scenario())
    assert render_result_html(result, base_url="../../") == render_result_html(result, "../../")
    assert 'href="prompt-engineering/#limited-data"' in render_result_html(result, "")


def test_result_html_without_break_even() -> None:
    html = render_result_html(recommend(Scenario(tuned_hosting_monthly=10_000)))
    assert "do not cross" in html and "tp-breakeven" not in html


def test_result_html_escapes_every_text() -> None:
    result = recommend(Scenario())
    hostile = FactorResult("limited-data", "<b>x</b>", Favours.NEUTRAL, 1.0, 0.0,
                           'say "hi" & <script>alert(1)</script>', "a/#b\"c")
    changed = type(result)(**{**result.__dict__, "factors": (hostile,),
                              "warnings": ("<i>w</i>",), "next_steps": ("<u>s</u>",)})
    html = render_result_html(changed)
    assert_safe(html)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;i&gt;w&lt;/i&gt;" in html and "&lt;u&gt;s&lt;/u&gt;" in html
    assert 'href="../a/#b&quot;c"' in html


# Form HTML ---------------------------------------------------------------------------------


def test_form_html_has_every_field_with_label_help_and_error_slot() -> None:
    html = render_form_html(Scenario())
    assert html.startswith(
        '<form class="tp-form" id="calculator-form" novalidate method="get" action="">')
    assert_safe(html)
    tags = parse(html).tags
    controls = {attrs["name"]: (t, attrs) for t, attrs in tags if t in ("input", "select")
                and attrs.get("type") != "hidden"}
    assert list(controls) == [f.name for f in FORM_ORDER]
    labels = {attrs["for"] for t, attrs in tags if t == "label"}
    for field in FIELDS:
        tag, attrs = controls[field.name]
        assert attrs["id"] == f"f-{field.name}" in labels
        source = f" f-{field.name}-source" if field.name in PRICE_FIELDS else ""
        assert attrs["aria-describedby"] == f"f-{field.name}-help f-{field.name}-error{source}"
        assert "aria-invalid" not in attrs
        assert f'<p class="tp-help" id="f-{field.name}-help">' in html
        assert f'<p class="tp-error" id="f-{field.name}-error"></p>' in html
        if field.kind is FieldKind.CHOICE:
            assert tag == "select"
        elif field.kind is FieldKind.DATE:
            assert tag == "input" and attrs["type"] == "text"
            assert attrs["placeholder"] == "YYYY-MM-DD" and "inputmode" not in attrs
        else:
            assert tag == "input" and attrs["type"] == "text"
            expected = "numeric" if field.kind is FieldKind.INT else "decimal"
            assert attrs["inputmode"] == expected
    assert len([t for t, _ in tags if t == "fieldset"]) == len(Group)
    assert len([t for t, _ in tags if t == "legend"]) == len(Group)
    assert '<button class="md-button md-button--primary" type="submit">Recalculate</button>' \
        in html


def test_form_html_shows_values_units_and_selected_choices() -> None:
    html = render_form_html(Scenario(examples=12_000, deadline_weeks=2.5))
    assert 'name="examples" type="text" inputmode="numeric"' in html
    assert 'value="12000"' in html and 'value="2.5"' in html
    assert '<option value="domain-specific" selected>' in html
    assert '<span class="tp-unit">(USD per 1M tokens)</span>' in html


def test_form_html_marks_and_escapes_errors() -> None:
    html = render_form_html(Scenario(), {"examples": 'examples must be <b>"ok"</b>'})
    assert_safe(html)
    assert html.count('aria-invalid="true"') == 1
    assert "examples must be &lt;b&gt;&quot;ok&quot;&lt;/b&gt;" in html
    assert "tp-field--invalid" in html


def test_changes_are_grouped_into_levers_and_facts_everywhere() -> None:
    result = recommend(Scenario(examples=2_000, examples_per_month=200, deadline_weeks=12))
    kinds = [ch.kind.value for ch in result.what_would_change]
    assert "lever" in kinds and "fact" in kinds
    html = render_result_html(result)
    items = [a for t, a in parse(html).tags if t == "li" and "data-kind" in a]
    assert [a["data-kind"] for a in items] == kinds
    md = render_markdown(result)
    section = md.split("## What would change the decision")[1].split("\n## ")[0]
    assert section.index("**Levers you control**") < section.index(
        "**Facts that would change the call**")
    assert "Task type: Domain-specific → General" in section.split("**Facts")[1]
    text = render_text(result)
    assert "levers you control:" in text and "facts that would change the call:" in text
