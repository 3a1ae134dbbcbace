"""The counsellor's validation with evidence, its bulk action, and the session report (game.services.group)."""
import csv

import pytest

from game.content.scenarios import check_library
from game.core.model import BadgeDraft, Evidence
from game.services.group import (SEEN_ONCE, SHOWN, ValidationError, confirm_proposed, record_validations, session_report,
                                 validation_items, write_report)
from game.store.sqlite import Store
from referential import load_referential

REF = load_referential()
LIBRARY, _ = check_library(None, REF)
WHY = {"fr": "Tu prévois selon les contraintes.", "en": "You plan around constraints."}


def scenario_choice():
    """A real scenario step with choices, so the evidence points to an answer the player saw."""
    for s in LIBRARY.scenarios:
        for step in s.steps.values():
            for choice in getattr(step, "choices", ()) or ():
                return s, step, choice
    raise AssertionError("no scenario with choices")


@pytest.fixture
def group(tmp_path):
    store = Store.open(tmp_path)
    players = [store.create_player(n) for n in ("Inès", "Noé")]
    session = store.start_session("vote", [p.id for p in players], structure_name="Mission Locale de Lyon")
    scenario, step, choice = scenario_choice()
    ines, noe = players
    store.record_evidence([
        Evidence(ines.id, session.id, "O1", 3, "played", scenario.id, step.id, choice.id, WHY),
        Evidence(ines.id, session.id, "O1", 3, "played", scenario.id, step.id, choice.id, WHY),
        Evidence(ines.id, session.id, "C1", 2, "played", scenario.id, step.id, choice.id, WHY),
        Evidence(noe.id, session.id, "O3", 1, "played", scenario.id, step.id, choice.id, WHY),
    ])
    store.save_draft(BadgeDraft(ines.id, session.id, "O1", chosen=True, narrative="J'ai organisé le goûter du club."))
    return store, session, players, (scenario, step, choice)


def test_each_competence_comes_with_its_evidence_the_players_words_and_how_often_it_was_seen(group):
    store, session, (ines, _), (scenario, step, choice) = group
    items = {i.competence: i for i in validation_items(store, REF, LIBRARY, ines.id, session.id, "fr")}
    assert set(items) == {"O1", "C1"}
    o1 = items["O1"]
    assert o1.proposed == 3 and o1.seen == SHOWN and items["C1"].seen == SEEN_ONCE
    line = o1.lines[0]
    assert line.scenario == scenario.title["fr"] and line.answer == choice.text["fr"] and line.why == WHY["fr"]
    assert o1.words == "J'ai organisé le goûter du club."


def test_a_validation_records_the_counsellors_name_the_chosen_level_and_the_evidence_shown(group):
    store, session, (ines, _), _ = group
    items = validation_items(store, REF, LIBRARY, ines.id, session.id, "fr")
    with pytest.raises(ValidationError, match="name_needed"):
        record_validations(store, ines.id, session.id, {"C1": 2}, items, "   ")
    record_validations(store, ines.id, session.id, {"C1": 1}, items, "  Mme   Benali ")  # lowered
    [v] = store.validations_for(ines.id)
    assert (v.counsellor, v.competence, v.level) == ("Mme Benali", "C1", 1)
    c1 = next(i for i in items if i.competence == "C1")
    assert v.evidence == c1.evidence_ids and v.evidence
    assert store.get_setting("counsellor_name") == "Mme Benali"


def test_raising_past_the_games_cap_needs_a_comment(group):
    store, session, (ines, _), _ = group
    items = validation_items(store, REF, LIBRARY, ines.id, session.id, "fr")
    with pytest.raises(ValidationError, match="comment_needed"):
        record_validations(store, ines.id, session.id, {"O1": 4}, items, "Mme Benali")
    with pytest.raises(ValidationError, match="out_of_range"):
        record_validations(store, ines.id, session.id, {"O1": 5}, items, "Mme Benali", "x")
    assert store.validations_for(ines.id) == []  # nothing half-saved
    record_validations(store, ines.id, session.id, {"O1": 4}, items, "Mme Benali", "Organise les sorties du foyer.")
    assert [(v.level, v.comment) for v in store.validations_for(ines.id)] == [(4, "Organise les sorties du foyer.")]
    assert "O1" not in {i.competence for i in validation_items(store, REF, LIBRARY, ines.id, session.id, "fr")}


def test_confirm_everyones_proposed_levels_at_once_for_twelve(tmp_path):
    store = Store.open(tmp_path)
    players = [store.create_player(f"P{i}") for i in range(12)]
    session = store.start_session("vote", [p.id for p in players])
    scenario, step, choice = scenario_choice()
    store.record_evidence([Evidence(p.id, session.id, c, 2, "played", scenario.id, step.id, choice.id, WHY)
                           for p in players for c in ("O1", "C2")])
    with pytest.raises(ValidationError):
        confirm_proposed(store, REF, LIBRARY, session, players, "", "fr")
    assert confirm_proposed(store, REF, LIBRARY, session, players, "Mme Benali", "fr") == 24
    assert all({(v.competence, v.level) for v in store.validations_for(p.id)} == {("O1", 2), ("C2", 2)} for p in players)
    assert confirm_proposed(store, REF, LIBRARY, session, players, "Mme Benali", "fr") == 0  # nothing left to confirm


def test_the_session_report_says_who_came_what_was_shown_validated_and_requested(group, tmp_path):
    store, session, (ines, noe), _ = group
    store.set_absent(session.id, noe.id, True)
    items = validation_items(store, REF, LIBRARY, ines.id, session.id, "fr")
    record_validations(store, ines.id, session.id, {"O1": 3}, items, "Mme Benali")
    report = session_report(store, REF, LIBRARY, session.id, "fr")
    rows = {r.name: r for r in report.rows}
    assert rows["Inès"].present and not rows["Noé"].present
    assert rows["Inès"].shown == {"O1": 3, "C1": 2} and rows["Inès"].validated == {"O1": 3} and rows["Inès"].badges == ("O1",)
    assert report.totals()["O1"] == (1, 1, 1) and report.counsellors == ["Mme Benali"]
    from game.i18n.catalogue import I18n

    pdf, table = write_report(store, REF, LIBRARY, session.id, "fr", tmp_path / "out", I18n("fr").t)
    assert pdf.read_bytes().startswith(b"%PDF")
    lines = list(csv.DictReader(table.read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["participant"], r["present"], r["competences_validated"]) for r in lines] == [("Inès", "1", "O1:3"), ("Noé", "0", "")]


def test_the_session_report_sums_what_each_named_before_and_after(group, tmp_path):
    """How many participants named each competence as something they are good at, before and at the
    end: in the figures, the CSV, the PDF, and for the counsellor's dashboard (named_in_session)."""
    from game.core.model import AFTER, BEFORE, SelfAssessment
    from game.i18n.catalogue import I18n
    from game.services.group import named_in_session
    from tests.game.ui.test_portfolio import pdf_text

    store, session, (ines, noe), _ = group
    earlier = store.start_session("solo", [noe.id], date="2026-09-01")
    store.save_self_assessment(SelfAssessment(noe.id, earlier.id, BEFORE, ("O1",), "2026-09-01T10:00:00"))   # asked once, long ago
    store.save_self_assessment(SelfAssessment(ines.id, session.id, BEFORE, ("O1", "C1")))
    store.save_self_assessment(SelfAssessment(ines.id, session.id, AFTER, ("O1", "C2", "RA1")))
    store.save_self_assessment(SelfAssessment(ines.id, earlier.id, AFTER, ("O4",)))                        # another session's end
    report = session_report(store, REF, LIBRARY, session.id, "fr")
    rows = {r.name: r for r in report.rows}
    assert (rows["Inès"].named_before, rows["Inès"].named_after) == (("O1", "C1"), ("O1", "C2", "RA1"))
    assert (rows["Noé"].named_before, rows["Noé"].named_after) == (("O1",), None)
    named = report.named()
    assert named["O1"] == (2, 1) and named["C1"] == (1, 0) and named["C2"] == (0, 1) and named["O4"] == (0, 0)
    assert report.answered() == (2, 1)
    sums = named_in_session(store, session.id)
    assert sums[BEFORE] == {"": 2, "O1": 2, "C1": 1} and sums[AFTER] == {"": 1, "O1": 1, "C2": 1, "RA1": 1}
    pdf, table = write_report(store, REF, LIBRARY, session.id, "fr", tmp_path / "out", I18n("fr").t)
    lines = {r["participant"]: r for r in csv.DictReader(table.read_text(encoding="utf-8-sig").splitlines())}
    assert (lines["Inès"]["named_before"], lines["Inès"]["named_after"], lines["Noé"]["named_after"]) == ("O1 C1", "O1 C2 RA1", "")
    text = " ".join(pdf_text(pdf).split())
    assert "Choisie avant" in text and "Choisie après" in text and "2 avant, 1 après" in text and "Organiser son activité" in text


def test_a_formula_or_an_email_in_a_name_does_not_reach_the_report(tmp_path):
    store = Store.open(tmp_path)
    players = [store.create_player("=cmd|x"), store.create_player("a@b.fr")]
    session = store.start_session("vote", [p.id for p in players])
    from game.i18n.catalogue import I18n

    _, table = write_report(store, REF, LIBRARY, session.id, "en", tmp_path / "out", I18n("en").t)
    text = table.read_text(encoding="utf-8-sig")
    assert "\n=cmd" not in text and ",=cmd" not in text and "a@b.fr" not in text


def test_returning_participants_are_found_by_first_name_and_structure_most_recent_first(tmp_path):
    from game.services.group import find_returning

    store = Store.open(tmp_path)
    elodie, elodie2, noe = store.create_player("Élodie"), store.create_player("elodie B"), store.create_player("Noé")
    store.start_session("vote", [elodie.id, noe.id], structure_name="Mission Locale de Lyon", date="2026-10-01")
    store.start_session("vote", [elodie2.id, noe.id], structure_name="E2C Vénissieux", date="2026-11-15")
    assert [r.player.id for r in find_returning(store, "elo")] == [elodie2.id, elodie.id]
    assert [r.player.id for r in find_returning(store, "ELODIE", "mission locale")] == [elodie.id]
    [found] = find_returning(store, "noe", "venissieux")
    assert found.structures == ("E2C Vénissieux", "Mission Locale de Lyon")  # the latest first and found.last_date == "2026-11-15"
    assert find_returning(store, "") == [] and find_returning(store, "Zoé") == []


def test_merging_two_entries_keeps_everything_of_both_in_one(tmp_path):
    store = Store.open(tmp_path)
    a, b = store.create_player("Inès"), store.create_player("Ines")
    first = store.start_session("vote", [a.id], date="2026-10-01")
    second = store.start_session("vote", [b.id], date="2026-11-01")
    scenario, step, choice = scenario_choice()
    store.record_evidence([Evidence(a.id, first.id, "O1", 2, "played", scenario.id, step.id, choice.id, WHY)],
                          (a.id, scenario.id, first.id, "end", True))
    store.record_evidence([Evidence(b.id, second.id, "C1", 3, "played", scenario.id, step.id, choice.id, WHY)],
                          (b.id, scenario.id, second.id, "end", True))
    record_validations(store, b.id, second.id, {"C1": 3}, validation_items(store, REF, LIBRARY, b.id, second.id, "fr"), "Mme B")
    store.merge_players(a.id, b.id)
    assert store.get_player(b.id) is None
    assert {e.competence for e in store.evidence_for(a.id)} == {"O1", "C1"}
    assert [v.competence for v in store.validations_for(a.id)] == ["C1"]
    assert {s.id for s in store.sessions_of(a.id)} == {first.id, second.id}
    assert store.completed_scenarios(a.id) == {scenario.id}   # the same scenario twice: one progress row kept
    with pytest.raises(ValueError):
        store.merge_players(a.id, a.id)
