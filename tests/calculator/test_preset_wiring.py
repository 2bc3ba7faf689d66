"""A preset in a scenario: it fills figures, explicit values win, time is pinned by ``as_of``.

Every input path (parsing, the URL query, the CLI, the browser worker) goes
through ``parse_scenario``, so these tests drive each path once and check that
the same preset on the same day always gives the same scenario and result.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest

from calculator import Scenario, ScenarioError, decode_query, encode_query, parse_scenario
from calculator.cli import main
from calculator.preset_fill import preset_fields, preset_notes, preset_values
from calculator.presets import DEFAULT_PRESET, PRESET_BY_ID, PRESETS, PRESETS_CHECKED, Preset
from calculator.recommend import recommend
from calculator.render import render_markdown
from calculator.version import __version__
from calculator.web import compute

OPENAI = "openai-gpt-4.1-mini"
AS_OF = PRESETS_CHECKED.isoformat()


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.id)
def test_a_preset_fills_its_confirmed_figures(preset: Preset) -> None:
    preset_id = preset.id
    s = parse_scenario({"preset": preset_id})
    filled = preset_values(preset_id, AS_OF)
    assert filled, preset_id
    for name, value in filled.items():
        assert s.value(name) == value, name
    untouched = set(preset_fields()) - set(filled)
    defaults = Scenario().to_dict()
    for name in untouched:
        assert s.value(name) == defaults[name], name


def test_an_explicit_value_wins_in_any_order() -> None:
    """A figure given beside the preset wins, whichever comes first in the input."""
    a = parse_scenario({"preset": OPENAI, "base_price_input": "9"})
    b = parse_scenario({"base_price_input": "9", "preset": OPENAI})
    assert a == b and a.base_price_input == 9 and a.base_price_output == 1.6


def test_the_link_names_the_preset_and_the_day_and_reproduces_the_scenario() -> None:
    s = parse_scenario({"preset": OPENAI, "base_price_input": "9", "examples": "5000"})
    query = encode_query(s)
    assert f"preset={OPENAI}&as_of={AS_OF}&base_price_input=9" in query
    assert "base_price_output" not in query and "model_lifetime_months" not in query
    assert decode_query(query) == s
    assert recommend(decode_query(query)).to_dict() == recommend(s).to_dict()


def test_the_same_link_on_another_day_gives_the_same_lifetime() -> None:
    """``as_of`` in the link fixes the months left, whatever the date it is opened."""
    early = decode_query(f"preset={OPENAI}&as_of=2026-06-01")
    late = decode_query(f"preset={OPENAI}&as_of=2026-12-20")
    assert (early.model_lifetime_months, late.model_lifetime_months) == (7, 1)
    assert encode_query(early).startswith(f"preset={OPENAI}&as_of=2026-06-01")


def test_no_preset_keeps_the_short_links() -> None:
    assert encode_query(Scenario()) == ""
    assert encode_query(parse_scenario({"examples": "5"})) == "examples=5"


def test_an_ended_or_unknown_preset_is_an_error_naming_the_field() -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({"preset": OPENAI, "as_of": "2027-01-06"})
    assert set(caught.value.errors) == {"preset"}
    assert "not available as of 2027-01-06" in caught.value.errors["preset"]
    with pytest.raises(ScenarioError) as caught:
        parse_scenario({"preset": "gpt-9"})
    assert caught.value.errors["preset"].startswith("Preset (preset): must be one of '' (none), ")


def test_the_result_says_the_months_left_and_warns_of_an_early_retirement() -> None:
    s = parse_scenario({"preset": OPENAI, "horizon_months": "12"})
    warnings = recommend(s).warnings
    assert any("retires on 2027-01-14, 1 month after 2026-12-04" in w for w in warnings)
    assert any("retires before the plan completes" in w for w in warnings)
    assert any("restricted as of 2026-12-04" in w for w in warnings)
    assert any("no new fine-tuning jobs for any customer from 2027-01-06" in w
               for w in warnings)
    assert not any("could not confirm" in w for w in warnings)
    short = parse_scenario({"preset": OPENAI, "as_of": "2026-06-01", "horizon_months": "6"})
    assert not any("before the plan completes" in w for w in preset_notes(short))


def test_the_decision_record_names_preset_date_price_check_and_version() -> None:
    md = render_markdown(recommend(parse_scenario({"preset": OPENAI})))
    header = md.split("## Context")[0]
    assert f"(`{OPENAI}`), as of {AS_OF}" in header
    assert f"**Prices checked:** {PRESET_BY_ID[OPENAI].prices_checked().isoformat()}" in header
    assert f"**Calculator version:** {__version__}" in header
    plain = render_markdown(recommend(replace(Scenario(), preset=""))).split("## Context")[0]
    assert "**Preset:** none" in plain and __version__ in plain
    default = render_markdown(recommend(Scenario())).split("## Context")[0]
    assert "(`bedrock-nova-micro`)" in default and "**Prices checked:** 2026-12-04" in default


def test_the_cli_takes_preset_and_as_of_flags(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--format", "json", "--preset", OPENAI, "--as-of", "2026-12-01"],
                stdin=io.StringIO(""))
    data = json.loads(capsys.readouterr().out)["scenario"]
    assert code == 0 and data["preset"] == OPENAI and data["as_of"] == "2026-12-01"
    assert data["model_lifetime_months"] == 1 and data["base_price_input"] == 0.4
    code = main(["--preset", OPENAI, "--as-of", "2027-03-01"], stdin=io.StringIO(""))
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and "preset" in err and "Traceback" not in err


def test_the_worker_returns_every_value_for_the_form() -> None:
    out = compute(f"?preset={OPENAI}")
    assert out["ok"] and out["values"]["base_price_input"] == "0.4"
    assert out["values"]["preset"] == OPENAI and out["values"]["as_of"] == AS_OF
    assert out["query"].startswith(f"preset={OPENAI}&as_of={AS_OF}")


def test_what_would_change_never_suggests_another_preset_or_day() -> None:
    for preset in PRESETS:
        result = recommend(parse_scenario({"preset": preset.id}))
        assert all(ch.field not in {"preset", "as_of"} for ch in result.what_would_change)


def test_default_prompted_prices_are_the_catalogue_prices_of_the_same_model() -> None:
    """The defaults are the default preset's own figures (Nova Micro), both sides (rule 11)."""
    preset = PRESET_BY_ID[DEFAULT_PRESET]
    defaults = Scenario()
    assert defaults.preset == DEFAULT_PRESET
    for name, figure in preset.figures():
        assert getattr(defaults, name) == figure.value, name


def test_a_retiring_prompted_model_names_a_model_to_prompt_after_it() -> None:
    """The prompted side stops with the base model too: the result names another model of
    the same provider, never the retiring one, and says nothing once one is chosen."""
    notes = recommend(parse_scenario({"preset": OPENAI})).warnings
    line = next(w for w in notes if w.startswith("Prompting gpt-4.1-mini-2025-04-14 ends"))
    assert "2027-01-14" in line and "(prompt_preset openai-" in line
    vertex = recommend(parse_scenario({"preset": "vertex-gemini-3.5-flash-lite",
                                       "horizon_months": "24"})).warnings
    line = next(w for w in vertex if w.startswith("Prompting gemini-3.5-flash-lite ends"))
    assert "(prompt_preset google-" in line and "google-gemini-3.5-flash-lite" not in line
    chosen = recommend(parse_scenario({"preset": OPENAI,
                                       "prompt_preset": "openai-gpt-5.6-luna"})).warnings
    assert not any(w.startswith("Prompting ") for w in chosen)
