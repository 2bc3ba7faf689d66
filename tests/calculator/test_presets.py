"""Presets: every figure sourced and dated, nothing ended shown as current, like for like.

The presets are facts about other companies' products, so the tests guard how
they are kept rather than the figures themselves: each figure names its page and
the day it was read, an option whose service has ended is never offered, and the
prompted model is the tuned model's own base unless the preset says what differs.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from calculator import preset_prices
from calculator.presets import (
    CATALOG_REFS,
    PRESET_BY_ID,
    PRESETS,
    PRESETS_CHECKED,
    TUNED_REFS,
    Availability,
    Preset,
    PresetError,
    ServiceEnd,
    Sourced,
    SourcedDate,
    add_months,
    availability,
    lifetime_months,
    months_between,
    scenario_values,
    validate_presets,
)
from calculator.prompt_models import PROMPT_MODEL_REFS
from calculator.schema import FIELD_BY_NAME

OPENAI = PRESET_BY_ID["openai-gpt-4.1-mini"]


def _every_date(preset: Preset) -> list[date]:
    """The days on which something about the preset changes, and the day before each."""
    days = [end.when for end in preset.service_ends]
    if preset.retirement.when is not None:
        days.append(preset.retirement.when)
    return sorted({d + timedelta(days=k) for d in days for k in (-1, 0, 1)})


def test_the_table_passes_its_own_validation() -> None:
    """No preset lacks a clean source URL, a check date, a reason for a gap or a like-for-like
    note, as of the day the table was checked."""
    assert validate_presets(PRESETS, PRESETS_CHECKED) == []


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.id)
def test_every_figure_has_a_source_url_and_a_checked_date(preset: Preset) -> None:
    """Each price, hosting figure and date carries its own https page and the day it was read."""
    sourced: list[Sourced | SourcedDate] = [f for _, f in preset.figures()]
    sourced.append(preset.retirement)
    for figure in sourced:
        assert figure.url.startswith("https://"), figure
        assert not figure.url.endswith(":"), figure
        assert isinstance(figure.checked, date), figure
        assert figure.checked <= PRESETS_CHECKED, figure
        if isinstance(figure, Sourced) and not figure.confirmed:
            assert figure.note, f"{preset.id}: an unconfirmed figure must say why"
    for end in preset.service_ends:
        assert end.url.startswith("https://") and end.checked <= PRESETS_CHECKED


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.id)
def test_every_preset_fills_only_real_fields_within_their_ranges(preset: Preset) -> None:
    """The values a preset fills are scenario fields (or the v2 hosting field) and in range."""
    values = scenario_values(preset.id, PRESETS_CHECKED)
    for name, value in values.items():
        field = FIELD_BY_NAME.get(name)
        if field is None:
            assert name == "prompt_hosting_monthly"
            continue
        assert field.minimum is not None and field.maximum is not None
        assert field.minimum <= value <= field.maximum, (name, value)
    assert set(values).isdisjoint(preset.unconfirmed()), "an unconfirmed figure was filled in"


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.id)
def test_no_preset_is_offered_once_its_service_has_ended(preset: Preset) -> None:
    """On and after any date that ends the option, the preset is ENDED and refuses to fill."""
    for day in _every_date(preset):
        status, why = availability(preset, day)
        ends = [e for e in preset.service_ends if e.ends_option and e.when <= day]
        retired = preset.retirement.when is not None and preset.retirement.when <= day
        if ends or retired:
            assert status is Availability.ENDED, (day, why)
            with pytest.raises(PresetError, match="not available as of"):
                scenario_values(preset.id, day)
        else:
            assert status is not Availability.ENDED
            scenario_values(preset.id, day)


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.id)
def test_a_passed_restriction_is_shown_as_restricted_not_available(preset: Preset) -> None:
    """Once any dated change has passed, the preset never says plainly "available"."""
    for day in _every_date(preset):
        if any(end.when <= day for end in preset.service_ends):
            assert availability(preset, day)[0] is not Availability.AVAILABLE, day


def test_the_checked_table_offers_no_ended_option_as_of_its_own_date() -> None:
    """As of the day it was checked, every preset in the table can still be used."""
    for preset in PRESETS:
        assert availability(preset, PRESETS_CHECKED)[0] is not Availability.ENDED, preset.id


@pytest.mark.parametrize("preset", PRESETS, ids=lambda p: p.id)
def test_prompted_and_tuned_models_are_like_for_like(preset: Preset) -> None:
    """The prompted price is the tuned model's own base, or the preset says plainly what
    differs."""
    if preset.prompted_model != preset.base_model:
        assert len(preset.like_for_like_note) > 40, preset.id
        assert "prompt" in preset.like_for_like_note.lower()
    else:
        assert preset.like_for_like_note == ""


def test_openai_wind_down_dates_are_the_published_ones() -> None:
    """OpenAI: new organisations blocked 2026-05-07, no new jobs after 2027-01-06, and the
    GPT-4.1 mini snapshot (with its fine-tunes) retired 2027-01-14."""
    ends = {end.when: end for end in OPENAI.service_ends}
    assert not ends[date(2026, 5, 7)].ends_option
    assert ends[date(2027, 1, 6)].ends_option
    assert OPENAI.retirement.when == date(2027, 1, 14)
    assert availability(OPENAI, date(2026, 5, 6))[0] is Availability.AVAILABLE
    assert availability(OPENAI, PRESETS_CHECKED)[0] is Availability.RESTRICTED
    assert availability(OPENAI, date(2027, 1, 6))[0] is Availability.ENDED
    assert scenario_values(OPENAI.id, PRESETS_CHECKED)["model_lifetime_months"] == 1


def test_validation_catches_each_kind_of_defect() -> None:
    """A planted defect of each kind is reported: a bad URL, a future check date, an
    unexplained gap, an unexplained model mismatch."""
    broken = [
        dataclasses.replace(OPENAI, base_price_input=Sourced(0.4, "https://x.example/pricing:",
                                                             PRESETS_CHECKED)),
        dataclasses.replace(OPENAI, base_price_output=Sourced(1.6, "https://x.example/",
                                                              PRESETS_CHECKED + timedelta(1))),
        dataclasses.replace(OPENAI, training_price=Sourced(None, "https://x.example/",
                                                           PRESETS_CHECKED)),
        dataclasses.replace(OPENAI, prompted_model="gpt-4.1-2025-04-14"),
        dataclasses.replace(OPENAI, retirement=SourcedDate(None, "", PRESETS_CHECKED)),
    ]
    for preset in broken:
        assert validate_presets((preset,), PRESETS_CHECKED), preset


def test_an_unknown_preset_is_refused_with_the_accepted_names() -> None:
    with pytest.raises(PresetError, match=r"preset must be one of .*openai-gpt-4\.1-mini"):
        scenario_values("no-such-preset", PRESETS_CHECKED)


def test_an_unconfirmed_figure_is_left_to_the_calculator() -> None:
    """A figure recorded as None is not filled: the reader's value or the default stays."""
    for preset in PRESETS:
        values = scenario_values(preset.id, PRESETS_CHECKED)
        for name, figure in preset.figures():
            assert (name in values) == figure.confirmed, (preset.id, name)


def test_lifetime_counts_whole_months_and_never_reads_as_unknown() -> None:
    """Months left are whole calendar months; under one month still reads 1, not 0."""
    assert months_between(date(2026, 11, 26), date(2027, 1, 14)) == 1
    assert months_between(date(2026, 11, 14), date(2027, 1, 14)) == 2
    assert months_between(date(2027, 1, 14), date(2026, 11, 14)) == 0
    assert lifetime_months(OPENAI, date(2027, 1, 1)) == 1
    with pytest.raises(PresetError):
        lifetime_months(OPENAI, date(2027, 1, 14))
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_service_ends_are_in_date_order() -> None:
    """The restriction reported is the latest one passed, so the list must be in order."""
    for preset in PRESETS:
        whens = [end.when for end in preset.service_ends]
        assert whens == sorted(whens), preset.id
        assert all(isinstance(end, ServiceEnd) for end in preset.service_ends)


def test_generated_catalogue_covers_every_reference_and_records_its_version() -> None:
    """Every catalogue price the presets read is in the generated module, with the library
    version and the day it was generated."""
    assert set(CATALOG_REFS) | set(PROMPT_MODEL_REFS) == set(preset_prices.PRICES)
    assert set(TUNED_REFS) == set(preset_prices.TUNED)
    assert preset_prices.TUNED_LIBRARY == "litellm"
    assert preset_prices.LIBRARY == "genai-prices"
    assert preset_prices.LIBRARY_VERSION[0].isdigit()
    assert date.fromisoformat(preset_prices.GENERATED_ON) <= PRESETS_CHECKED
    for price_in, cached, price_out, url in preset_prices.PRICES.values():
        assert price_in >= 0 and price_out >= 0 and (cached is None or cached >= 0)
        assert url.startswith("https://")


def test_prices_checked_is_the_oldest_confirmed_figure() -> None:
    for preset in PRESETS:
        confirmed = [f.checked for _, f in preset.figures() if f.confirmed]
        assert preset.prices_checked() == min(confirmed)
    assert add_months(PRESETS_CHECKED, -6) < PRESETS_CHECKED


def test_retirement_alone_ends_an_option() -> None:
    """Without any other dated change, the base model's retirement ends the option."""
    retiring = dataclasses.replace(OPENAI, service_ends=())
    before = OPENAI.retirement.when - timedelta(days=1)  # type: ignore[operator]
    assert availability(retiring, before)[0] is Availability.AVAILABLE
    status, why = availability(retiring, OPENAI.retirement.when)  # type: ignore[arg-type]
    assert status is Availability.ENDED and "retired on 2027-01-14" in why
