"""Suggested CV lines: the bundled file, every check of the loader, and the interview sentence."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from referential.yamlfile import DataFileError, Problem
from referential import Referential, load_referential
from game.i18n.typeset import typeset
from referential.cv import DEFAULT_PATH, MAX_LINE_CHARS, CvLines, check_cv_lines, load_cv_lines

IDS = ("O1", "O2", "O3", "O4", "C1", "C2", "C3", "C4", "RA1", "RA2", "RP1", "RP2")
LEVELS = (1, 2, 3, 4)
LANGS = ("fr", "en")
BUNDLED = DEFAULT_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ref() -> Referential:
    return load_referential()


@pytest.fixture(scope="module")
def cv(ref) -> CvLines:
    return load_cv_lines(ref)


def line_no(text: str, needle: str) -> int:
    """1-based number of the first line of `text` containing `needle` (exactly one must)."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(hits) == 1, f"{needle!r} found on lines {hits}"
    return hits[0]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cv_lines.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"{old!r} is not unique in the bundled file"
    return text.replace(old, new)


# --------------------------------------------------------------------------- the bundled file


def test_bundled_file_loads_with_the_referential(ref):
    assert DEFAULT_PATH.name == "cv_lines.yaml" and DEFAULT_PATH.parent == Path(__file__).resolve().parents[2] / "referential"
    result, problems = check_cv_lines(ref)
    assert problems == []
    assert isinstance(result, CvLines)
    assert result.ids() == ref.ids() == IDS
    assert result.path == str(DEFAULT_PATH)


def test_bundled_file_starts_with_the_licence_line():
    assert BUNDLED.splitlines()[0] == "# Suggested CV lines (written for DIVA, same licence as the project)"


@pytest.mark.parametrize("cid", IDS)
def test_every_level_has_a_short_line_in_both_languages(cv, cid):
    for lang in LANGS:
        seen = set()
        for level in LEVELS:
            line = cv.line(cid, level, lang)
            assert isinstance(line, str) and line.strip() == line and line, (cid, level, lang)
            assert len(line) <= MAX_LINE_CHARS == 90, (cid, level, lang, len(line))
            assert "{" not in line and "}" not in line
            assert not line.endswith("."), "CV lines are not sentences"
            assert line[0].isupper(), (cid, level, lang, line)
            seen.add(line)
        assert len(seen) == 4, f"{cid} {lang}: the 4 levels must not share a line"


@pytest.mark.parametrize("cid", IDS)
def test_lines_are_verb_phrases_without_je_or_i(cv, cid):
    """Verb phrases, the person's own: no "je" / "I", no "tu" / "you" (issue 21), and what they can do,
    not a place they went to (a game cannot see that)."""
    for level in LEVELS:
        fr, en = cv.line(cid, level, "fr"), cv.line(cid, level, "en")
        assert not re.search(r"(?i)(?<!\w)(je(?!\w)|j['\u2019])", fr), fr
        assert not re.match(r"I\b", en), en
        assert fr != en
        assert not re.search(r"(?i)(?<![\w'’])(tu|te|toi|ton|ta|tes|t['’])(?!\w)", fr), fr
        assert not re.search(r"(?i)\byou(r)?\b", en), en
        assert "terrain" not in fr and "first-hand" not in en


def test_levels_follow_autonomy_and_rp_follow_their_steps(cv):
    # level 1 comes with help, level 3 without it and "around the constraints" (RECTEC's wording), level 4
    # in all kinds of situations (RECTEC+ rank 4), for or with other people only where the competence is about them
    assert "avec de l'aide" in cv.line("O1", 1, "fr") and "with guidance" in cv.line("O1", 1, "en")
    assert "sans aide, en fonction des contraintes" in cv.line("O1", 3, "fr") and "without help" in cv.line("O1", 3, "en")
    assert "situations variées" in cv.line("O1", 4, "fr") and "all kinds of situations" in cv.line("O1", 4, "en")
    assert "aux autres" in cv.line("O2", 4, "fr") and "others" in cv.line("O2", 4, "en")
    # RP1 steps: ideas, reality check, explain, plan the steps
    assert "métiers" in cv.line("RP1", 1, "fr")
    assert "étapes" in cv.line("RP1", 4, "fr") and "steps" in cv.line("RP1", 4, "en")
    assert "apprendre" in cv.line("RP2", 1, "fr") and "learn" in cv.line("RP2", 1, "en")


def test_line_values_and_language_fallback(cv):
    assert cv.line("O1", 2, "fr") == "Organiser mes tâches habituelles et prendre des initiatives"
    assert cv.line("O1", 2, "en") == "Plan my usual tasks and take some initiative"
    assert cv.line("O1", 2, "de") == cv.line("O1", 2, "fr")  # French when the language is missing
    # the line as written; the game typesets what it shows (a narrow no-break space before ':')
    assert cv.line("O4", 3, "fr") == "Choisir le bon calcul : pourcentage, règle de trois ou surface"
    assert typeset(cv.line("O4", 3, "fr"), "fr") == "Choisir le bon calcul\u202f: pourcentage, règle de trois ou surface"
    assert cv.line("O4", 3, "en") == "Choose the right calculation: percentage, ratio or area"


def test_unknown_competence_or_level_is_a_key_error(cv):
    with pytest.raises(KeyError, match="X9"):
        cv.line("X9", 1, "fr")
    with pytest.raises(KeyError, match="5"):
        cv.line("O1", 5, "fr")
    with pytest.raises(KeyError):
        cv.line("O1", "1", "fr")
    with pytest.raises(KeyError, match="X9"):
        cv.interview("X9", "fr", "au club")


# --------------------------------------------------------------------------- for a recruiter (issue 21)


def test_the_recruiter_line_says_what_at_which_level_and_where_it_was_observed(cv):
    said = cv.recruiter_line("O1", 3, "fr", level_words="niveau 3 sur 4, je sais faire",
                             observed="observé en atelier DIVA (Mission locale de Nantes), validé par Mme Martin")
    assert said == ("Organiser mon activité sans aide, en fonction des contraintes (niveau 3 sur 4, je sais faire). "
                    "Observé en atelier DIVA (Mission locale de Nantes), validé par Mme Martin.")
    said = cv.recruiter_line("RP1", 2, "en", level_words="second step taken", observed="observed in a DIVA workshop.")
    assert said == "Compare my job idea with what the work is really like (second step taken). Observed in a DIVA workshop."
    assert cv.recruiter_line("O1", 2, "fr", level_words="", observed="") == cv.line("O1", 2, "fr") + "."
    with pytest.raises(KeyError):
        cv.recruiter_line("O1", 5, "fr", level_words="x", observed="y")


def test_the_interview_sentence_with_a_played_situation_says_it_was_played_in_a_workshop(cv):
    """The badge screen fills {example} with a situation of the game: the catalogue says it was a role play."""
    from game.i18n.catalogue import raw_text

    fr = cv.interview("O1", "fr", raw_text("fr", "cobuild.example").format(title="L'anniversaire de Lina"))
    assert fr == ("Par exemple, lors d'une mise en situation jouée en atelier (« L'anniversaire de Lina »), "
                  "j'ai organisé mon travail pour finir à l'heure.")
    en = cv.interview("O1", "en", raw_text("en", "cobuild.example").format(title="Lina's birthday"))
    assert "role play during a workshop" in en and "dans la situation" not in fr


# --------------------------------------------------------------------------- interview sentence


@pytest.mark.parametrize("cid", IDS)
def test_every_interview_sentence_takes_the_example_once(cv, cid):
    for lang in LANGS:
        said = cv.interview(cid, lang, "EXAMPLE-42")
        assert said.count("EXAMPLE-42") == 1
        assert "{" not in said and "}" not in said
        assert said.endswith("."), said
        assert len(said) <= 140


def test_interview_formats_the_example(cv):
    assert (
        cv.interview("O1", "fr", "pendant mon stage au marché")
        == "Par exemple, pendant mon stage au marché, j'ai organisé mon travail pour finir à l'heure."
    )
    assert (
        cv.interview("O1", "en", "during my placement at the market")
        == "For example, during my placement at the market, I planned my work to finish on time."
    )
    assert cv.interview("O1", "de", "au club") == cv.interview("O1", "fr", "au club")


def test_interview_keeps_the_players_words_safe(cv):
    expected = "Par exemple, au club de foot, j'ai organisé mon travail pour finir à l'heure."
    # spaces, new lines and the final full stop of the player's text are tidied
    assert cv.interview("O1", "fr", "  au club\n de foot. ") == expected
    # braces in the player's text are kept as typed, never read as placeholders
    said = cv.interview("O1", "en", "{0} {example} {__class__}")
    assert said == "For example, {0} {example} {__class__}, I planned my work to finish on time."
    # nothing written yet: an ellipsis, never a crash
    assert cv.interview("O1", "fr", "   ") == "Par exemple, …, j'ai organisé mon travail pour finir à l'heure."
    assert cv.interview("O1", "fr", None) == cv.interview("O1", "fr", "")


# --------------------------------------------------------------------------- broken files

O1_L2_FR = 'fr: "Organiser mes tâches habituelles et prendre des initiatives"'
O1_L2_EN = ', en: "Plan my usual tasks and take some initiative"'
O1_L3 = '      3: {fr: "Organiser mon activité sans aide'
O1_L4_FR = '"Prévoir mon activité dans des situations variées, et parfois celle d\'un groupe"'
O1_INTERVIEW_FR = '"Par exemple, {example}, j\'ai organisé mon travail pour finir à l\'heure."'
RP1_L2 = '      2: {fr: "Comparer mon idée de métier'


def _c2_block() -> str:
    start = BUNDLED.index("  C2:\n")
    end = BUNDLED.index("  C3:\n")
    return BUNDLED[start:end]


# (name, mutation of the bundled text, expected message part, text on the expected line)
BROKEN = [
    (
        "missing competence",
        lambda t: replace_once(t, _c2_block(), ""),
        "missing competence 'C2'",
        "competences:",
    ),
    (
        "unknown competence",
        lambda t: replace_once(t, "  C2:\n", "  C9:\n"),
        "unknown competence 'C9' (known: O1, O2",
        "  C9:",
    ),
    (
        "missing level",
        lambda t: replace_once(t, O1_L3, "      # no level 3 here, was: {fr: \"Organiser mon activité sans aide"),
        "O1: missing level 3",
        "O1_LEVELS",
    ),
    (
        "missing step of RP1",
        lambda t: replace_once(t, RP1_L2, "      # " + RP1_L2.strip()),
        "RP1: missing step 2",
        "RP1_LEVELS",
    ),
    (
        "unknown level",
        lambda t: replace_once(t, O1_L3, '      5: {fr: "Organiser", en: "Plan"}\n' + O1_L3),
        "O1: unknown level '5' (use 1, 2, 3, 4)",
        '      5: {fr: "Organiser"',
    ),
    (
        "missing English",
        lambda t: replace_once(t, O1_L2_EN, ""),
        "O1 level 2: missing English text",
        O1_L2_FR,
    ),
    (
        "missing French",
        lambda t: replace_once(t, O1_L2_FR + O1_L2_EN, O1_L2_EN[2:]),
        "O1 level 2: missing French text",
        O1_L2_EN[2:],
    ),
    (
        "empty French",
        lambda t: replace_once(t, O1_L2_FR, 'fr: "   "'),
        "O1 level 2: French: empty text",
        'fr: "   "',
    ),
    (
        "line is not text",
        lambda t: replace_once(t, O1_L2_FR, "fr: [1, 2]"),
        'O1 level 2: French: this should be a text between quotes "...", not a list',
        "fr: [1, 2]",
    ),
    (
        "too long",
        lambda t: replace_once(t, O1_L4_FR, '"' + "a" * 91 + '"'),
        "O1 level 4: the French line is too long (91 characters, at most 90)",
        "a" * 91,
    ),
    (
        "unknown language",
        lambda t: replace_once(t, O1_L2_EN, O1_L2_EN + ', de: "Meine Aufgaben planen"'),
        "O1 level 2: unknown language 'de' (use fr, en)",
        "Meine Aufgaben",
    ),
    (
        "je in a French line",
        lambda t: replace_once(t, O1_L2_FR, 'fr: "J\'organise mes tâches habituelles"'),
        "O1 level 2: the French line must not use 'je'",
        "J'organise mes",
    ),
    (
        "I at the start of an English line",
        lambda t: replace_once(t, O1_L2_EN, ', en: "I plan my usual tasks"'),
        "O1 level 2: the English line must not start with 'I'",
        "I plan my usual",
    ),
    (
        "placeholder in a CV line",
        lambda t: replace_once(t, O1_L4_FR, '"Organiser {example}"'),
        "O1 level 4: the French line must not contain { or }",
        "Organiser {example}",
    ),
    (
        "interview without example",
        lambda t: replace_once(t, O1_INTERVIEW_FR, '"J\'ai organisé mon travail."'),
        "O1 interview: the French interview sentence has no {example}",
        "J'ai organisé mon travail.",
    ),
    (
        "interview with a misspelt placeholder",
        lambda t: replace_once(t, O1_INTERVIEW_FR, '"Par exemple, {exemple}, j\'ai organisé mon travail."'),
        "O1 interview: the French interview sentence has a stray { or }",
        "{exemple}",
    ),
    (
        "interview with the example twice",
        lambda t: replace_once(t, O1_INTERVIEW_FR, '"{example} et {example}."'),
        "O1 interview: the French interview sentence has {example} 2 times (once only)",
        "{example} et {example}",
    ),
    (
        "interview too long",
        lambda t: replace_once(t, O1_INTERVIEW_FR, '"Par exemple, {example}, ' + "b" * 130 + '."'),
        "O1 interview: the French interview sentence is too long (155 characters, at most 140)",
        "b" * 130,
    ),
    (
        "missing interview",
        lambda t: replace_once(t, "    interview: {fr: " + O1_INTERVIEW_FR, "    # interview: {fr: " + O1_INTERVIEW_FR),
        "O1: missing 'interview'",
        "  O1:",
    ),
    (
        "unknown key in a competence",
        lambda t: replace_once(t, "  O1:\n", "  O1:\n    tips: \"Be yourself\"\n"),
        "O1: unknown key 'tips'",
        "    tips:",
    ),
    (
        "unknown top key",
        lambda t: t + "version: 2\n",
        "CV lines: unknown key 'version'",
        "version: 2",
    ),
    (
        "levels as a list",
        lambda t: replace_once(
            t,
            t[t.index("    levels:\n", t.index("  O1:")) : t.index("\n\n  O2:")],
            '    levels: ["Organiser", "Planifier"]',
        ),
        "O1: levels: this should be a block of 'key: value' lines, not a list",
        '    levels: ["Organiser"',
    ),
    (
        "competences as a list",
        lambda t: "competences:\n  - O1\n",
        "competences: this should be a block of 'key: value' lines, not a list",
        "competences:",
    ),
    (
        "not a mapping at all",
        lambda t: "just some text\n",
        "CV lines: this should be a block of 'key: value' lines, not the text 'just some text'",
        "just some text",
    ),
    (
        "invalid YAML",
        lambda t: replace_once(t, O1_L2_EN, ', en: "Plan my usual tasks'),
        "not valid YAML",
        None,  # the YAML parser names where it noticed; only checked to be a real line
    ),
    (
        "duplicate competence",
        lambda t: t.replace("\n  # RP1 and RP2", "\n  O1:\n    levels: {}\n  # RP1 and RP2", 1),
        "duplicate key 'O1'",
        "O1_DUPLICATE",
    ),
]


def _expected_line(text: str, needle: str | None) -> int | None:
    if needle is None:
        return None
    if needle == "O1_LEVELS":
        return text[: text.index("    levels:", text.index("  O1:"))].count("\n") + 1
    if needle == "RP1_LEVELS":
        return text[: text.index("    levels:", text.index("  RP1:"))].count("\n") + 1
    if needle == "O1_DUPLICATE":
        return text[: text.rindex("  O1:\n")].count("\n") + 1
    return line_no(text, needle)


@pytest.mark.parametrize("name, mutate, message, needle", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_file_gives_the_right_message_and_line(ref, tmp_path, name, mutate, message, needle):
    text = mutate(BUNDLED)
    assert text != BUNDLED
    path = write(tmp_path, text)
    result, problems = check_cv_lines(ref, path)  # never raises for bad data
    assert result is None
    assert problems, name
    assert all(isinstance(p, Problem) and p.path == str(path) for p in problems)
    matching = [p for p in problems if message in p.message]
    assert matching, f"{name}: no problem says {message!r}; got {[str(p) for p in problems]}"
    expected = _expected_line(text, needle)
    n_lines = text.count("\n") + 1
    if expected is None:
        assert 1 <= matching[0].line <= n_lines
    else:
        assert matching[0].line == expected, f"{name}: {matching[0]}"
    assert str(matching[0]).startswith(f"{path}:{matching[0].line}: ")
    with pytest.raises(DataFileError) as info:
        load_cv_lines(ref, path)
    assert info.value.problems == problems
    assert message in str(info.value)


def test_a_line_of_exactly_90_characters_is_accepted(ref, tmp_path):
    text = replace_once(BUNDLED, O1_L4_FR, '"' + "a" * 90 + '"')
    cv, problems = check_cv_lines(ref, write(tmp_path, text))
    assert problems == []
    assert cv.line("O1", 4, "fr") == "a" * 90


def test_every_problem_is_reported_at_once_in_file_order(ref, tmp_path):
    text = replace_once(BUNDLED, O1_L2_EN, "")
    text = replace_once(text, O1_L4_FR, '"' + "a" * 95 + '"')
    text = replace_once(text, "  C2:\n", "  C9:\n")
    result, problems = check_cv_lines(ref, write(tmp_path, text))
    assert result is None
    messages = [p.message for p in problems]  # the shape first: what the schema finds, all at once
    assert any("missing English text" in m for m in messages)
    assert [p.line for p in problems] == sorted(p.line for p in problems)
    text = replace_once(BUNDLED, O1_L4_FR, '"' + "a" * 95 + '"')
    text = replace_once(text, "  C2:\n", "  C9:\n")
    text = replace_once(text, O1_INTERVIEW_FR, '"Par exemple, j\'ai organisé mon travail."')
    result, problems = check_cv_lines(ref, write(tmp_path, text))
    assert result is None  # then the meaning, every problem at once
    messages = [p.message for p in problems]
    assert any("too long (95 characters" in m for m in messages)
    assert any("unknown competence 'C9'" in m for m in messages)
    assert any("missing competence 'C2'" in m for m in messages)
    assert any("has no {example}" in m for m in messages)
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_unreadable_files_come_back_as_problems(ref, tmp_path):
    missing = tmp_path / "nope.yaml"
    result, problems = check_cv_lines(ref, missing)
    assert result is None and len(problems) == 1
    assert problems[0].line == 1 and "cannot read the file" in problems[0].message
    assert problems[0].path == str(missing)

    empty = write(tmp_path, "   \n")
    assert check_cv_lines(ref, empty)[1][0].message == "the file is empty"

    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"competences:\n\x00\x01")
    problems = check_cv_lines(ref, binary)[1]
    assert problems[0].line == 2 and "NUL" in problems[0].message

    with pytest.raises(DataFileError, match="cannot read the file"):
        load_cv_lines(ref, missing)
