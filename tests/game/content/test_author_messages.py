"""Validator messages an outside author understands at first read (issue 19's author report, messages 1-7):
each broken file below was a real mistake, and the old message left the author guessing."""
from __future__ import annotations

import pytest

from game.content.scenarios import check_scenario_file
from referential import load_referential
from tests.conftest import ROOT
from tests.game.content.test_content import EXAMPLE, line_of

GREVE = ROOT / "tests" / "data" / "author" / "greve-entretien.yaml"


@pytest.fixture(scope="module")
def ref():
    return load_referential()


# (name, file, old text, new text, marker of the expected line, expected message part, old message part it replaces)
MISTAKES = [
    ("a skipped step's next jumps the next step", GREVE,
     "    only_if: resto_prevenu       #", "    next: entretien\n    only_if: resto_prevenu       #", "- id: accueil\n",
     "step 'accueil' is never reached: the step before it, 'accueil_prevenu', goes to 'entretien' with next:, "
     "even when it is skipped (only_if/unless); remove that next", None),
    ("guillemets and a comma without straight quotes", EXAMPLE,
     '{fr: "Oui! Dis-moi ce que je peux faire."', "{fr: «Oui, dis-moi ce que je peux faire.»", "«Oui, dis-moi",
     'a text starts with « without straight quotes around it', "unknown key"),
    ("a title as a plain text", EXAMPLE,
     'title: {fr: "Le pique-nique du quartier", en: "The neighbourhood picnic"}', 'title: "Le pique-nique du quartier"',
     "title:", "title: this should be a translated text {fr: \"...\", en: \"...\"}, not the text 'Le pique-nique du quartier'",
     "key: value"),
    ("only_if written as a list", GREVE, "only_if: resto_prevenu       #", "only_if: [resto_prevenu]       #",
     "only_if: [resto_prevenu]",
     "step 3 (id: accueil_prevenu), only_if: this should be one flag name (like venu_malade), not a list", "between quotes"),
    ("next left empty", EXAMPLE, "next: lucas ", "next: ~ ", "next: ~",
     "step 4 (id: pluie), answer 2 (id: preau), next: is empty; write one step id (or end)", "not nothing"),
    ("a straight quote inside a text", EXAMPLE, '{fr: "Oui! Dis-moi ce que je peux faire."',
     '{fr: "Oui! Dis-moi "ce" que je peux faire."', 'Dis-moi "ce"',
     'not valid YAML: a text inside { } is cut: a straight quote " inside a text (use « » or “ ” inside texts)', None),
    ("a point médian", EXAMPLE, "Tu prépares le travail sans aide, avant", "Tu prépares le travail seul·e, avant",
     "seul·e", "a point médian (like seul·e) is read badly aloud", None),
    ("no transfer question", EXAMPLE, '  transfer: {fr: "Toi, quand as-tu déjà aidé', '  # transfer: {fr: "Toi, quand as-tu déjà aidé',
     "=debrief:", "debrief: missing 'transfer'", None),
]


@pytest.mark.parametrize("name,source,old,new,marker,message,old_message", MISTAKES, ids=[m[0] for m in MISTAKES])
def test_an_authors_mistake_is_said_in_their_words(tmp_path, ref, name, source, old, new, marker, message, old_message):
    base = source.read_text(encoding="utf-8")
    assert check_scenario_file(source, ref)[1] == []
    assert base.count(old) == 1, old
    text = base.replace(old, new)
    path = tmp_path / source.name
    path.write_text(text, encoding="utf-8")
    scenario, problems = check_scenario_file(path, ref)
    assert scenario is None and len(problems) == 1, problems
    (problem,) = problems
    expected = line_of(text, marker) if not marker.endswith("\n") else text[: text.index(marker)].count("\n") + 1
    assert problem.line == expected, (expected, str(problem))
    assert message in problem.message, problem.message
    if old_message:
        assert old_message not in problem.message
    assert "steps/" not in problem.message and "/0" not in problem.message
