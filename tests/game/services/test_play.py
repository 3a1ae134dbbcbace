"""PlaySession against a real store: a choice becomes committed evidence, interrupted scenarios resume."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest


import referential
from game.content.scenarios import SCENARIO_DIR, check_scenario_file
from game.core.scenario import END, EvidenceSpec
from game.core.model import DECLARED, PLAYED
from game.core.grading import declared_why, grade_experience
from game.i18n.catalogue import in_every_language
from game.services.play import PlaySession
from game.store.sqlite import Store


@pytest.fixture(scope="module")
def festival():
    scenario, problems = check_scenario_file(SCENARIO_DIR / "festival.yaml", referential.load_referential())
    assert problems == []
    assert scenario is not None and scenario.id == "festival"
    return scenario


def new_play(store, names=("Élodie",), mode="solo", players=None):
    players = players or [store.create_player(n) for n in names]
    session = store.start_session(mode, [p.id for p in players])
    return PlaySession(store=store, session=session, players=players)


def choice(scenario, step_id, choice_id):
    return next(c for c in scenario.step(step_id).choices if c.id == choice_id)


def play_choice(play, step_id, choice_id, player=None):
    """What the game does on a dialogue step: record the choice with the next step, then advance."""
    assert play.step_id == step_id
    c = choice(play.scenario, step_id, choice_id)
    recorded = play.record(player or play.active_player, c.evidence, c.id, next_step=c.next)
    play.advance(c.next)
    return recorded


def rows(path: Path, sql: str, params=()):
    conn = sqlite3.connect(path, timeout=5)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def test_start_begins_at_the_start_step(store, festival):
    play = new_play(store)
    play.start(festival)
    assert play.scenario is festival
    assert play.step_id == festival.start == "briefing"
    assert play.step.kind == "dialogue"
    assert play.recorded == []


def test_record_commits_evidence_and_progress_together(store, festival):
    play = new_play(store)
    player = play.players[0]
    play.start(festival)
    c = choice(festival, "briefing", "partager")
    evidence = play.record(player, c.evidence, c.id, next_step=c.next)

    assert [(e.competence, e.level, e.source) for e in evidence] == [("O3", 3, PLAYED)]
    e = evidence[0]
    assert (e.player_id, e.session_id, e.scenario_id, e.step_id, e.choice_id) == (
        player.id, play.session.id, "festival", "briefing", "partager")
    assert e.why == dict(c.evidence[0].why)
    assert play.recorded == evidence
    assert play.evidence_of(player) == evidence

    # already on disk, seen from another connection while the store is open
    assert rows(store.path, "SELECT id, competence, level, source, step_id, choice_id FROM evidence") == [
        (e.id, "O3", 3, PLAYED, "briefing", "partager")]
    assert rows(store.path, "SELECT scenario_id, session_id, step_id, completed FROM progress WHERE player_id = ?",
                (player.id,)) == [("festival", play.session.id, "entree", 0)]
    assert store.evidence_for(player.id) == evidence
    assert store.progress_of(player.id, "festival") == ("entree", False)


def test_record_is_all_or_nothing(store, festival):
    """If the step reached cannot be saved, the evidence is not saved either (one transaction)."""
    play = new_play(store)
    player = play.players[0]
    play.start(festival)
    conn = sqlite3.connect(store.path, timeout=5)
    with conn:
        conn.execute("CREATE TRIGGER no_progress BEFORE INSERT ON progress BEGIN SELECT RAISE(ABORT, 'boom'); END")
    conn.close()
    c = choice(festival, "enfant", "infos")  # two pieces of evidence
    with pytest.raises(Exception):
        play.record(player, c.evidence, c.id, next_step=c.next)
    assert rows(store.path, "SELECT COUNT(*) FROM evidence") == [(0,)]
    assert store.progress_of(player.id, "festival") is None
    assert play.recorded == []


def test_record_without_next_step_keeps_progress(store, festival):
    play = new_play(store)
    player = play.players[0]
    play.start(festival)
    play_choice(play, "briefing", "demander")
    assert store.progress_of(player.id, "festival") == ("entree", False)
    # a score step records evidence without moving on yet
    band = festival.step("entree").level_for_score(1.0)
    play.record(player, [band.evidence("O2")], "order")
    assert store.progress_of(player.id, "festival") == ("entree", False)
    assert [(e.competence, e.level, e.step_id) for e in store.evidence_for(player.id)] == [
        ("O3", 1, "briefing"), ("O2", 2, "entree")]


def test_start_resumes_after_the_last_completed_step(store, festival, tmp_path):
    play = new_play(store, names=("Noé",))
    player = play.players[0]
    play.start(festival)
    first = play_choice(play, "briefing", "presenter")
    # entree is an ordering step: its evidence comes from the score band
    band = festival.step("entree").level_for_score(0.9)
    second = play.record(player, [band.evidence("O2")], "order", next_step="bouteille")
    play.advance("bouteille")
    third = play_choice(play, "bouteille", "expliquer")
    assert play.step_id == "equipe"
    store.close()  # the sitting ends before the scenario does

    again = Store.open(tmp_path / "data")
    try:
        assert again.recovered_from is None
        later = new_play(again, players=[again.get_player(player.id)])
        assert later.session.id != play.session.id
        later.start(festival)
        assert later.step_id == "equipe"                # the step after the last one completed
        assert later.recorded == first + second + third   # evidence recorded before, for the debrief
        assert [(e.competence, e.level) for e in later.evidence_of(later.players[0])] == [("O3", 2), ("O2", 2), ("O2", 3)]
        # and it goes on from there
        later.record(later.players[0], festival.step("equipe").evidence, "O3", next_step="nouveau")
        assert later.recorded[-1].step_id == "equipe"
        assert again.progress_of(player.id, "festival") == ("nouveau", False)
    finally:
        again.close()


def test_start_ignores_progress_of_another_scenario(store, festival):
    play = new_play(store)
    player = play.players[0]
    store.save_progress(player.id, "colocation", play.session.id, "bouteille")
    play.start(festival)
    assert play.step_id == "briefing"


def test_start_after_a_removed_step_restarts(store, festival):
    play = new_play(store)
    player = play.players[0]
    store.save_progress(player.id, "festival", play.session.id, "a-step-that-no-longer-exists")
    play.start(festival)
    assert play.step_id == festival.start
    assert play.recorded == []


def test_advance_to_end_marks_completed(store, festival):
    play = new_play(store, names=("Élodie", "Noé 🎧"), mode="turns")
    a, b = play.players
    play.start(festival)
    assert play.group
    assert play.active_player == a
    assert play.advance("entree") is False
    assert play.active_player == b                       # turns: the next player
    assert store.progress_of(a.id, "festival") == ("entree", False)
    assert store.progress_of(b.id, "festival") == ("entree", False)
    play.step_id = "bilan"
    c = choice(festival, "bilan", "fiche")
    play.record(play.active_player, c.evidence, c.id, next_step="moi")
    assert play.advance("moi") is False
    assert store.completed_scenarios(a.id) == set()
    assert play.advance(END) is True
    assert play.step_id == END
    for p in (a, b):
        assert store.progress_of(p.id, "festival") == (END, True)
        assert store.completed_scenarios(p.id) == {"festival"}
    assert rows(store.path, "SELECT COUNT(*) FROM progress WHERE completed = 1") == [(2,)]

    # a completed scenario starts again from the beginning
    replay = new_play(store, players=[a, b], mode="turns")
    replay.start(festival)
    assert replay.step_id == festival.start
    assert replay.recorded == []


def test_record_on_the_last_step_to_end_completes(store, festival):
    play = new_play(store)
    player = play.players[0]
    play.start(festival)
    play.step_id = "bilan"
    c = choice(festival, "bilan", "calme")
    play.record(player, c.evidence, c.id, next_step=END)
    assert store.progress_of(player.id, "festival") == (END, True)
    assert store.completed_scenarios(player.id) == {"festival"}


def test_solo_keeps_the_player_and_a_group_goes_round_the_present_participants(store, festival):
    solo = new_play(store, names=("A",), mode="solo")
    solo.start(festival)
    solo.advance("entree")
    assert solo.active_player == solo.players[0]
    # in a voting group, the steps that are not voted on (ordering, budget, experience) go round too
    group = new_play(store, names=("A", "B", "C"), mode="vote")
    group.start(festival)
    group.absent.add(group.players[1].id)
    seen = []
    for step in ("entree", "bouteille", "equipe", "nouveau"):
        group.advance(step)
        seen.append(group.active_player.display_name)
    assert seen == ["C", "A", "C", "A"]


def test_group_resume_restores_everyones_evidence(store, festival):
    play = new_play(store, names=("A", "B"), mode="turns")
    a, b = play.players
    play.start(festival)
    ea = play_choice(play, "briefing", "demander", player=a)
    eb = play.record(b, [EvidenceSpec("O2", 1, {"fr": "f", "en": "e"})], "order", next_step="bouteille")
    play.advance("bouteille")
    later = new_play(store, players=[a, b], mode="turns")
    later.start(festival)
    assert later.step_id == "bouteille"
    assert sorted(e.id for e in later.recorded) == sorted(e.id for e in ea + eb)
    assert later.evidence_of(a) == ea and later.evidence_of(b) == eb


def test_declare_records_declared_evidence(store, festival):
    play = new_play(store)
    player = play.players[0]
    play.start(festival)
    play.step_id = "moi"
    templates = in_every_language("experience.told_why")
    why = declared_why({"fr": "Bénévolat", "en": "Volunteering"}, [{"fr": "Tenir un stand", "en": "Run a stall"}],
                       {"fr": "Je le fais seul·e", "en": "I do it on my own"}, templates)
    assert why == {"fr": "Tu as raconté : Bénévolat (Tenir un stand). « Je le fais seul·e »",
                   "en": "You told us about: Volunteering (Run a stall). “I do it on my own”"}
    graded = grade_experience(festival.step("moi"), "O3", 3, {"fr": "Je le fais seul·e", "en": "I do it on my own"},
                              "voluntary", {"fr": "Bénévolat", "en": "Volunteering"}, [("stall", {"fr": "Tenir un stand", "en": "Run a stall"})],
                              templates)
    assert graded.specs[0].why == why and graded.choice_id == "voluntary:stall"
    evidence = play.record_answer(player, graded)
    assert [(e.competence, e.level, e.source, e.step_id) for e in evidence] == [("O3", 3, DECLARED, "moi")]
    assert store.evidence_for(player.id) == evidence
    assert store.progress_of(player.id, festival.id) is None  # a told experience does not move the step on
    assert store.progress_of(player.id, "festival") is None  # declaring does not move the story on
