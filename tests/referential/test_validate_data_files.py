"""`diva validate` names the problems of a broken referential or CV lines file as `file:line: message`,
in plain words, like those of scenarios: one style (a JSON Schema file beside the code, then the meaning)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

import referential
import referential.cv
from game.cli import main
from tests.conftest import ROOT

RECTEC = referential.DEFAULT_PATH.read_text(encoding="utf-8")
CV_LINES = referential.cv.DEFAULT_PATH.read_text(encoding="utf-8")
# words of the JSON Schema library that no author should have to read
JARGON = re.compile(r"is not of type|required property|additionalProperties|does not match|is not valid under|\^|\$")


def validate(capsys, *args: str) -> tuple[int, list[str]]:
    with pytest.raises(SystemExit) as done:
        main(["validate", *args])
    return done.value.code, capsys.readouterr().out.splitlines()


def line_of(text: str, fragment: str) -> int:
    (line,) = [i for i, row in enumerate(text.splitlines(), start=1) if fragment in row]
    return line


def broken(tmp_path: Path, name: str, text: str, old: str, new: str) -> tuple[Path, str]:
    assert old in text, old
    text = text.replace(old, new, 1)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, text


def test_the_schemas_are_json_schema_files_beside_the_code():
    for name in ("rectec", "cv_lines"):
        path = Path(referential.__file__).with_name("schemas") / f"{name}.schema.json"
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("old, new, at, message", [
    ("    icon: calendar-time\n", "    icon: Calendar Time\n", "icon: Calendar Time",
     "competence O1: icon: must use only a-z, 0-9 and '-', not 'Calendar Time'"),
    ('    colour: "#a8400b"\n', '    colour: "#a8400b"\n    size: 3\n', "size: 3", "domain communication: unknown key 'size'"),
    ("    graded: false\n", "    graded: maybe\n", "graded: maybe",
     "competence RP1: graded: this should be true or false, not the text 'maybe'"),
    ('    colour: "#1f5fa8"\n', '    colour: "#ffcc00"\n', "#ffcc00",
     "domain organisational: colour: #ffcc00 is too light on white (contrast 1.5:1, needs 4.5:1)"),
])
def test_a_broken_referential_copy_is_named_file_line_message(capsys, tmp_path, old, new, at, message):
    path, text = broken(tmp_path, "rectec.yaml", RECTEC, old, new)
    code, lines = validate(capsys, "--referential", str(path))
    assert (code, lines) == (1, [f"{path}:{line_of(text, at)}: {message}"])
    assert not JARGON.search(lines[0].split(": ", 1)[1])


def test_a_duplicate_competence_id_names_both_lines(capsys, tmp_path):
    path, text = broken(tmp_path, "rectec.yaml", RECTEC, "  - id: O2\n", "  - id: O1\n")
    first, second = [i for i, row in enumerate(text.splitlines(), start=1) if row == "  - id: O1"]
    code, lines = validate(capsys, "--referential", str(path))
    assert (code, lines) == (1, [f"{path}:{second}: competence O1: id: 'O1' is already used at line {first}"])


@pytest.mark.parametrize("old, new, at, message", [
    ('    interview: {fr: "Par exemple, {example}, j\'ai organisé mon travail pour finir à l\'heure.", ',
     '    interview: {fr: "Par exemple, j\'ai organisé mon travail pour finir à l\'heure.", ', "j'ai organisé mon travail pour",
     "O1 interview: the French interview sentence has no {example} for the player's example"),
    ("      1: {fr: \"Suivre les consignes", "      5: {fr: \"Suivre les consignes", "5: {fr: \"Suivre les consignes",
     "O1: unknown level '5' (use 1, 2, 3, 4)"),
    ("      1: {fr: \"Suivre les consignes et les étapes d'une tâche, avec de l'aide\", ",
     "      1: {fr: \"Suivre les consignes et les étapes d'une tâche, avec de l'aide\", de: \"Folgen\", ",
     "de: \"Folgen\"", "O1 level 1: unknown language 'de' (use fr, en)"),
])
def test_a_broken_cv_lines_copy_is_named_file_line_message(capsys, tmp_path, old, new, at, message):
    path, text = broken(tmp_path, "cv_lines.yaml", CV_LINES, old, new)
    code, lines = validate(capsys, "--cv-lines", str(path))
    assert code == 1
    assert f"{path}:{line_of(text, at)}: {message}" in lines
    assert all(line.startswith(f"{path}:") and not JARGON.search(line.split(": ", 1)[1]) for line in lines), lines


def test_the_steps_of_rp1_are_called_steps(capsys, tmp_path):
    rp1 = CV_LINES.index("  RP1:")
    old = CV_LINES[CV_LINES.index("      4: ", rp1):CV_LINES.index("\n", CV_LINES.index("      4: ", rp1)) + 1]
    path, text = broken(tmp_path, "cv_lines.yaml", CV_LINES, old, "")
    code, lines = validate(capsys, "--cv-lines", str(path))
    levels_line = text[:text.index("    levels:", text.index("  RP1:"))].count("\n") + 1
    assert (code, lines) == (1, [f"{path}:{levels_line}: RP1: missing step 4"])


def test_validate_names_the_bundled_files_clean_and_a_broken_copy_from_the_command_line(tmp_path):
    path, text = broken(tmp_path, "cv_lines.yaml", CV_LINES, "competences:\n", "competences:\n  X1: {}\n")
    out = subprocess.run([sys.executable, "main.py", "validate", "--cv-lines", str(path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 1, out.stdout + out.stderr
    line = line_of(text, "X1: {}")
    assert out.stdout.splitlines() == [f"{path}:{line}: X1: missing 'interview'", f"{path}:{line}: X1: missing 'levels'"]
    assert "Traceback" not in out.stderr
