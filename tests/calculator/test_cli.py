"""``python -m calculator``: formats, inputs, precedence and errors (run in-process)."""

from __future__ import annotations

import io
import json
import re

import pytest

from calculator import DEFAULT_BASE_URL, FIELDS, Group, __version__
from calculator.cli import main

EXAMPLES_ERROR = ("error: Quality examples now (examples): must be a whole number from 0 to "
                  "10,000,000")
TASK_ERROR = "error: Task type (task): must be one of 'general' or 'domain-specific'"


def run(capsys: pytest.CaptureFixture[str], *args: str, stdin: str = "") -> tuple[int, str, str]:
    code = main(list(args), stdin=io.StringIO(stdin))
    out, err = capsys.readouterr()
    return code, out, err


def test_defaults_as_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys)
    assert code == 0 and err == ""
    # 640 examples at 150 a month reach the 10,000 this case needs only after five years.
    assert out.startswith("Verdict: Hybrid: prompt now, fine-tune later")


def test_markdown_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "markdown")
    assert code == 0 and out.startswith("# Decision record")
    code, out, _ = run(capsys, "--format", "json", "--examples", "50,000")
    assert code == 0 and json.loads(out)["scenario"]["examples"] == 50_000


def test_precedence_flags_over_query_over_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    scenario = json.dumps({"examples": 10, "epochs": 4, "task": "general"})
    code, out, _ = run(capsys, "--format", "json", "--scenario", "-", "--query",
                       "examples=20&latency=critical", "--examples", "30", stdin=scenario)
    data = json.loads(out)["scenario"]
    assert code == 0
    assert (data["examples"], data["latency"], data["epochs"], data["task"]) == (
        30, "critical", 4, "general")


def test_underscore_and_hyphen_flags(capsys: pytest.CaptureFixture[str]) -> None:
    for flag in ("--examples-per-month", "--examples_per_month"):
        code, out, _ = run(capsys, "--format", "json", flag, "7")
        assert code == 0 and json.loads(out)["scenario"]["examples_per_month"] == 7


def test_bad_fields_exit_2_one_line_each(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--examples", "-5", "--task", "legal", "--bogus", "1")
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert EXAMPLES_ERROR in lines
    assert TASK_ERROR in lines
    assert any("unknown field 'bogus'" in line for line in lines)
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("stdin", "phrase"),
    [("{not json", "not valid JSON"), ("[1, 2]", "must be a JSON object"),
     ('{"examples": "many"}', "Quality examples now (examples): must be a whole number")],
)
def test_bad_scenario_input(capsys: pytest.CaptureFixture[str], stdin: str, phrase: str) -> None:
    code, _, err = run(capsys, "--scenario", "-", stdin=stdin)
    assert code == 2 and phrase in err


def test_missing_scenario_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--scenario", "/nonexistent/scenario.json")
    assert code == 2 and "cannot read" in err


def test_bad_query(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--query", "examples=lots&colour=blue")
    assert code == 2
    assert "Quality examples now (examples): must be" in err and "unknown field 'colour'" in err


def test_help_lists_every_field_with_range_and_default(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "--examples-per-month" in out and "default 150" in out
    assert "a number from 0 to 1" in out


def test_bad_format_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--format", "yaml")
    assert code == 2 and "invalid choice" in err


def test_help_is_generated_from_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for field in FIELDS:
        assert field.flag in out
    for group in Group:
        assert f"{group.value}:" in out
    flat = " ".join(out.split())
    assert "Quality examples now. Labelled input/output pairs you trust" in flat
    assert "Unit: examples. Accepts a whole number from 0 to 10,000,000; default 640." in flat
    assert "{general,domain-specific}" in flat


def test_query_given_explicitly_overrides_the_scenario(capsys: pytest.CaptureFixture[str]) -> None:
    # 640 is the default, yet the query names it, so it beats the scenario's 5,000.
    code, out, _ = run(capsys, "--format", "json", "--scenario", "-", "--query", "examples=640",
                       stdin='{"examples": 5000}')
    assert code == 0 and json.loads(out)["scenario"]["examples"] == 640


def test_scenario_keys_may_be_hyphenated(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "json", "--scenario", "-",
                       stdin='{"examples-per-month": 9}')
    assert code == 0 and json.loads(out)["scenario"]["examples_per_month"] == 9


@pytest.mark.parametrize(
    ("stdin", "line"),
    [
        ('{"examples": 1, "examples": 2}', "error: examples is given more than once"),
        ("[" * 5_000, "error: scenario: standard input is not valid JSON"),
        ('"text"', "error: scenario must be a JSON object of field names to values, not str"),
        ('{"examples": null}', EXAMPLES_ERROR),
        ('{"task": true}', TASK_ERROR),
        ('{"examples": 1e999}', EXAMPLES_ERROR),
        ('{"cached_prompt_share": NaN}',
         "error: Cached prompt share (cached_prompt_share): must be a number from 0"),
    ],
)
def test_scenario_errors_are_one_line(capsys: pytest.CaptureFixture[str], stdin: str,
                                      line: str) -> None:
    code, out, err = run(capsys, "--scenario", "-", stdin=stdin)
    assert code == 2 and out == ""
    assert err.startswith(line) and len(err.strip().splitlines()) == 1


def test_all_sources_report_together(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--scenario", "-", "--query", "latency=fast", "--epochs", "0",
                       stdin='{"task": "legal"}')
    assert code == 2
    lines = sorted(err.strip().splitlines())
    assert len(lines) == 3
    assert [re.search(r"\((\w+)\):", line)[1] for line in lines] == ["epochs", "latency", "task"]


@pytest.mark.parametrize(
    ("args", "phrase"),
    [
        (("--exam", "5"), "unknown field 'exam'"),  # no silent prefix matching
        (("--examples",), "expected one argument"),
        (("stray",), "unexpected arguments: stray"),
        (("--examples=1,00",), "Quality examples now (examples): must be a whole number"),
    ],
)
def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], args: tuple[str, ...],
                             phrase: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert phrase in err and "Traceback" not in err
    assert all(line.startswith("error: ") for line in err.strip().splitlines())


def test_base_url_for_the_markdown_links(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--format", "markdown", "--base-url", "https://docs.example/")
    assert code == 0 and "(https://docs.example/decision/#budget)" in out


def test_closed_pipe_is_quiet(capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr("sys.stdout", ClosedPipe())
    assert main([], stdin=io.StringIO("")) == 0


def test_an_internal_failure_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("calculator.cli.recommend", broken)
    code, out, err = run(capsys)
    assert code == 1 and out == ""
    assert err == "error: the calculator failed unexpectedly (RuntimeError: boom)\n"


def test_shorthand_flags_and_query_read_like_the_page(capsys: pytest.CaptureFixture[str]) -> None:
    """The page's reader serves the CLI: 2M, 15k, $20,000 and 50% on a share."""
    code, out, err = run(capsys, "--format", "json", "--monthly-requests", "2M",
                         "--query", "examples=15k&cached_prompt_share=50%25",
                         "--upfront-budget", "$20,000")
    assert code == 0, err
    data = json.loads(out)["scenario"]
    assert (data["monthly_requests"], data["examples"], data["cached_prompt_share"],
            data["upfront_budget"]) == (2_000_000, 15_000, 0.5, 20_000)


def test_ambiguous_flag_is_one_line_with_label_name_and_hint(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "--base-price-input", "0,40")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        "error: Prompted model input price (base_price_input): must be a number from 0 to "
        "1,000. '0,40' is ambiguous: a comma only groups thousands (15,000); for a decimal "
        "write 0.40"]


def test_markdown_record_links_the_release_it_was_computed_with(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """As on the page of a release: the record's links name this version, and it offers
    the same inputs in the latest one."""
    code, out, _ = run(capsys, "--format", "markdown", "--examples", "5000")
    release = f"{DEFAULT_BASE_URL}{__version__}/"
    assert code == 0
    assert f"Reproduce or adjust this decision: <{release}calculator/?examples=5000>" in out
    assert f"[calculator]({release}calculator/?examples=5000)" in out
    assert f"({DEFAULT_BASE_URL}latest/calculator/?examples=5000)" in out
    assert f"({DEFAULT_BASE_URL}calculator/" not in out
