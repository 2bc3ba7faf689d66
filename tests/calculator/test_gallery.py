"""The scenario gallery: named realistic teams as golden tests of the decision model."""

from __future__ import annotations

import re

import pytest

from calculator import Verdict, decode_query, recommend
from calculator.gallery import GALLERY, Team, team


def test_the_gallery_has_at_least_twelve_distinct_teams() -> None:
    assert len(GALLERY) >= 12
    ids = [t.id for t in GALLERY]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
    assert len({t.name for t in GALLERY}) == len(GALLERY)


def test_every_verdict_is_represented() -> None:
    assert {t.verdict for t in GALLERY} == set(Verdict)


@pytest.mark.parametrize("member", GALLERY, ids=[t.id for t in GALLERY])
def test_each_team_gets_the_expected_verdict(member: Team) -> None:
    """Golden: the verdict an experienced ML engineer would sign for this team."""
    result = recommend(member.scenario)
    assert result.verdict is member.verdict, (member.id, result.summary)


@pytest.mark.parametrize("member", GALLERY, ids=[t.id for t in GALLERY])
def test_each_team_has_a_story_a_one_line_why_and_a_working_link(member: Team) -> None:
    assert member.story.endswith(".") and member.why.endswith(".")
    assert "\n" not in member.why and len(member.why) <= 220
    assert member.inputs, "a team that only uses the defaults says nothing"
    assert decode_query(member.query) == member.scenario


def test_teams_are_found_by_id() -> None:
    assert team("bank-complaints").verdict is Verdict.FINE_TUNING
    with pytest.raises(KeyError, match="known teams: hackathon-summariser"):
        team("no-such-team")
