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
