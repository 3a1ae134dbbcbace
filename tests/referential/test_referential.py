"""The RECTEC referential: the bundled file, every check of the loader, and robustness."""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


import referential
from referential import DEFAULT_PATH, Competence, DataFileError, Referential, check_referential, load_referential
from tests.conftest import ROOT

IDS = ("O1", "O2", "O3", "O4", "C1", "C2", "C3", "C4", "RA1", "RA2", "RP1", "RP2")
ICONS_DIR = ROOT / "assets" / "icons"


# --------------------------------------------------------------------------- the bundled file


@pytest.fixture(scope="module")
def ref() -> Referential:
    return load_referential()


def test_bundled_file_has_no_problem():
    result, problems = check_referential()
    assert problems == []
    assert isinstance(result, Referential)


def test_bundled_file_has_the_12_ids_in_order(ref):
    assert ref.ids() == IDS
    assert tuple(c.id for c in ref.competences) == IDS
    assert all(ref.has(cid) for cid in IDS)
    assert not ref.has("X9")
    assert ref.version == 1
    assert ref.path == str(DEFAULT_PATH)


def test_bundled_file_has_3_domains_with_distinct_shapes(ref):
    assert [d.id for d in ref.domains] == ["organisational", "communication", "reflexive"]
    assert sorted(d.shape for d in ref.domains) == ["circle", "square", "triangle"]
    assert len({d.colour for d in ref.domains}) == 3
    assert ref.domain("organisational").competence_ids == ("O1", "O2", "O3", "O4")
    assert ref.domain("communication").competence_ids == ("C1", "C2", "C3", "C4")
    assert ref.domain("reflexive").competence_ids == ("RA1", "RA2", "RP1", "RP2")
    for c in ref.competences:
        assert c.id in ref.domain(c.domain).competence_ids


def test_bundled_file_levels_have_french_and_english(ref):
    assert ref.max_level == 4
    assert [ln.number for ln in ref.level_names] == [1, 2, 3, 4]
    for ln in ref.level_names:
        assert ln.name["fr"] and ln.name["en"] and ln.autonomy["fr"] and ln.autonomy["en"]
    assert ref.level_name(1).name["fr"] == "Je découvre"
    for c in ref.competences:
        assert [lvl.number for lvl in c.levels] == [1, 2, 3, 4]
        for text in (c.name, c.summary):
            assert set(text) == {"fr", "en"} and all(v.strip() for v in text.values())
        for lvl in c.levels:
            assert c.level(lvl.number) is lvl
            for text in (lvl.descriptor, lvl.example):
                assert set(text) == {"fr", "en"} and all(v.strip() for v in text.values())
        assert c.official_rectec and c.official_rectec_plus


def test_bundled_descriptors_are_short_first_person_sentences(ref):
    for c in ref.competences:
        for lvl in c.levels:
            fr, en = lvl.descriptor["fr"], lvl.descriptor["en"]
            assert re.match(r"^(Je |J'|J’)", fr), (c.id, lvl.number, fr)
            assert en.startswith("I "), (c.id, lvl.number, en)
            assert len(fr) <= 90 and len(en) <= 90, (c.id, lvl.number)
            assert fr.count(".") <= 1, (c.id, lvl.number, fr)


def test_bundled_official_names_fix_the_known_typo(ref):
    assert ref.competence("C1").official_rectec_plus == "Communiquer à l'oral en une ou plusieurs langues"
    assert all("ORALE" not in c.official_rectec_plus.upper() for c in ref.competences)
    assert ref.competence("O1").official_rectec == "Organiser son activité"


def test_rp1_rp2_are_not_graded_the_others_are(ref):
    assert [c.id for c in ref.competences if not c.graded] == ["RP1", "RP2"]
    assert "RP1" in ref.notes["en"] and "RP2" in ref.notes["fr"]
    assert "steps" in ref.notes["en"] and "étapes" in ref.notes["fr"]


def test_esco_alignment_is_approximate_and_absent_for_c2_rp1(ref):
    assert ref.competence("C2").esco is None
    assert ref.competence("RP1").esco is None
    o1 = ref.competence("O1").esco
    assert o1 is not None
    assert o1.uri == "http://data.europa.eu/esco/skill/d9013e0e-e937-43d5-ab71-0e917ee882b8"
    assert o1.label == "manage time"
    for c in ref.competences:
        if c.esco is not None:
            assert c.esco.approximate is True


def test_bundled_colours_are_dark_enough(ref):
    for d in ref.domains:
        assert referential._contrast_on_white(d.colour) >= 4.5


def test_every_icon_is_bundled_as_svg(ref):
    for c in ref.competences:
        path = ICONS_DIR / f"{c.icon}.svg"
        assert path.is_file(), path
        assert path.read_text(encoding="utf-8").lstrip().startswith("<svg")
    for shape in ("square", "circle", "triangle"):
        assert (ICONS_DIR / f"{shape}.svg").is_file()


def test_lookups_raise_keyerror_for_unknown(ref):
    with pytest.raises(KeyError):
        ref.competence("Z1")
    with pytest.raises(KeyError):
        ref.domain("nowhere")
    with pytest.raises(KeyError):
        ref.level_name(5)
    with pytest.raises(KeyError):
        ref.competence("O1").level(0)
    assert isinstance(ref.competence("RA2"), Competence)


def test_data_is_read_only(ref):
    c = ref.competence("O1")
    with pytest.raises(TypeError):
        c.name["fr"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        c.levels[0].descriptor["en"] = "x"  # type: ignore[index]
    with pytest.raises(TypeError):
        ref.notes["fr"] = "x"  # type: ignore[index]
    with pytest.raises(AttributeError):
        c.graded = False  # type: ignore[misc]
    assert isinstance(ref.competences, tuple) and isinstance(c.levels, tuple)


def test_referential_module_does_not_import_pygame():
    source = Path(referential.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(import|from)\s+pygame", source, re.MULTILINE)
    code = "import sys, referential; referential.load_referential(); print('pygame' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- broken variants

LEVELS = """\
    levels:
      - {number: 1, descriptor: {fr: "Un", en: "One"}, example: {fr: "a", en: "a"}}
      - {number: 2, descriptor: {fr: "Deux", en: "Two"}, example: {fr: "b", en: "b"}}
      - {number: 3, descriptor: {fr: "Trois", en: "Three"}, example: {fr: "c", en: "c"}}
      - {number: 4, descriptor: {fr: "Quatre", en: "Four"}, example: {fr: "d", en: "d"}}
"""

MINIMAL = """\
version: 1
notes: {fr: "Notes.", en: "Notes."}
levels:
  - {number: 1, name: {fr: "Un", en: "One"}, autonomy: {fr: "a", en: "a"}}
  - {number: 2, name: {fr: "Deux", en: "Two"}, autonomy: {fr: "b", en: "b"}}
  - {number: 3, name: {fr: "Trois", en: "Three"}, autonomy: {fr: "c", en: "c"}}
  - {number: 4, name: {fr: "Quatre", en: "Four"}, autonomy: {fr: "d", en: "d"}}
domains:
  - id: organisational
    name: {fr: "Organisation", en: "Organisation"}
    shape: square
    colour: "#1f5fa8"
competences:
  - id: O1
    domain: organisational
    icon: calendar-time
    name: {fr: "Organiser", en: "Organise"}
    official: {rectec: "Organiser son activité", rectec_plus: "Piloter l'activité"}
    summary: {fr: "Résumé.", en: "Summary."}
    graded: true
    esco: {uri: "http://data.europa.eu/esco/skill/d9013e0e-e937-43d5-ab71-0e917ee882b8", label: "manage time", approximate: true}
""" + LEVELS

# a second competence like O1: not graded (steps, as RP1 and RP2), no ESCO match
SECOND_COMPETENCE = (MINIMAL[MINIMAL.index("  - id: O1"):].replace("id: O1", "id: O2").replace("calendar-time", "clipboard-check")
                     .replace("graded: true", "graded: false").replace(MINIMAL[MINIMAL.index("    esco:"):MINIMAL.index("    levels:")], ""))


def line_of(text: str, fragment: str) -> int:
    """1-based line of the only line holding `fragment`."""
    hits = [i for i, line in enumerate(text.splitlines(), start=1) if fragment in line]
    assert len(hits) == 1, (fragment, hits)
    return hits[0]


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def write(tmp_path: Path, text: str, name: str = "ref.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path: Path, text: str) -> list[tuple[int, str]]:
    path = write(tmp_path, text)
    result, problems = check_referential(path)
    assert result is None
    assert problems, "a broken referential must report at least one problem"
    assert all(p.path == str(path) for p in problems)
    with pytest.raises(DataFileError) as info:
        load_referential(path)
    assert info.value.problems == problems
    return [(p.line, p.message) for p in problems]


def test_minimal_variant_is_valid(tmp_path):
    ref = load_referential(write(tmp_path, MINIMAL))
    assert ref.ids() == ("O1",)
    assert ref.domain("organisational").competence_ids == ("O1",)
    two = load_referential(write(tmp_path, MINIMAL + SECOND_COMPETENCE, "two.yaml"))
    assert two.ids() == ("O1", "O2")
    assert two.competence("O2").graded is False and two.competence("O2").esco is None


# one edit of the minimal file, the one problem it gives: (text replaced, by, where the problem is: text or line, message)
ONE_EDIT = [
    pytest.param('descriptor: {fr: "Trois", en: "Three"}', 'descriptor: {fr: "Trois"}', '"Trois"}', "competence O1: level 3: descriptor: missing English text", id="missing_english_descriptor"),
    pytest.param('example: {fr: "b", en: "b"}}', 'example: {fr: "  ", en: "b"}}', '{fr: "  "', "competence O1: level 2: example: French: empty text", id="empty_french_example"),
    pytest.param('summary: {fr: "Résumé.", en: "Summary."}', 'summary: "Résumé"', 'summary: "Résumé"', 'competence O1: summary: this should be a translated text {fr: "...", en: "..."}, not the text \'Résumé\'', id="text_map_that_is_plain_text"),
    pytest.param('name: {fr: "Organiser", en: "Organise"}', 'name: {fr: "Organiser", en: "Organise", de: "Planen"}', "Planen", "competence O1: name: unknown language 'de' (use fr, en)", id="unknown_language"),
    pytest.param('name: {fr: "Deux", en: "Two"}', 'name: {en: "Two"}', '{en: "Two"}', "level 2: name: missing French text", id="missing_level_name_text"),
    pytest.param("    graded: true\n", "    graded: true\n    colour: red\n", "colour: red", "competence O1: unknown key 'colour'", id="unknown_key_in_competence"),
    pytest.param("    icon: calendar-time\n", "", "  - id: O1", "competence O1: missing 'icon'", id="missing_key"),
    pytest.param('{number: 3, descriptor', '{number: 5, descriptor', "{number: 5, descriptor", "competence O1: levels: must be numbered 1 to 4 in order; level 3 has number 5", id="level_numbers_out_of_order"),
    pytest.param('      - {number: 4, descriptor: {fr: "Quatre", en: "Four"}, example: {fr: "d", en: "d"}}\n', "", "    levels:", "competence O1: levels: expected 4 levels, found 3", id="level_missing"),
    pytest.param('{number: 2, descriptor', '{number: "two", descriptor', '{number: "two"', "competence O1: level two: number: this should be a whole number (like 3), not the text 'two'", id="level_number_not_a_number"),
    pytest.param("shape: square", "shape: hexagon", "shape: hexagon", "domain organisational: shape: 'hexagon' is not one of square, circle, triangle", id="bad_shape"),
    pytest.param("icon: calendar-time", "icon: ../Calendar", "icon: ../Calendar", "competence O1: icon: must use only a-z, 0-9 and '-', not '../Calendar'", id="bad_icon"),
    pytest.param('notes: {fr: "Notes.", en: "Notes."}\n', "", 1, "referential: missing 'notes'", id="missing_top_level_key"),
    pytest.param("version: 1", "version: 2", 1, "version: must be 1, not 2", id="version_must_be_1"),
]


@pytest.mark.parametrize("old, new, where, message", ONE_EDIT)
def test_one_edit_gives_one_problem_at_its_line(tmp_path, old, new, where, message):
    text = replace_once(MINIMAL, old, new)
    assert problems_of(tmp_path, text) == [(where if isinstance(where, int) else line_of(text, where), message)]


def test_unknown_key_at_top_level(tmp_path):
    text = MINIMAL + "extra: 1\n"
    assert problems_of(tmp_path, text) == [(line_of(text, "extra: 1"), "referential: unknown key 'extra'")]


# several edits of the minimal file, every problem they give in file order: (edits, [(text on the line, message)])
SEVERAL_EDITS = [
    pytest.param([('{number: 4, descriptor:', '{number: 4, hint: "x", descriptor:'),
                  ("    shape: square\n", "    shape: square\n    size: 3\n"),
                  ('label: "manage time", approximate: true}', 'label: "manage time", approximate: true, code: 1}'),
                  ('rectec_plus: "Piloter l\'activité"}', 'rectec_plus: "Piloter l\'activité", rectec2: "x"}')],
                 [("size: 3", "domain organisational: unknown key 'size'"),
                  ("rectec2", "competence O1: official: unknown key 'rectec2'"),
                  ("code: 1", "competence O1: esco: unknown key 'code'"),
                  ('hint: "x"', "competence O1: level 4: unknown key 'hint'")], id="unknown_keys_in_level_domain_esco_official"),
    pytest.param([("graded: true", "graded: yes please"), ("icon: calendar-time", "icon: [calendar]")],
                 [("icon: [calendar]", 'competence O1: icon: this should be a text between quotes "...", not a list'),
                  ("graded: yes please", "competence O1: graded: this should be true or false, not the text 'yes please'")],
                 id="wrong_types"),
    pytest.param([('{number: 2, name:', '{number: 3, name:'), ('{number: 3, name: {fr: "Trois"', '{number: 2, name: {fr: "Trois"')],
                 [('{number: 3, name: {fr: "Deux"', "levels: must be numbered 1 to 4 in order; level 2 has number 3"),
                  ('{number: 2, name: {fr: "Trois"', "levels: must be numbered 1 to 4 in order; level 3 has number 2")],
                 id="level_names_out_of_order"),
]


@pytest.mark.parametrize("edits, expected", SEVERAL_EDITS)
def test_several_edits_give_every_problem_in_file_order(tmp_path, edits, expected):
    text = MINIMAL
    for old, new in edits:
        text = replace_once(text, old, new)
    assert problems_of(tmp_path, text) == [(line_of(text, where), message) for where, message in expected]


def test_levels_not_a_list(tmp_path):
    text = replace_once(
        MINIMAL,
        "    levels:\n      - {number: 1, descriptor",
        "    levels: four\n    old:\n      - {number: 1, descriptor",
    )
    found = problems_of(tmp_path, text)
    assert (line_of(text, "levels: four"), "competence O1: levels: this should be a list (lines starting with '- ', or [a, b]), not the text 'four'") in found


def test_duplicate_competence_id(tmp_path):
    text = MINIMAL + replace_once(SECOND_COMPETENCE, "id: O2", "id: O1")
    first = line_of(MINIMAL, "- id: O1")
    second = len(MINIMAL.splitlines()) + 1
    assert problems_of(tmp_path, text) == [(second, f"competence O1: id: 'O1' is already used at line {first}")]


def test_unknown_domain(tmp_path):
    text = MINIMAL + replace_once(SECOND_COMPETENCE, "domain: organisational", "domain: creative")
    line = len(MINIMAL.splitlines()) + 2
    assert problems_of(tmp_path, text) == [(line, "competence O2: domain: unknown domain 'creative' (known: organisational)")]


def test_shape_used_twice(tmp_path):
    text = replace_once(
        MINIMAL,
        "competences:\n",
        '  - id: communication\n    name: {fr: "Communication", en: "Communication"}\n'
        '    shape: square\n    colour: "#a8400b"\ncompetences:\n',
    )
    text += replace_once(SECOND_COMPETENCE, "domain: organisational", "domain: communication")
    second = [i for i, line in enumerate(text.splitlines(), start=1) if "shape: square" in line][1]
    assert problems_of(tmp_path, text) == [
        (second, "domain communication: shape: 'square' is already used by domain organisational")
    ]


def test_bad_colour(tmp_path):
    text = replace_once(MINIMAL, 'colour: "#1f5fa8"', 'colour: "blue"')
    assert problems_of(tmp_path, text) == [
        (line_of(text, 'colour: "blue"'), "domain organisational: colour: must look like #1f5fa8, not 'blue'")
    ]
    text = replace_once(MINIMAL, 'colour: "#1f5fa8"', 'colour: "#1f5fa"')
    assert problems_of(tmp_path, text)[0][1].startswith("domain organisational: colour: must look like")


def test_colour_too_light(tmp_path):
    text = replace_once(MINIMAL, 'colour: "#1f5fa8"', 'colour: "#ffcc00"')
    ((line, message),) = problems_of(tmp_path, text)
    assert line == line_of(text, "#ffcc00")
    assert message.startswith("domain organisational: colour: #ffcc00 is too light on white")


def test_bad_esco(tmp_path):
    text = replace_once(MINIMAL, "approximate: true}", 'approximate: "maybe"}')
    text = replace_once(text, "http://data.europa.eu/esco/skill/d9013e0e", "https://example.org/d9013e0e")
    line = line_of(text, "esco:")
    found = problems_of(tmp_path, text)
    assert [line for line, _ in found] == [line, line]
    assert found[0][1] == "competence O1: esco: approximate: this should be true or false, not the text 'maybe'"
    assert found[1][1].startswith(
        "competence O1: esco: uri: must be http://data.europa.eu/esco/skill/<uuid>, not 'https://example.org/"
    )


def test_domain_without_competence(tmp_path):
    text = MINIMAL.replace("domain: organisational", "domain: communication").replace(
        "competences:\n",
        '  - id: communication\n    name: {fr: "Communication", en: "Communication"}\n'
        '    shape: circle\n    colour: "#a8400b"\ncompetences:\n',
    )
    assert problems_of(tmp_path, text) == [
        (line_of(text, "  - id: organisational"), "domain organisational: no competence belongs to it")
    ]


def test_several_problems_are_all_reported_in_file_order(tmp_path):
    text = replace_once(MINIMAL, "shape: square", "shape: star")
    text = replace_once(text, 'descriptor: {fr: "Un", en: "One"}', 'descriptor: {fr: "Un", en: ""}')
    text = replace_once(text, "icon: calendar-time", "icon: Calendar")
    found = problems_of(tmp_path, text)
    assert [m for _, m in found] == [
        "domain organisational: shape: 'star' is not one of square, circle, triangle",
        "competence O1: icon: must use only a-z, 0-9 and '-', not 'Calendar'",
        "competence O1: level 1: descriptor: English: empty text",
    ]
    assert [line for line, _ in found] == sorted(line for line, _ in found)


def test_top_level_not_a_mapping(tmp_path):
    assert problems_of(tmp_path, "- just\n- a list\n") == [
        (1, "referential: this should be a block of 'key: value' lines, not a list")
    ]


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"version: [1\n", "not valid YAML"),
        (b"\x00\x01\x02binary", "not a text file"),
        (b"version: \xff\xfe\n", "not UTF-8 text"),
        (b"   \n", "the file is empty"),
        (b"a: &a [1]\nb: *a\nc: {<<: {x: 1}}\n", "merge keys"),
        (b"version: 1\nversion: 1\n", "duplicate key 'version'"),
    ],
)
def test_unreadable_files_come_back_as_problems(tmp_path, raw, message):
    path = tmp_path / "bad.yaml"
    path.write_bytes(raw)
    result, problems = check_referential(path)
    assert result is None
    assert len(problems) == 1 and message in problems[0].message
    assert problems[0].path == str(path)
    with pytest.raises(DataFileError):
        load_referential(path)


def test_missing_file_comes_back_as_problem(tmp_path):
    result, problems = check_referential(tmp_path / "nowhere.yaml")
    assert result is None and "cannot read the file" in problems[0].message


# --------------------------------------------------------------------------- robustness

KEYS = (
    "version notes levels domains competences number name autonomy id shape colour domain icon "
    "official rectec rectec_plus summary graded esco uri label approximate descriptor example fr en x"
).split()

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-5, max_value=10),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["", " ", "O1", "square", "#1f5fa8", "#ffffff", "organisational", "a-b", "Ünïcode", "1"]),
    st.text(max_size=8),
)
yamlish = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(st.sampled_from(KEYS), children, max_size=6),
    ),
    max_leaves=30,
)


def _mutations(draw_data, draw_value, data):
    """Replace one random place in `data` by `draw_value`."""
    if isinstance(data, dict) and data:
        key = draw_data(st.sampled_from(sorted(data)))
        if draw_data(st.booleans()):
            return {**data, key: draw_value}
        return {**data, key: _mutations(draw_data, draw_value, data[key])}
    if isinstance(data, list) and data:
        i = draw_data(st.integers(0, len(data) - 1))
        copy = list(data)
        copy[i] = draw_value if draw_data(st.booleans()) else _mutations(draw_data, draw_value, data[i])
        return copy
    return draw_value


BUNDLED_DATA = yaml.safe_load(DEFAULT_PATH.read_text(encoding="utf-8"))
SETTINGS = settings(max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def _check_never_raises(text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gen.yaml"
        path.write_text(text, encoding="utf-8")
        result, problems = check_referential(path)
    assert (result is None) == bool(problems)
    for p in problems:
        assert isinstance(p.line, int) and p.line >= 1 and p.message


@SETTINGS
@given(yamlish)
def test_generated_documents_never_raise(doc):
    _check_never_raises(yaml.safe_dump(doc, allow_unicode=True))


@SETTINGS
@given(st.data(), yamlish)
def test_mutated_bundled_referential_never_raises(data, value):
    mutated = _mutations(data.draw, value, BUNDLED_DATA)
    _check_never_raises(yaml.safe_dump(mutated, allow_unicode=True, sort_keys=False))


@SETTINGS
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text):
    _check_never_raises(text)
