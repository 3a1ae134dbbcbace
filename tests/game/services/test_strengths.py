"""Before and after: "name up to 5 things you are good at", kept side by side and summed per session."""
from __future__ import annotations

import sqlite3

import pytest

from game.cli import build_parser
from game.core.model import AFTER, BEFORE
from game.services.context import open_services


@pytest.fixture
def services(tmp_path):
    s = open_services(tmp_path / "data")
    yield s
    s.store.close()


def test_both_answers_are_kept_side_by_side(services):
    player = services.create_player("Mei", "fr")
    first = services.start_solo(player).session
    assert services.needs_before(player)
    services.save_self_assessment(player, first.id, BEFORE, ["O1", "C1", "nope", "O1"])
    assert not services.needs_before(player) and services.needs_after(player, first.id)
    services.save_self_assessment(player, first.id, AFTER, ["O1", "C1", "RA2", "O4", "C2", "C3", "RP1"])
    assert services.strengths(player) == {BEFORE: ("O1", "C1"), AFTER: ("O1", "C1", "RA2", "O4", "C2")}  # known ids, at most 5
    assert not services.needs_after(player, first.id)
    second = services.start_solo(player).session
    assert not services.needs_before(player) and services.needs_after(player, second.id)   # "before" is the first session's
    services.save_self_assessment(player, second.id, AFTER, ["RA2"])
    assert services.strengths(player) == {BEFORE: ("O1", "C1"), AFTER: ("RA2",)}           # the latest "after"
    assert services.strengths_in_session(first.id) == {BEFORE: {"": 1, "O1": 1, "C1": 1},   # one participant, each card once
                                                       AFTER: {"": 1, **{c: 1 for c in ("O1", "C1", "RA2", "O4", "C2")}}}
    with pytest.raises(ValueError):
        services.save_self_assessment(player, first.id, "during", ["O1"])


def test_autoplay_asks_before_the_first_session_and_at_the_end(tmp_path):
    from game.autoplay.driver import run_autoplay

    data = tmp_path / "d"
    assert run_autoplay(build_parser().parse_args(["autoplay", "--scenario", "retard", "--data-dir", str(data)])) == 0
    rows = sqlite3.connect(data / "diva.db").execute("SELECT moment, competences_json FROM self_assessments").fetchall()
    assert sorted(m for m, _ in rows) == [AFTER, BEFORE]
