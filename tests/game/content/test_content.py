"""Scenario content: the bundled library, the authors' example, every kind of broken file
(right message on the right line), the `validate` command, and robustness (hypothesis)."""
from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


from game.content.scenarios import (KINDS, PLACES_PATH, Scenario, check_library, check_places, check_scenario_file, coverage,
                                    estimated_minutes)
from referential import load_referential
from tests.conftest import ROOT

EXAMPLE = ROOT / "tests" / "data" / "exemple-complet.yaml"
FESTIVAL = ROOT / "content" / "scenarios" / "festival.yaml"
README = ROOT / "content" / "README.md"
IDS = ("O1", "O2", "O3", "O4", "C1", "C2", "C3", "C4", "RA1", "RA2", "RP1", "RP2")
PROBLEM_LINE = re.compile(r"^[^:]+:\d+: .+")


@pytest.fixture(scope="module")
def ref():
    return load_referential()


def line_of(text: str, marker: str) -> int:
    """1-based line of the only line containing `marker` (or, for "=text", equal to text)."""
    if marker.startswith("="):
        hits = [n for n, line in enumerate(text.splitlines(), 1) if line == marker[1:]]
    else:
        hits = [n for n, line in enumerate(text.splitlines(), 1) if marker in line]
    assert len(hits) == 1, f"{marker!r} found on lines {hits}"
    return hits[0]


def variant(old: str, new: str) -> str:
    """The example with one exact, unique piece of text replaced."""
    base = EXAMPLE.read_text(encoding="utf-8")
    assert base.count(old) == 1, f"{old!r} occurs {base.count(old)} times"
    return base.replace(old, new)


def problems_of(path: Path, ref) -> list[tuple[int, str]]:
    scenario, problems = check_scenario_file(path, ref)
    assert scenario is None
    assert problems, "a broken file must give at least one problem"
    assert all(p.path and p.line >= 1 and p.message for p in problems)
    return [(p.line, p.message) for p in problems]


# ---------------------------------------------------------------- the bundled library


def test_bundled_library_validates(ref):
    library, problems = check_library(None, ref)
    assert [str(p) for p in problems] == []
    assert len(library.scenarios) >= 12
    assert len({s.id for s in library.scenarios}) == len(library.scenarios)
    assert {t.kind for t in library.themes} == {"perso", "voluntary"}


def test_every_bundled_step_has_a_picture_of_a_known_place(ref):
    """Every step names where it happens (and who is there, with one look per character)."""
    library, problems = check_library(None, ref)
    assert not problems
    for scenario in library.scenarios:
        assert all(c.look for c in scenario.characters.values()), scenario.id
        for step in scenario.steps.values():
            assert step.picture is not None, f"{scenario.id}/{step.id} has no scene"
            assert step.picture.place in library.places
            assert set(step.picture.people) <= set(scenario.characters)


def test_places_file_problems(tmp_path):
    """A place whose picture is missing, or named twice, is a problem on its line."""
    text = PLACES_PATH.read_text(encoding="utf-8").replace("picture: stadium,", "picture: stadiom,")
    text += "  - {id: home, picture: house, title: {fr: \"Encore\", en: \"Again\"}, sky: \"#FFFFFF\", ground: \"#000000\", map: [0.5, 0.5]}\n"
    path = tmp_path / "places.yaml"
    path.write_text(text, encoding="utf-8")
    places, problems = check_places(path)
    assert places == {}
    messages = [(p.line, p.message) for p in problems]
    assert (line_of(text, "stadiom"), "picture 'stadiom' not found in assets/illustrations") in messages
    assert any("duplicate place id 'home'" in m for _, m in messages)


def test_coverage_estimates_each_scenarios_play_time(ref):
    """validate --coverage says how long each scenario takes; more to read means more time."""
    library, _ = check_library(None, ref)
    report = coverage(library, ref)
    assert set(report["minutes"]) == {s.id for s in library.scenarios}
    for sid, minutes in report["minutes"].items():
        assert 8 <= minutes["estimated"] <= 20, (sid, minutes)   # the 10-12 minutes asked, give or take
    festival = library.scenario("festival")
    longer = dataclasses.replace(festival, steps={k: dataclasses.replace(v, text={"fr": v.text["fr"] * 3, "en": ""})
                                                  for k, v in festival.steps.items()})
    assert estimated_minutes(longer) > estimated_minutes(festival)
    text = subprocess.run([sys.executable, "main.py", "validate", "--coverage"], cwd=ROOT, capture_output=True, text=True,
                          timeout=60).stdout
    assert "play time (minutes)" in text and "festival" in text.split("play time")[1]


def test_coverage_json_from_the_command_line():
    result = subprocess.run(
        [sys.executable, "main.py", "validate", "--coverage", "--json"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert {"scenarios", "mechanics", "coverage"} <= set(report)
    assert report["scenarios"] >= 12
    assert set(report["coverage"]) == set(IDS)
    for cid in IDS:
        for level in ("1", "2", "3"):
            assert report["coverage"][cid][level] > 0, f"no evidence for {cid} at level {level}"
    assert set(report["mechanics"]) == set(KINDS)
    assert all(report["mechanics"][kind] > 0 for kind in KINDS)


def test_coverage_text_from_the_command_line():
    result = subprocess.run(
        [sys.executable, "main.py", "validate", "--coverage"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^\d+ scenarios$", result.stdout, re.M)
    assert re.search(r"^mechanics: .*budget \d+.*dialogue \d+.*experience \d+.*identify \d+.*ordering \d+", result.stdout, re.M)
    for cid in IDS:
        assert re.search(rf"^{cid}\s+", result.stdout, re.M)


# ---------------------------------------------------------------- the authors' example


def test_full_example_is_valid_and_uses_the_5_kinds(ref):
    scenario, problems = check_scenario_file(EXAMPLE, ref)
    assert [str(p) for p in problems] == []
    assert isinstance(scenario, Scenario)
    assert scenario.mechanics() == set(KINDS)
    assert scenario.id == "exemple-pique-nique"
    # the choice with its own `next` skips the step after it; the last step ends the game
    assert scenario.step("pluie").choices[1].next == "lucas"
    assert scenario.step("pluie").choices[0].next == "abri"
    assert scenario.step("moi").next == "end"
    # with the catalogue too, as the game loads it
    library, problems = check_library([EXAMPLE], ref)
    assert [str(p) for p in problems] == []
    assert [s.id for s in library.scenarios] == ["exemple-pique-nique"]


def test_full_example_follows_the_writing_rules(ref):
    """Every text in French and English, choices short, tutoiement (no 'vous' to the player)."""
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for step in data["steps"]:
        for choice in step.get("choices", []):
            assert set(choice["text"]) == {"fr", "en"}
            assert all(len(t) < 110 for t in choice["text"].values())
    assert " vous " not in EXAMPLE.read_text(encoding="utf-8").lower()


def test_readme_shows_the_same_example():
    """The guide's commented example is exactly tests/data/exemple-complet.yaml."""
    readme = README.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    example = EXAMPLE.read_text(encoding="utf-8")
    assert example in blocks
    for needle in (
        "diva validate content/scenarios/mon-scenario.yaml",
        "validate --coverage",
        "--coverage --json",
        "content/catalogue.yaml",
        "assets/icons/",
        "assets/LICENSES.md",
    ):
        assert needle in readme, needle


# ---------------------------------------------------------------- broken files: message and line

# (name, old text, new text, marker of the expected line, part of the expected message)
BROKEN = [
    ("unknown key", "    icon: cloud-storm\n", "    icon: cloud-storm\n    colour: red\n", "colour: red",
     "step 4 (id: pluie): unknown key 'colour'"),
    ("missing key", "minutes: 8 ", "# minutes: 8 ", "id: exemple-pique-nique", "top level: missing 'minutes'"),
    ("missing key in a step", "    budget: 40\n", "", "- id: courses", "step 2 (id: courses): missing 'budget'"),
    ("missing English text", '{fr: "Un voisin de 12 ans", en: "A 12-year-old neighbour"}', '{fr: "Un voisin de 12 ans"}',
     "Un voisin de 12 ans", "character 2 (id: lucas), role: missing English text"),
    ("duplicate step id", "  - id: abri\n", "  - id: pluie   # copie\n", "# copie",
     "duplicate step id 'pluie'"),
    ("link to unknown step", "next: lucas ", "next: nulle-part ", "next: nulle-part", "link to unknown step 'nulle-part'"),
    ("unknown competence", "          - competence: O3\n            level: 1\n", "          - competence: Z9\n            level: 1\n",
     "competence: Z9", "unknown competence 'Z9'"),
    ("level out of range", "          - competence: O1\n            level: 4\n", "          - competence: O1\n            level: 5\n",
     "level: 5", "level 5 is not a level of O1 (1 to 4)"),
    ("unknown speaker", "speaker: lucas\n", "speaker: lea\n", "speaker: lea", "unknown speaker 'lea'"),
    ("answer not in options", "answer: C2 ", "answer: O1 ", "answer: O1", "answer 'O1' is not one of the options"),
    ("identify gives another competence", "      - competence: C2\n        level: 1\n", "      - competence: RP1\n        level: 1\n",
     "competence: RP1", "finding the answer at once shows 'C2' (the competence recognised), not 'RP1'; put 'RP1' in "
     "evidence_after_help if it fits"),
    ("unreachable step", "    icon: cloud-storm\n", "    icon: cloud-storm\n    next: lucas\n", "- id: abri",
     "step 'abri' is never reached"),
    ("endless loop", "  - id: abri\n    kind: dialogue\n", "  - id: abri\n    kind: dialogue\n    next: abri\n", "- id: abri",
     "from step 'abri' the scenario can never end"),
    ("missing icon", "icon: table}", "icon: tabble}", "icon: tabble", "icon 'tabble' not found in assets/icons"),
    ("too many sentences", '{fr: "Au parc, il faut tout installer.', '{fr: "Au parc. Il pleut. Il faut tout installer.',
     "Au parc. Il pleut.", "4 sentences; at most 3 per screen (FALC)"),
    ("essentials over budget", "    budget: 40\n", "    budget: 15\n", "budget: 15",
     "the essential items cost 20, more than the budget 15"),
    ("levels not ending at 0", '{min_score: 0.0, level: 1, why: {fr: "Tu découvres le budget.',
     '{min_score: 0.2, level: 1, why: {fr: "Tu découvres le budget.', "levels:                      # du plus haut",
     "levels must go from the highest min_score down to a last one with min_score 0"),
    ("levels not sorted", '{min_score: 1.0, level: 3, why: {fr: "Tu prévois', '{min_score: 0.5, level: 3, why: {fr: "Tu prévois',
     "=    levels:", "levels must go from the highest min_score down"),
    ("choice too long", '{fr: "Oui! Dis-moi ce que je peux faire.', '{fr: "Oui! Dis-moi ce que je peux faire, ' + "vraiment " * 10 + '.',
     "vraiment vraiment", "step 1 (id: accueil), answer 1 (id: demander), text/fr: too long (126 characters, at most 110)"),
    ("empty text", '{fr: "Des fruits", en: "Fruit"}', '{fr: "", en: "Fruit"}', '{fr: "", en: "Fruit"}',
     "step 2 (id: courses), item 4 (id: fruits), text/fr: empty text"),
    ("not YAML", 'title: {fr: "Le pique-nique', 'title: {fr: ["Le pique-nique', "Le pique-nique du quartier",
     'not valid YAML: a list inside [ ] is cut: a straight quote " inside a text, or a missing comma or ]'),
    ("speaker written as the name", "    speaker: fatou               # qui parle", "    speaker: Fatou               # qui parle",
     "speaker: Fatou", "step 1 (id: accueil), speaker: 'Fatou' is the character's name; speaker takes the character's id: 'fatou'"),
    ("a number written as a word", "minutes: 8 ", 'minutes: "huit" ', "minutes:",
     "minutes: this should be a whole number (like 3), not the text 'huit'"),
    ("curly quotes around a text", 'title: {fr: "Le pique-nique du quartier"', "title: {fr: “Le pique-nique du quartier”", "title: {fr: “",
     'a text starts with a curly quote; put straight quotes "..." around texts (curly quotes are fine inside them)'),
    ("a control character pasted in", "Samedi, on fait", "Samedi,\x08 on fait", "Samedi,",
     "invisible character U+0008 on this line (pasted from another program?): delete it"),
    ("unknown place", "scene: {place: grocery,", "scene: {place: piscine,", "place: piscine",
     "unknown place 'piscine' (places are in content/places.yaml)"),
    ("missing picture", "objects: [shopping-cart]}", "objects: [shoping-cart]}", "shoping-cart",
     "picture 'shoping-cart' not found in assets/illustrations"),
    ("missing look", "look: boy-light", "look: boy-lite", "look: boy-lite", "picture 'boy-lite' not found in assets/illustrations"),
    ("unknown person in the picture", "people: [fatou, lucas]}", "people: [fatou, lea]}", "people: [fatou, lea]",
     "unknown character 'lea'"),
    ("unknown mood", "mood: happy ", "mood: fache ", "mood: fache", "step 1 (id: accueil), answer 1 (id: demander), mood: 'fache' is not one of happy, surprised, worried"),
    ("bad boolean", "essential: true, icon: wheat", "essential: !!bool peut-être, icon: wheat", "peut-être",
     "bad value: 'peut-être' is not a bool"),
]


def test_a_list_too_long_says_how_many_in_plain_words(tmp_path, ref):
    extra = "".join(f'      - {{id: x{n}, text: {{fr: "X", en: "X"}}, evidence: [{{competence: O1, level: 1, why: {{fr: "x", en: "x"}}}}]}}\n'
                    for n in range(2))
    text = variant("      - id: liste\n", extra + "      - id: liste\n")
    path = tmp_path / "mon-scenario.yaml"
    path.write_text(text, encoding="utf-8")
    messages = [p.message for p in check_scenario_file(path, ref)[1]]
    assert messages == ["step 1 (id: accueil), choices: 5 in this list; write at most 4"]


def test_a_title_is_not_the_end_of_a_sentence(tmp_path, ref):
    """'M.' or 'Mme.' before a name does not count as a sentence: 3 sentences stay 3."""
    text = variant('{fr: "Au parc, il faut tout installer.', '{fr: "Au parc, M. Diallo et Mme. Roux aident. Il faut tout installer.')
    path = tmp_path / "mon-scenario.yaml"
    path.write_text(text, encoding="utf-8")
    assert check_scenario_file(path, ref)[1] == []


def test_interchangeable_items_must_be_next_to_each_other(tmp_path, ref):
    text = variant("{id: tables, text:", "{id: tables, group: poser, text:").replace("{id: plats, text:", "{id: plats, group: poser, text:")
    path = tmp_path / "mon-scenario.yaml"
    path.write_text(text, encoding="utf-8")
    assert problems_of(path, ref) == [(line_of(text, "{id: plats, group: poser"),
                                       "the items of group 'poser' must be next to each other in the file")]
    path.write_text(text.replace("{id: plats, group: poser", "{id: plats").replace("{id: nappes, text:", "{id: nappes, group: poser, text:"),
                    encoding="utf-8")
    scenario, problems = check_scenario_file(path, ref)
    assert problems == [] and scenario.step("installer").ranks()["nappes"] == scenario.step("installer").ranks()["tables"]


@pytest.mark.parametrize("name,old,new,marker,message", BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_scenario_gives_message_on_the_right_line(tmp_path, ref, name, old, new, marker, message):
    text = variant(old, new)
    expected = line_of(text, marker)
    path = tmp_path / "mon-scenario.yaml"
    path.write_text(text, encoding="utf-8")
    found = problems_of(path, ref)
    assert len(found) == 1, found
    ((line, msg),) = found
    assert line == expected, (expected, found)
    assert message in msg, found


def test_duplicate_scenario_id_across_two_files(tmp_path, ref):
    text = EXAMPLE.read_text(encoding="utf-8")
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    first.write_text(text, encoding="utf-8")
    second.write_text(text, encoding="utf-8")
    library, problems = check_library([tmp_path], ref, with_catalogue=False)
    assert [s.id for s in library.scenarios] == ["exemple-pique-nique"]
    assert len(problems) == 1
    (problem,) = problems
    assert problem.path.endswith("b.yaml")
    assert problem.line == line_of(text, "id: exemple-pique-nique") == 3
    assert "duplicate scenario id 'exemple-pique-nique'" in problem.message
    assert "a.yaml" in problem.message


def _bomb() -> str:
    lines = ["id: bombe", "title: {fr: a, en: b}", "a: &a [" + ",".join(['"lol"'] * 9) + "]"]
    for prev, name in zip("abcdefgh", "bcdefghi"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def _example_bytes() -> bytes:
    return EXAMPLE.read_bytes()


# (name, file content, expected line, part of the expected message)
UNREADABLE = [
    ("binary (NUL byte)", _example_bytes().replace(b"context: personal", b"context: pers\x00onal"),
     line_of(EXAMPLE.read_text(encoding="utf-8"), "context: personal"), "not a text file (contains a NUL byte)"),
    ("empty file", b"", 1, "the file is empty"),
    ("only blank lines", b"\n   \n\n", 1, "the file is empty"),
    ("not UTF-8", _example_bytes().replace("Le pique-nique du".encode(), "Le pique-nique é du".encode("latin-1")),
     line_of(EXAMPLE.read_text(encoding="utf-8"), "Le pique-nique du"), "not UTF-8 text: save the file as UTF-8"),
    ("alias bomb (billion laughs)", _bomb().encode(), 3, "too many values (more than 200000)"),
    ("deep nesting (10000 '[')", b"id: x\nsteps:\n  - " + b"[" * 10000 + b"\n", 3, "nested too deeply"),
    ("nesting deeper than 60", b"id: x\nminutes: 5\nsteps:\n  - " + b"[" * 100 + b"]" * 100 + b"\n", 4,
     "nested more than 60 levels deep"),
    ("3 MB file", _example_bytes() + b"#" + b"x" * (3 * 1024 * 1024) + b"\n", 1, "file too large ("),
    ("two documents", b"id: a\n---\nid: b\n", 1, "expected exactly one YAML document"),
    ("a list, not a scenario", b"- a\n- b\n", 1, "top level: this should be a block of 'key: value' lines, not a list"),
    ("python tag", b"id: x\nicon: !!python/name:os.system ''\n", 2, "unsupported tag tag:yaml.org,2002:python/name:os.system"),
    ("bad date", b"id: x\nminutes: 5\nicon: 2024-13-45\n", 3, "bad value: month must be in 1..12"),
]


@pytest.mark.parametrize("name,raw,expected,message", UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_unreadable_file_gives_message_on_the_right_line(tmp_path, ref, name, raw, expected, message):
    path = tmp_path / "mon-scenario.yaml"
    path.write_bytes(raw)
    found = problems_of(path, ref)
    assert len(found) == 1, found
    ((line, msg),) = found
    assert line == expected, found
    assert message in msg, found


def test_missing_file_is_a_problem_not_a_crash(tmp_path, ref):
    library, problems = check_library([tmp_path / "absent.yaml"], ref, with_catalogue=False)
    assert library.scenarios == []
    assert [(p.line, p.message) for p in problems] == [(1, "no such file")]


# ---------------------------------------------------------------- the validate command


def test_validate_command_on_bad_files(tmp_path):
    bad = {
        "link.yaml": variant("next: lucas ", "next: nulle-part ").encode(),
        "nul.yaml": b"id: x\n\x00\n",
        "latin1.yaml": "id: caf\xe9\n".encode("latin-1"),
        "bomb.yaml": _bomb().encode(),
        "deep.yaml": b"[" * 10000,
        "empty.yaml": b"",
        "notyaml.yaml": b"id: [\n",
        "bool.yaml": b"id: x\nicon: !!bool maybe\n",
    }
    for name, raw in bad.items():
        (tmp_path / name).write_bytes(raw)
    result = subprocess.run(
        [sys.executable, "main.py", "validate", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert "internal error" not in output
    lines = result.stdout.splitlines()
    assert lines and all(PROBLEM_LINE.match(line) for line in lines), lines
    for name in bad:
        assert any(line.startswith(str(tmp_path / name) + ":") for line in lines), name
    link_line = line_of(bad["link.yaml"].decode(), "next: nulle-part")
    assert f"{tmp_path / 'link.yaml'}:{link_line}: link to unknown step 'nulle-part'" in lines


def test_validate_command_on_one_good_file():
    result = subprocess.run(
        [sys.executable, "main.py", "validate", str(EXAMPLE)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


# ---------------------------------------------------------------- robustness (hypothesis)

_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**6), max_value=10**6), st.floats(allow_nan=True),
    st.text(max_size=30), st.sampled_from(["O1", "RP2", "end", "dialogue", "budget", "fr", "en", "user"]),
)
_documents = st.recursive(
    _scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.one_of(st.text(max_size=12), st.sampled_from(["id", "kind", "steps", "fr", "en"])), children, max_size=5),
    ),
    max_leaves=25,
)


def _check_never_raises(path: Path, ref) -> None:
    scenario, problems = check_scenario_file(path, ref)
    assert (scenario is None) != (problems == [])
    for p in problems:
        assert p.line >= 1 and PROBLEM_LINE.match(str(p).replace(str(path), "f"))


_FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@_FUZZ
@given(document=_documents)
def test_any_yaml_document_gives_problems_not_exceptions(tmp_path, ref, document):
    path = tmp_path / "fuzz.yaml"
    path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    _check_never_raises(path, ref)


@_FUZZ
@given(raw=st.binary(max_size=400))
def test_any_bytes_give_problems_not_exceptions(tmp_path, ref, raw):
    path = tmp_path / "fuzz.yaml"
    path.write_bytes(raw)
    _check_never_raises(path, ref)


_FESTIVAL_BYTES = FESTIVAL.read_bytes()


@_FUZZ
@given(
    flips=st.lists(st.tuples(st.integers(0, len(_FESTIVAL_BYTES) - 1), st.integers(0, 255)), max_size=6),
    cut=st.one_of(st.none(), st.integers(0, len(_FESTIVAL_BYTES))),
)
def test_damaged_festival_gives_problems_not_exceptions(tmp_path, ref, flips, cut):
    raw = bytearray(_FESTIVAL_BYTES)
    for position, value in flips:
        raw[position] = value
    if cut is not None:
        raw = raw[:cut]
    path = tmp_path / "festival.yaml"
    path.write_bytes(bytes(raw))
    _check_never_raises(path, ref)


_EXAMPLE_DATA = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, prefix + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _paths(child, prefix + (i,))


_EXAMPLE_PATHS = [p for p in _paths(_EXAMPLE_DATA) if p]


@_FUZZ
@given(
    edits=st.lists(
        st.tuples(st.sampled_from(_EXAMPLE_PATHS), st.one_of(st.just("<delete>"), _documents, st.sampled_from(["abri", "O9", "end", 0, 5, -1, ""]))),
        min_size=1, max_size=3,
    )
)
def test_edited_example_gives_problems_not_exceptions(tmp_path, ref, edits):
    """Near-valid scenarios reach the semantic checks: they must not crash either."""
    import copy

    data = copy.deepcopy(_EXAMPLE_DATA)
    for keypath, new in edits:
        parent = data
        try:
            for key in keypath[:-1]:
                parent = parent[key]
            if new == "<delete>":
                del parent[keypath[-1]]
            else:
                parent[keypath[-1]] = new
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed this place
    path = tmp_path / "edited.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _check_never_raises(path, ref)


def test_valid_files_are_remembered_and_any_change_is_checked_again(tmp_path, monkeypatch):
    """The loader skips files already found valid (same bytes, same checks); a changed file or a
    broken one is read and checked again, and `validate` never relies on it."""
    import shutil

    from game.content.scenarios import check_library
    from referential import load_referential

    ref = load_referential()
    monkeypatch.setenv("DIVA_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "lib"
    folder.mkdir()
    shutil.copy(ROOT / "content" / "scenarios" / "festival.yaml", folder / "festival.yaml")
    first, problems = check_library([folder], ref, with_catalogue=False)
    assert not problems and len(list((tmp_path / "cache").glob("*.json"))) == 1
    again, _ = check_library([folder], ref, with_catalogue=False)
    assert again.scenarios[0] == first.scenarios[0]  # the same scenario, built from what was remembered
    # a change makes a new key: a broken edit is found, never served from the cache
    text = (folder / "festival.yaml").read_text(encoding="utf-8")
    (folder / "festival.yaml").write_text(text.replace("start: briefing", "start: nowhere"), encoding="utf-8")
    _, problems = check_library([folder], ref, with_catalogue=False)
    assert any("start step 'nowhere' does not exist" in p.message for p in problems)
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1  # broken files are not remembered


def test_schemas_are_json_schema_files_beside_the_code_in_every_language():
    import json

    import jsonschema

    from game.content.scenarios import SCHEMA_DIR, SCENARIO_SCHEMA, load_schema
    from game.i18n.languages import LANGUAGES

    for path in sorted(SCHEMA_DIR.glob("*.schema.json")):
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))
    title = SCENARIO_SCHEMA["properties"]["title"]
    assert title["required"] == list(LANGUAGES) and set(title["properties"]) == set(LANGUAGES)
    assert "$ref" not in json.dumps(load_schema("catalogue"))


@pytest.mark.parametrize("escape, what", [("\\0", "a NUL character"), ("\\ud800", "a lone surrogate"),
                                          ("\\x1b", "a control character")])
def test_validate_refuses_a_nul_or_a_lone_surrogate_escape_with_file_and_line(tmp_path, escape, what):
    source = (ROOT / "content" / "scenarios" / "festival.yaml").read_text(encoding="utf-8")
    marker = 'fr: "Responsable des bénévoles"'
    assert marker in source
    path = tmp_path / "festival.yaml"
    path.write_text(source.replace(marker, f'fr: "Responsable{escape} des bénévoles"', 1), encoding="utf-8")
    line = line_of(path.read_text(encoding="utf-8"), f"Responsable{escape}")
    result = subprocess.run([sys.executable, "main.py", "validate", str(path)], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert result.stdout.startswith(f"{path}:{line}: {what} (U+"), result.stdout
