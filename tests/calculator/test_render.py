"""Every renderer: text, Markdown decision record, JSON and the HTML fragments."""

from __future__ import annotations

import json
from html.parser import HTMLParser

from calculator import (
    FIELDS,
    Scenario,
    recommend,
    render_form_html,
    render_json,
    render_markdown,
    render_result_html,
    render_text,
)
from calculator.render import escape_markdown


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    collector = Collector()
    collector.feed(html)
    return collector.tags


def test_text_summary() -> None:
    text = render_text(recommend(Scenario()))
    assert text.startswith("Verdict: Hybrid")
    assert "Break-even    10.2 months" in text
    assert "What would change the verdict:" in text


def test_markdown_decision_record() -> None:
    md = render_markdown(recommend(Scenario()), "https://example.org/docs")
    assert md.startswith("# Decision record: Hybrid")
    for heading in ("## Costs", "## Factors", "## Warnings", "## Next steps",
                    "## What would change the verdict", "## Inputs"):
        assert f"\n{heading}\n" in md
    assert "(https://example.org/docs/prompt-engineering/#limited-data)" in md
    assert "<https://example.org/docs/calculator/>" in md


def test_markdown_share_link_carries_the_query() -> None:
    md = render_markdown(recommend(Scenario(examples=5)))
    assert "calculator/?examples=5>" in md


def test_markdown_escaping_keeps_cells_intact() -> None:
    assert escape_markdown("a | b") == "a \\| b"
    assert escape_markdown("<img src=x>") == "\\<img src=x\\>"
    assert escape_markdown("line\nbreak") == "line break"
    assert escape_markdown("# not a heading") == "\\# not a heading"
    assert escape_markdown("1. not a list") == "1\\. not a list"


def test_json_is_the_result_dict() -> None:
    result = recommend(Scenario())
    assert json.loads(render_json(result)) == json.loads(json.dumps(result.to_dict()))


def test_result_html_is_safe_and_complete() -> None:
    html = render_result_html(recommend(Scenario()), "../")
    tags = parse(html)
    names = [t for t, _ in tags]
    assert "script" not in names and "style" not in names
    assert all("style" not in attrs and not any(a.startswith("on") for a in attrs)
               for _, attrs in tags)
    assert "svg" in names and "polyline" in names and "table" in names
    svg = next(attrs for t, attrs in tags if t == "svg" and attrs.get("role") == "img")
    assert svg["aria-labelledby"] == "tp-chart-title tp-chart-desc"
    hrefs = [attrs["href"] for t, attrs in tags if t == "a"]
    assert "../prompt-engineering/#limited-data" in hrefs
    assert any(h and h.startswith("?examples=1000") for h in hrefs)
    assert "Break-even: month 10.2" in html


def test_result_html_without_break_even() -> None:
    html = render_result_html(recommend(Scenario(tuned_hosting_monthly=10_000)))
    assert "do not cross" in html and "tp-breakeven" not in html


def test_form_html_has_every_field_with_label_help_and_error_slot() -> None:
    html = render_form_html(Scenario())
    tags = parse(html)
    controls = {attrs["name"]: attrs for t, attrs in tags if t in ("input", "select")}
    assert list(controls) == [f.name for f in FIELDS]
    labels = {attrs["for"] for t, attrs in tags if t == "label"}
    for field in FIELDS:
        attrs = controls[field.name]
        assert attrs["id"] == f"f-{field.name}" in labels
        assert attrs["aria-describedby"] == f"f-{field.name}-help f-{field.name}-error"
        assert f'id="f-{field.name}-error"' in html
    assert len([t for t, _ in tags if t == "fieldset"]) == 4


def test_form_html_marks_and_escapes_errors() -> None:
    html = render_form_html(Scenario(), {"examples": "examples must be <b>ok</b>"})
    assert 'aria-invalid="true"' in html
    assert "examples must be &lt;b&gt;ok&lt;/b&gt;" in html
