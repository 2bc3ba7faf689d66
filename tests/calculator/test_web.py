"""The worker's entry point: never raises, errors are field-named, markup is escaped."""

from __future__ import annotations

import pytest

from calculator.web import compute


def test_compute_defaults() -> None:
    out = compute("")
    assert out["ok"] is True and out["verdict"] == "hybrid"
    assert out["errors"] == {} and out["query"] == ""
    assert out["html"].startswith('<div class="tp-result') and out["markdown"].startswith("# ")


def test_compute_links_use_the_given_prefixes() -> None:
    out = compute("examples=20000", "https://example.org/", "../../")
    assert out["query"] == "examples=20000"
    assert 'href="../../prompt-engineering/#limited-data"' in out["html"]
    assert "https://example.org/calculator/?examples=20000" in out["markdown"]


@pytest.mark.parametrize(
    "query",
    ["examples=<script>alert(1)</script>", "examples=1e999", "examples=%00", "foo=bar",
     "examples=" + "9" * 3000, "%ZZ=1", "task=<img src=x onerror=alert(1)>",
     "a" * 10_000],
)
def test_hostile_queries_give_field_errors(query: str) -> None:
    out = compute(query)
    assert out["ok"] is False and out["html"] == "" and out["verdict"] is None
    assert out["errors"]
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in out["errors"].items())


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("examples=<script>alert(1)</script>", "examples"),
        ("examples=1e999", "examples"),
        ("examples=%00", "examples"),
        ("monthly_requests=1e999", "monthly_requests"),
        ("deadline_weeks=nan", "deadline_weeks"),
        ("task=%3Cscript%3E", "task"),
        ("examples=1&examples-per-month=2&examples_per_month=3", "examples_per_month"),
        ("<script>=1", "<script>"),
        ("examples=0x10", "examples"),
        ("examples=%EF%BC%91", "examples"),  # a full-width digit
    ],
)
def test_hostile_values_are_errors_of_their_field(query: str, field: str) -> None:
    out = compute(query)
    assert out["ok"] is False
    assert field in out["errors"] and "engine" not in out["errors"]


def test_error_messages_name_field_and_range() -> None:
    out = compute("examples=-1&foo=1")
    assert out["errors"] == {
        "examples": "Quality examples now (examples): must be a whole number from 0 to 10,000,000",
        "foo": "unknown field 'foo' (see the calculator's field list)",
    }


def test_an_engine_bug_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise ZeroDivisionError

    monkeypatch.setattr("calculator.web.recommend", broken)
    out = compute("")
    assert out["ok"] is False and "engine" in out["errors"]


def test_success_has_every_key() -> None:
    out = compute("?examples=1%2C500&task=general")
    assert set(out) == {"ok", "verdict", "html", "markdown", "query", "values", "sources", "errors"}
    assert out["query"] == "examples=1500&task=general"
    assert f'data-verdict="{out["verdict"]}"' in out["html"]


def test_compute_says_where_each_price_came_from() -> None:
    """Each price's source line follows the answer: the option's own figure, a labelled
    estimate, or the reader's entry (rule 8)."""
    answer = compute("tuned_price_input=0.5&prompt_preset=openai-gpt-5.6-sol")
    sources = answer["sources"]
    assert sources["tuned_price_input"] == "From: your entry."
    assert sources["base_price_input"].startswith("From: this option's own figure "
                                                  "(openai-gpt-5.6-sol, checked 2026-12-04")
    assert sources["tuned_price_cached_input"].startswith("From: a labelled estimate")
    assert compute("examples=-1")["sources"] == {}


def test_shorthand_is_read_and_links_carry_canonical_numbers() -> None:
    """The form's "2M" and "50%" reach the link as 2000000 and 0.5."""
    out = compute("monthly_requests=2M&cached_prompt_share=50%25&examples=15%2C000")
    assert out["ok"], out["errors"]
    assert "monthly_requests=2000000" in out["query"] and "examples=15000" in out["query"]
    assert "2M" not in out["query"] and "%25" not in out["query"]
    assert out["values"]["monthly_requests"] == "2000000"
