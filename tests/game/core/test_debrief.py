"""The debrief's rules: the player's own moments, reasons to pick, what another answer would have
shown, and the transfer kept as a told experience."""
from __future__ import annotations

import pytest

import referential
from game.content.scenarios import load_library
from game.core.debrief import LIFE_DOMAINS, MAX_MOMENTS, REASONS, another_choice, path_moments, reasons_for
from game.core.grading import MAX_TOLD, TOLD, grade_transfer, told_text, transfer_answer
from game.core.model import DECLARED
from game.i18n.catalogue import in_every_language, raw_text
from game.i18n.languages import LANGUAGES

REF = referential.load_referential()


def test_moments_are_the_players_own_answers_spread_over_the_story(retard):
    answers = [("bus", "sms"), ("malade", "y_aller"), ("rappel", "peur"), ("retour", "cahier"), ("bilan", "partout"),
               ("trajet", "order:x")]  # a non-dialogue answer is not a moment
    moments = path_moments(retard, answers)
    assert len(moments) == MAX_MOMENTS
    assert [m.step.id for m in moments][0] == "bus" and [m.step.id for m in moments][-1] == "bilan"
    assert all(m.choice.id == dict(answers)[m.step.id] for m in moments)
    other = path_moments(retard, [("bus", "appli"), ("malade", "prevenir")])
    assert [m.choice.id for m in other] == ["appli", "prevenir"]   # another player, another story


def test_reasons_are_few_and_always_allow_not_knowing(retard):
    for moment in path_moments(retard, [("bus", "sms"), ("malade", "y_aller"), ("retour", "cahier")]):
        reasons = reasons_for(moment)
        assert 2 <= len(reasons) <= 3 and reasons[-1] == "unsure" and set(reasons) <= set(REASONS)
    for key in [*REASONS, *LIFE_DOMAINS]:
        for lang in LANGUAGES:
            assert raw_text(lang, f"debrief.reason.{key}" if key in REASONS else f"domain.{key}") not in ("", key)


def test_another_choice_shows_another_competence(retard):
    (moment,) = path_moments(retard, [("bus", "sms")])
    other = another_choice(moment)
    assert other.id != "sms" and {e.competence for e in other.evidence} != {e.competence for e in moment.choice.evidence}


def test_the_transfer_is_a_told_experience_of_what_the_moment_showed(retard):
    (moment,) = path_moments(retard, [("malade", "medecin")])
    graded = grade_transfer(moment.step, moment.choice, "rule", "sport", in_every_language("domain.sport"),
                            in_every_language("debrief.transfer_why"))
    assert graded.source == DECLARED and graded.choice_id == "transfer:malade:medecin:rule:sport"
    assert [(s.competence, s.level) for s in graded.specs] == [(e.competence, e.level) for e in moment.choice.evidence]
    assert "Au sport" in graded.specs[0].why["fr"] and "arrêt de travail" in graded.specs[0].why["fr"]
    assert "At sport" in graded.specs[0].why["en"]


def test_every_bundled_scenario_has_its_own_transfer_question():
    library = load_library(REF)
    questions = [s.transfer["fr"] for s in library.scenarios]
    assert all(questions) and len(set(questions)) == len(questions) == len(library.scenarios)


def test_a_moment_told_is_kept_in_the_players_words_cleaned_and_capped(retard):
    (moment,) = path_moments(retard, [("malade", "medecin")])
    told = "  Quand ma sœur\test tombée malade,\n j'ai appelé le médecin. " + "x" * 300
    graded = grade_transfer(moment.step, moment.choice, "unsure", "", {}, in_every_language("debrief.told_why"), told=told)
    assert graded.source == DECLARED and graded.choice_id == f"transfer:malade:medecin:unsure:{TOLD}"
    assert transfer_answer(graded.choice_id) == ("malade", "medecin") and transfer_answer("sms") is None
    kept = told_text(told)
    assert kept.startswith("Quand ma sœur est tombée malade, j'ai appelé le médecin.") and len(kept) == MAX_TOLD
    assert all(kept in s.why["fr"] and kept in s.why["en"] for s in graded.specs)
    assert [(s.competence, s.level) for s in graded.specs] == [(e.competence, e.level) for e in moment.choice.evidence]
    with pytest.raises(ValueError):
        grade_transfer(moment.step, moment.choice, "unsure", "", {}, in_every_language("debrief.told_why"), told="  \n ")
