"""French typesetting (game.i18n.typeset): numbers keep their unit or short word on the same line, and a
sentence quoted inside another loses its full stop (issue 19's author report)."""
from __future__ import annotations

import pytest

from game.i18n.catalogue import I18n
from game.i18n.typeset import NBSP, quotable, typeset


@pytest.mark.parametrize("text,kept", [
    ("Ton contrat dure pour 1 an.", "1\u00a0an"),
    ("L'entretien est à 9 h, au restaurant.", "9\u00a0h"),
    ("Le bus part à 10 h 10 demain.", "10\u00a0h\u00a010"),
    ("Ça coûte 20 € par mois.", "20\u00a0€"),
    ("Le stage est à 5 km de chez toi.", "5\u00a0km"),
    ("Il gagne 1 000 euros.", "1\u00a0000"),
    ("Tu as 3 ans d'expérience?", "3\u00a0ans"),
])
def test_a_number_never_leaves_its_unit_or_short_word(text, kept):
    assert kept in typeset(text, "fr")


def test_a_number_before_a_long_word_may_break_and_english_is_left_alone():
    assert "2 phrases" in typeset("Je raconte en 2 phrases.", "fr")
    assert typeset("At 9 h, 1 year.", "en") == "At 9 h, 1 year."


def test_a_quoted_answer_does_not_double_its_full_stop():
    answer = typeset("Garder un plan B: trottinette, vélo, ou à pied.", "fr")
    line = I18n("fr").t("debrief.other_choice", choice=quotable(answer), name="Organiser")
    assert "à pied\u202f»." in line and ". »" not in line.replace("\u202f", " ")
    assert quotable("Tu viens?") == "Tu viens?" and quotable("Bon...") == "Bon..."
    assert NBSP not in quotable("Fini.")
