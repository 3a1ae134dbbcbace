"""Scenarios and the experience catalogue: load, validate (file:line problems), coverage.

Content is data: a scenario is one YAML file in content/scenarios/, checked against
schemas/scenario.schema.json (the catalogue: schemas/catalogue.schema.json), then against the
referential (competence ids, levels), its own links (step ids, speakers) and the bundled icons;
content/places.yaml names the places steps happen in, and every picture a step names must be bundled.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from game.core.grading import possible_evidence
from game.i18n.languages import LANGUAGES as LANGS  # every text is written in every language the game speaks
from game.core.scenario import (END, STEP_TYPES, Activity, BudgetStep, Character, Choice, Condition, DialogueStep, EvidenceSpec,
                                 ExperienceStep, IdentifyStep, Item, Moment, OrderingStep, Picture, Place, Scenario, ScoreLevel, Step,
                                 Theme)
from referential.yamlfile import MAX_FILE_BYTES, DataFileError, Problem, YamlDocument, parse_yaml, read_yaml
from referential.yamlfile import kind_of, load_schema as _load_schema_file, schema_problems, unsafe_text_problems as _unsafe_text_problems
from platformdirs import user_cache_dir

ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIR = ROOT / "content"
SCENARIO_DIR = CONTENT_DIR / "scenarios"
CATALOGUE_PATH = CONTENT_DIR / "catalogue.yaml"
ICON_DIR = ROOT / "assets" / "icons"
ILLUSTRATION_DIR = ROOT / "assets" / "illustrations"
PLACES_PATH = CONTENT_DIR / "places.yaml"

KINDS = tuple(STEP_TYPES)
MAX_SENTENCES = 3
SCHEMA_DIR = Path(__file__).with_name("schemas")


def load_schema(name: str) -> dict:
    """A JSON Schema file of schemas/, its texts asked in every language the game speaks, its $refs
    inlined (each step is checked against its own kind's part, which must stand on its own)."""
    return _load_schema_file(SCHEMA_DIR / f"{name}.schema.json", LANGS)


SCENARIO_SCHEMA = load_schema("scenario")
CATALOGUE_SCHEMA = load_schema("catalogue")
PLACES_SCHEMA = load_schema("places")


@dataclass
class Library:
    """The scenarios and catalogue the game plays, in a stable order."""

    scenarios: list[Scenario] = field(default_factory=list)
    themes: list[Theme] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)

    def scenario(self, scenario_id: str) -> Scenario:
        for s in self.scenarios:
            if s.id == scenario_id:
                return s
        raise KeyError(scenario_id)

    def themes_for(self, kind: str) -> list[Theme]:
        return [t for t in self.themes if t.kind == kind]


# ---------------------------------------------------------------- validation


# what an author calls the elements of each list, for the place of a problem said in their words
_LIST_ITEM = {"steps": "step", "choices": "answer", "items": "item", "evidence": "evidence", "evidence_after_help": "evidence",
              "characters": "character", "levels": "level rule", "options": "option", "moments": "moment",
              "competences": "competence", "sets": "flag", "people": "person", "objects": "object"}


def _where(path: tuple, data: Any = None) -> str:
    """Where a problem is, in an author's words, counted from 1 with the id when there is one:
    `step 2 (id: courses), answer 1 (id: pain), text/fr` rather than `steps/1/choices/0/text/fr`."""
    parts: list[str] = []
    node, plain = data, False
    for key in path:
        if isinstance(key, int) and parts and parts[-1] in _LIST_ITEM and not plain:
            label = f"{_LIST_ITEM[parts[-1]]} {key + 1}"
            item = node[key] if isinstance(node, list) and key < len(node) else None
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                label += f" (id: {item['id']})"
            parts[-1] = label
            plain = False
        elif parts and plain:
            parts[-1] += f"/{key}"
        else:
            parts.append(str(key))
            plain = key not in _LIST_ITEM
        if isinstance(node, dict):
            node = node.get(key)
        elif isinstance(node, list) and isinstance(key, int) and key < len(node):
            node = node[key]
        else:
            node = None
    return ", ".join(parts) or "top level"


# keys that take one name: what to write there, said for that key
_ONE_NAME = {"only_if": "one flag name (like venu_malade)", "unless": "one flag name (like venu_malade)",
             "next": "one step id (or end)", "start": "one step id", "speaker": "one character id", "answer": "one competence code (like C2)",
             "competence": "one competence code (like O4)"}


def _author_hint(error, path: tuple, where: str, doc: YamlDocument) -> str | None:
    """A scenario's likely mistakes said better: a speaker written as the character's name instead of its id,
    a list or a text where a key takes one name."""
    if error.validator == "pattern" and path and path[-1] == "speaker" and isinstance(doc.data, dict):
        by_name = {str(c.get("name", "")).casefold(): c.get("id") for c in doc.data.get("characters", []) if isinstance(c, dict)}
        if str(error.instance).casefold() in by_name:
            return (f"{where}: '{error.instance}' is the character's name; speaker takes the character's id: "
                    f"'{by_name[str(error.instance).casefold()]}'")
    if error.validator == "type" and error.validator_value == "string" and path and path[-1] in _ONE_NAME:
        should = _ONE_NAME[path[-1]]
        if error.instance is None:
            return f"{where}: is empty; write {should}"
        return f"{where}: this should be {should}, not {kind_of(error.instance)}"
    return None


def _schema_problems(doc: YamlDocument, schema: dict, data: Any = None, prefix: tuple = ()) -> list[Problem]:
    return schema_problems(doc, schema, data, prefix, where=lambda path: _where(path, doc.data),
                           explain=lambda error, path, where: _author_hint(error, path, where, doc))


# SCENARIO_SCHEMA is the whole contract; to check a file fast, each step is checked against its own
# kind's schema only (the same rules, without evaluating the four other kinds' conditions).
_STEP_BY_KIND = {rule["if"]["properties"]["kind"]["const"]: rule["then"] for rule in SCENARIO_SCHEMA["properties"]["steps"]["items"]["allOf"]}
_SCENARIO_SHELL = {**SCENARIO_SCHEMA, "properties": {**SCENARIO_SCHEMA["properties"], "steps": {
    **SCENARIO_SCHEMA["properties"]["steps"],
    "items": {k: v for k, v in SCENARIO_SCHEMA["properties"]["steps"]["items"].items() if k != "allOf"}}}}


def _scenario_schema_problems(doc: YamlDocument) -> list[Problem]:
    problems = _schema_problems(doc, _SCENARIO_SHELL)
    steps = doc.data.get("steps") if isinstance(doc.data, dict) else None
    for i, step in enumerate(steps if isinstance(steps, list) else []):
        schema = _STEP_BY_KIND.get(step.get("kind")) if isinstance(step, dict) and isinstance(step.get("kind"), str) else None
        if schema is not None:
            problems += _schema_problems(doc, schema, step, ("steps", i))
    return sorted(set(problems))


# a value opened with a curly quote where YAML wants a straight one: `fr: “Bonjour”`, `- ‘oui’`
_CURLY_OPENING = re.compile(r"(?:^\s*-\s+|:\s+|[{\[,]\s*)[“”‘’„]")
_POINT_MEDIAN = re.compile(r"\w[·•⋅]\w")
_GUILLEMET_OPENING = re.compile(r"(?:^\s*-\s+|:\s+|[{\[,]\s*)[«»]")
_QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')
_INVISIBLE = "\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"


def _raw_problems(raw: bytes, shown: str) -> list[Problem]:
    """What an editor slips into a file, found line by line before YAML reads it: control and other
    invisible characters (often pasted from a word processor), curly quotes used around a text."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return []  # read_yaml says it: not UTF-8
    if "\x00" in text:
        return []  # read_yaml says it: not a text file
    problems = []
    for n, line in enumerate(text.split("\n"), 1):
        line = line.removesuffix("\r")
        if n == 1:
            line = line.removeprefix("\ufeff")  # a BOM at the start is harmless
        stray = sorted({ch for ch in line if (unicodedata.category(ch) == "Cc" and ch != "\t") or ch in _INVISIBLE})
        if stray:
            codes = ", ".join(f"U+{ord(ch):04X}" for ch in stray)
            problems.append(Problem(shown, n, f"invisible character {codes} on this line (pasted from another program?): delete it"))
        outside = _QUOTED.sub('""', line).split(" #", 1)[0]  # outside the texts already quoted
        if _CURLY_OPENING.search(outside):
            problems.append(Problem(shown, n, 'a text starts with a curly quote; put straight quotes "..." around texts '
                                              "(curly quotes are fine inside them)"))
        elif _GUILLEMET_OPENING.search(outside):  # YAML reads « as a letter, then a comma in the text ends it
            problems.append(Problem(shown, n, 'a text starts with « without straight quotes around it; write '
                                              'fr: "« … »" (the « » inside straight quotes "...")'))
        if _POINT_MEDIAN.search(line.split(" #", 1)[0]):
            problems.append(Problem(shown, n, "a point médian (like seul·e) is read badly aloud: write a word for everyone "
                                              "(sans aide, la personne) or both forms (le conseiller ou la conseillère)"))
    return problems


# the YAML parser's words → what an author did (the usual cause first); the parser's words stay at the end
_YAML_WORDS = (
    ("expected ',' or '}'", 'a text inside { } is cut: a straight quote " inside a text (use « » or “ ” inside texts), '
                            "or a missing comma between fr: and en:"),
    ("expected ',' or ']'", 'a list inside [ ] is cut: a straight quote " inside a text, or a missing comma or ]'),
    ("mapping values are not allowed", 'a ": " inside a text without quotes: put straight quotes "..." around the text'),
    ("cannot start any token", "a Tab or a character YAML cannot start with (like @ or `): indent with 2 spaces, "
                               'put straight quotes "..." around texts'),
    ("could not find expected ':'", "a line without ':' (a key without its ':' or a text that goes on to the next "
                                    'line without quotes)'),
    ("did not find expected key", "this line is not lined up with the lines above: indent with 2 spaces per level"),
    ("expected <block end>", "this line is not lined up with the lines above: indent with 2 spaces per level"),
    ("did not find expected '-' indicator", "this line is not lined up with the list above: indent with 2 spaces per level"),
    ("found unexpected end of stream", 'a quote " or a bracket { [ is opened and never closed'),
    ("found undefined alias", 'a text starts with *: put straight quotes "..." around it'),
    ("found unknown escape character", "a backslash inside a text between quotes: remove it or write it twice"),
)


def plain_yaml_message(message: str) -> str:
    """A YAML parser error said as what the author did (with the line, given by the Problem)."""
    if not message.startswith("not valid YAML: "):
        return message
    raw = message.removeprefix("not valid YAML: ")
    for words, plain in _YAML_WORDS:
        if words in raw:
            return f"not valid YAML: {plain} (the YAML reader says: {raw})"
    return message


def _semantic_problems(doc: YamlDocument, referential, icon_dir: Path, places: Mapping[str, Place] | None = None,
                       illustration_dir: Path = ILLUSTRATION_DIR) -> list[Problem]:
    data = doc.data
    problems: list[Problem] = []
    places = check_places()[0] if places is None else places

    def add(path: tuple, message: str) -> None:
        problems.append(doc.problem(path, message))

    def check_illustration(path: tuple, name: str) -> None:
        if name and not (illustration_dir / f"{name}.svg").is_file():
            add(path, f"picture '{name}' not found in assets/illustrations")

    def check_icon(path: tuple, name: str) -> None:
        if name and not (icon_dir / f"{name}.svg").is_file():
            add(path, f"icon '{name}' not found in assets/icons")

    def check_competence(path: tuple, cid: str, level: int | None = None) -> None:
        if not referential.has(cid):
            add(path, f"unknown competence '{cid}'")
        elif level is not None and not 1 <= level <= referential.max_level:
            add(path + ("level",), f"level {level} is not a level of {cid} (1 to {referential.max_level})")

    check_icon(("icon",), data["icon"])
    speakers = set()
    for i, character in enumerate(data["characters"]):
        if character["id"] in speakers:
            add(("characters", i, "id"), f"duplicate character id '{character['id']}'")
        speakers.add(character["id"])
        check_icon(("characters", i, "icon"), character["icon"])
        check_illustration(("characters", i, "look"), character.get("look", ""))

    steps = data["steps"]
    ids: dict[str, int] = {}
    for i, step in enumerate(steps):
        if step["id"] == END:
            add(("steps", i, "id"), f"'{END}' is reserved: it means the scenario ends")
        if step["id"] in ids:
            add(("steps", i, "id"), f"duplicate step id '{step['id']}'")
        ids.setdefault(step["id"], i)

    def check_link(path: tuple, target: str) -> None:
        if target != END and target not in ids:
            add(path, f"link to unknown step '{target}'")

    if data["start"] not in ids:
        add(("start",), f"start step '{data['start']}' does not exist")

    for i, step in enumerate(steps):
        base = ("steps", i)
        if "speaker" in step and step["speaker"] not in speakers:
            add(base + ("speaker",), f"unknown speaker '{step['speaker']}': speaker is the id of a character ({', '.join(sorted(speakers))})")
        if "next" in step:
            check_link(base + ("next",), step["next"])
        check_icon(base + ("icon",), step.get("icon", ""))
        scene = step.get("scene")
        if scene:
            if scene["place"] not in places:
                add(base + ("scene", "place"), f"unknown place '{scene['place']}' (places are in content/places.yaml)")
            for k, who in enumerate(scene.get("people", [])):
                if who not in speakers:
                    add(base + ("scene", "people", k), f"unknown character '{who}'")
            for k, name in enumerate(scene.get("objects", [])):
                check_illustration(base + ("scene", "objects", k), name)
        for j, item in enumerate(step.get("items", [])):
            check_icon(base + ("items", j, "icon"), item.get("icon", ""))
        item_ids = [item["id"] for item in step.get("items", [])]
        for dup in sorted(k for k, n in Counter(item_ids).items() if n > 1):
            add(base + ("items",), f"duplicate item id '{dup}'")
        choice_ids = [c["id"] for c in step.get("choices", [])]
        for dup in sorted(k for k, n in Counter(choice_ids).items() if n > 1):
            add(base + ("choices",), f"duplicate choice id '{dup}'")
        for j, choice in enumerate(step.get("choices", [])):
            if "next" in choice:
                check_link(base + ("choices", j, "next"), choice["next"])
            for k, ev in enumerate(choice["evidence"]):
                check_competence(base + ("choices", j, "evidence", k), ev["competence"], ev["level"])
        for key in ("evidence", "evidence_after_help"):
            for k, ev in enumerate(step.get(key, [])):
                check_competence(base + (key, k), ev["competence"], ev["level"])
        if "competence" in step:
            check_competence(base + ("competence",), step["competence"])
        for k, band in enumerate(step.get("levels", [])):
            check_competence(base + ("levels", k), step["competence"], band["level"])
        bands = [band["min_score"] for band in step.get("levels", [])]
        if bands and (bands != sorted(bands, reverse=True) or bands[-1] != 0):
            add(base + ("levels",), "levels must go from the highest min_score down to a last one with min_score 0")
        for k, cid in enumerate(step.get("options", []) + step.get("competences", [])):
            key = "options" if k < len(step.get("options", [])) else "competences"
            check_competence(base + (key,), cid)
        if "answer" in step and step["answer"] not in step.get("options", []):
            add(base + ("answer",), f"answer '{step['answer']}' is not one of the options")
        if step["kind"] == "identify" and step["answer"] in step["options"]:  # recognising a competence shows that competence, not RP2 by default
            for k, ev in enumerate(step["evidence"]):
                if ev["competence"] != step["answer"]:
                    add(base + ("evidence", k, "competence"), f"finding the answer at once shows '{step['answer']}' (the competence "
                        f"recognised), not '{ev['competence']}'; put '{ev['competence']}' in evidence_after_help if it fits")
        groups = [item.get("group") for item in step.get("items", [])] if step["kind"] == "ordering" else []
        for j, group in enumerate(groups):
            if group and group in groups[:j] and groups[j - 1] != group:
                add(base + ("items", j, "group"), f"the items of group '{group}' must be next to each other in the file")
        if step["kind"] == "budget":
            essentials = sum(item["price"] for item in step["items"] if item["essential"])
            if essentials > step["budget"]:
                add(base + ("budget",), f"the essential items cost {essentials}, more than the budget {step['budget']}")

    set_flags = {flag for step in steps for choice in step.get("choices", []) for flag in choice.get("sets", [])}
    readers = [(("steps", i), step) for i, step in enumerate(steps)]
    readers += [(("debrief", "moments", k), m) for k, m in enumerate(data["debrief"].get("moments", []))]
    for path, reader in readers:
        for key in ("only_if", "unless"):
            flag = reader.get(key)
            if flag and flag not in set_flags:
                add(path + (key,), f"the flag '{flag}' is read here but no answer sets it: add 'sets: [{flag}]' to the answer "
                    "that makes it true")

    for path, text in _texts(data, ()):
        for lang, value in text.items():
            count = len(_SENTENCE_END.findall(value.strip()))
            if count > MAX_SENTENCES:
                add(path + (lang,), f"{count} sentences; at most {MAX_SENTENCES} per screen (FALC)")

    if not problems:
        problems.extend(_reachability_problems(doc))
    return problems


# a sentence ends with . ! ? or …, but not the dot of an initial or a title ("M. Diallo", "Mme. ", "J. Martin", "Dr.")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])(?<!\bMme)(?<!\bMlle)(?<!\bDr)(?<!\bMr)(?<!\bMrs)(?<!\bMs)[.!?…](?=\s|$)(?![.!?…])")


def _texts(value: Any, path: tuple):
    """Every translated text ({fr, en} mapping) in a document, with its path."""
    if isinstance(value, dict):
        if set(value) == set(LANGS) and all(isinstance(v, str) for v in value.values()):
            yield path, value
            return
        for key, child in value.items():
            yield from _texts(child, path + (key,))
    elif isinstance(value, list):
        for i, child in enumerate(value):
            yield from _texts(child, path + (i,))


def _successors(step: dict, following: str) -> list[str]:
    default = step.get("next", following)
    skipped = [default] if step.get("only_if") or step.get("unless") else []  # its condition may not hold
    if step["kind"] == "dialogue":
        return [c.get("next", default) for c in step["choices"]] + skipped
    return [default]


def _never_reached(steps: list[dict], i: int) -> str:
    """Why a step is never reached, when the usual cause is plain: the step before it has only_if or
    unless and a next that jumps over it (a skipped step still follows its next)."""
    message = f"step '{steps[i]['id']}' is never reached"
    before = steps[i - 1] if i > 0 else {}
    if (before.get("only_if") or before.get("unless")) and before.get("next") not in (None, steps[i]["id"]):
        message += (f": the step before it, '{before['id']}', goes to '{before['next']}' with next:, even when it is "
                    f"skipped (only_if/unless); remove that next")
    return message


def _reachability_problems(doc: YamlDocument) -> list[Problem]:
    steps = doc.data["steps"]
    ids = [s["id"] for s in steps]
    following = {sid: (ids[i + 1] if i + 1 < len(ids) else END) for i, sid in enumerate(ids)}
    by_id = {s["id"]: s for s in steps}
    seen, todo = set(), [doc.data["start"]]
    while todo:
        sid = todo.pop()
        if sid == END or sid in seen:
            continue
        seen.add(sid)
        todo.extend(_successors(by_id[sid], following[sid]))
    problems = [doc.problem(("steps", i, "id"), _never_reached(steps, i)) for i, sid in enumerate(ids) if sid not in seen]
    # every reachable step must be able to reach the end (no endless loop)
    ends = {END}
    changed = True
    while changed:
        changed = False
        for sid in seen - ends:
            if any(n in ends for n in _successors(by_id[sid], following[sid])):
                ends.add(sid)
                changed = True
    problems += [doc.problem(("steps", ids.index(sid), "id"), f"from step '{sid}' the scenario can never end") for sid in sorted(seen - ends)]
    return problems


def _text(value: Mapping[str, str] | None):
    return None if value is None else dict(value)


def _evidence(items: list) -> tuple[EvidenceSpec, ...]:
    return tuple(EvidenceSpec(e["competence"], e["level"], _text(e["why"])) for e in items)


def _condition(raw: dict) -> Condition:
    return Condition(raw.get("only_if", ""), raw.get("unless", ""))


def _build_step(raw: dict, following: str) -> Step:
    """The typed step of one mechanic (the schema already checked which fields it has)."""
    scene = raw.get("scene")
    picture = Picture(scene["place"], tuple(scene.get("people", ())), tuple(scene.get("objects", ()))) if scene else None
    common = dict(id=raw["id"], text=_text(raw["text"]), next=following, speaker=raw.get("speaker", ""), icon=raw.get("icon", ""),
                  when=_condition(raw), picture=picture)
    kind = raw["kind"]
    if kind == "dialogue":
        return DialogueStep(**common, choices=tuple(
            Choice(c["id"], _text(c["text"]), _evidence(c["evidence"]), _text(c.get("reply")), c.get("next", following),
                   tuple(c.get("sets", ())), c.get("mood", ""))
            for c in raw["choices"]))
    if kind == "identify":
        return IdentifyStep(**common, options=tuple(raw["options"]), answer=raw["answer"], explain=_text(raw.get("explain")),
                            evidence=_evidence(raw["evidence"]), evidence_after_help=_evidence(raw.get("evidence_after_help", [])))
    if kind == "experience":
        return ExperienceStep(**common, catalogue=raw["catalogue"], competences=tuple(raw["competences"]))
    scored = dict(items=tuple(Item(it["id"], _text(it["text"]), it.get("icon", ""), it.get("price", 0), it.get("essential", False),
                                   it.get("group", ""))
                              for it in raw["items"]),
                  competence=raw["competence"],
                  levels=tuple(ScoreLevel(b["min_score"], b["level"], _text(b["why"])) for b in raw["levels"]))
    if kind == "budget":
        return BudgetStep(**common, **scored, budget=raw["budget"])
    return OrderingStep(**common, **scored)


def _build_scenario(doc: YamlDocument) -> Scenario:
    data = doc.data
    ids = [s["id"] for s in data["steps"]]
    steps: dict[str, Step] = {}
    for i, raw in enumerate(data["steps"]):
        following = raw.get("next", ids[i + 1] if i + 1 < len(ids) else END)
        steps[raw["id"]] = _build_step(raw, following)
    return Scenario(
        id=data["id"],
        path=doc.path,
        title=_text(data["title"]),
        summary=_text(data["summary"]),
        context=data["context"],
        minutes=data["minutes"],
        icon=data["icon"],
        characters={c["id"]: Character(c["id"], c["name"], _text(c["role"]), c["icon"], c.get("look", "")) for c in data["characters"]},
        start=data["start"],
        steps=steps,
        step_order=tuple(ids),
        debrief_summary=_text(data["debrief"]["summary"]),
        debrief_elsewhere=_text(data["debrief"]["elsewhere"]),
        id_line=doc.line_of(("id",)),
        moments=tuple(Moment(_text(m["text"]), _condition(m)) for m in data["debrief"].get("moments", ())),
        transfer=_text(data["debrief"].get("transfer")),
    )


# ---------------------------------------------------------------- files already found valid

VALIDATED_CACHE_VERSION = 4  # raise it when parsing or the checks change in a way the key below does not see


class ValidatedFiles:
    """Scenario files already found valid, remembered by the hash of their bytes and of everything
    the checks depend on (this module's schema and version, the referential, the icons, the places
    and illustrations): parsing and
    checking cost ~13 ms a file, a remembered one ~1 ms (as Ren'Py keeps compiled scripts). Only
    valid files are remembered: a file with a problem is read and checked every time."""

    def __init__(self, folder: Path, referential, icon_dir: Path):
        self.folder = Path(folder)
        icons = sorted(p.name for p in Path(icon_dir).glob("*.svg")) if Path(icon_dir).is_dir() else []
        icons += sorted("illustration/" + p.name for p in ILLUSTRATION_DIR.glob("*.svg"))
        icons += sorted("place/" + place for place in check_places()[0])
        levels = [(c.id, c.domain, [lv.number for lv in c.levels]) for c in referential.competences]
        context = json.dumps([VALIDATED_CACHE_VERSION, SCENARIO_SCHEMA, levels, icons, referential.max_level],
                             sort_keys=True, default=str).encode()
        # the checking code itself is part of the key: any change to it checks every file again
        code = b"".join(Path(m.__file__).read_bytes() for m in (sys.modules[__name__], sys.modules[read_yaml.__module__]))
        self.context = hashlib.sha256(context + code + str(Path(icon_dir).resolve()).encode()).digest()

    def key(self, raw: bytes) -> Path:
        return self.folder / (hashlib.sha256(self.context + raw).hexdigest() + ".json")

    def get(self, raw: bytes) -> dict | None:
        try:
            return json.loads(self.key(raw).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, raw: bytes, doc: YamlDocument) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.key(raw)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps({"data": doc.data, "id_line": doc.line_of(("id",))}, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written only costs time


def validated_files(referential, icon_dir: Path = ICON_DIR) -> ValidatedFiles | None:
    """The cache in DIVA_CACHE_DIR, else the user cache folder; None when DIVA_CACHE_DIR is empty."""
    folder = os.environ.get("DIVA_CACHE_DIR")
    if folder == "":
        return None
    if folder is None:
        folder = Path(user_cache_dir("diva", appauthor=False)) / "validated-scenarios"
    return ValidatedFiles(Path(folder), referential, icon_dir)


def check_scenario_file(path: Path, referential, icon_dir: Path = ICON_DIR, shown: str | None = None,
                        cache: ValidatedFiles | None = None,
                        places: Mapping[str, Place] | None = None) -> tuple[Scenario | None, list[Problem]]:
    """Every problem of one scenario file, and the scenario when there is none."""
    shown = shown or _shown(path)
    raw = None
    try:
        if Path(path).is_file() and Path(path).stat().st_size <= MAX_FILE_BYTES:
            raw = Path(path).read_bytes()
    except OSError:
        raw = None
    if cache is not None and raw is not None:
        remembered = cache.get(raw)
        if remembered is not None:
            return _build_scenario(YamlDocument(shown, remembered["data"], {("id",): remembered["id_line"]})), []
    slipped = _raw_problems(raw, shown) if raw is not None else []
    if slipped:
        return None, slipped
    try:
        doc = read_yaml(path, shown) if raw is None else parse_yaml(raw, shown)
    except DataFileError as exc:
        return None, [Problem(p.path, p.line, plain_yaml_message(p.message)) for p in exc.problems]
    problems = _unsafe_text_problems(doc) or _scenario_schema_problems(doc)
    if problems:
        return None, problems
    problems = _semantic_problems(doc, referential, icon_dir, places)
    if problems:
        return None, sorted(set(problems))
    if cache is not None and raw is not None:
        cache.put(raw, doc)
    return _build_scenario(doc), []


def check_catalogue(path: Path = CATALOGUE_PATH, icon_dir: Path = ICON_DIR) -> tuple[list[Theme], list[Problem]]:
    try:
        doc = read_yaml(path, _shown(path))
    except DataFileError as exc:
        return [], exc.problems
    problems = _unsafe_text_problems(doc) or _schema_problems(doc, CATALOGUE_SCHEMA)
    if problems:
        return [], problems
    themes, seen = [], set()
    for i, raw in enumerate(doc.data["themes"]):
        if raw["id"] in seen:
            problems.append(doc.problem(("themes", i, "id"), f"duplicate theme id '{raw['id']}'"))
        seen.add(raw["id"])
        if not (icon_dir / f"{raw['icon']}.svg").is_file():
            problems.append(doc.problem(("themes", i, "icon"), f"icon '{raw['icon']}' not found in assets/icons"))
        activities = tuple(Activity(a["id"], _text(a["title"])) for a in raw["activities"])
        themes.append(Theme(raw["id"], raw["kind"], raw["icon"], _text(raw["title"]), activities))
    return (themes if not problems else []), problems


def check_places(path: Path = PLACES_PATH, illustration_dir: Path = ILLUSTRATION_DIR) -> tuple[dict[str, Place], list[Problem]]:
    """The places steps happen in, each with a bundled picture."""
    try:
        doc = read_yaml(path, _shown(path))
    except DataFileError as exc:
        return {}, exc.problems
    problems = _schema_problems(doc, PLACES_SCHEMA)
    if problems:
        return {}, problems
    places: dict[str, Place] = {}
    for i, raw in enumerate(doc.data["places"]):
        if raw["id"] in places:
            problems.append(doc.problem(("places", i, "id"), f"duplicate place id '{raw['id']}'"))
        if not (illustration_dir / f"{raw['picture']}.svg").is_file():
            problems.append(doc.problem(("places", i, "picture"), f"picture '{raw['picture']}' not found in assets/illustrations"))
        places[raw["id"]] = Place(raw["id"], raw["picture"], _text(raw["title"]), raw["sky"], raw["ground"], tuple(raw["map"]))
    return (places if not problems else {}), problems


def _shown(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def scenario_files(paths: list[Path] | None = None) -> list[Path]:
    """The YAML files named, or found in the folders named (default: the bundled library)."""
    found: list[Path] = []
    for p in paths or [SCENARIO_DIR]:
        p = Path(p)
        if p.is_dir():
            found.extend(sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml"))))
        else:
            found.append(p)
    return found


def check_library(paths: list[Path] | None, referential, with_catalogue: bool = True,
                  remember: bool = True) -> tuple[Library, list[Problem]]:
    """Load and check scenarios (and the catalogue); a problem-free library is safe to play.
    `remember`: skip files already found valid (see ValidatedFiles); `validate` checks everything."""
    library, problems = Library(), []
    library.places, problems = check_places()
    cache = validated_files(referential) if remember else None
    seen: dict[str, str] = {}
    for path in scenario_files(paths):
        if not path.exists():
            problems.append(Problem(str(path), 1, "no such file"))
            continue
        scenario, found = check_scenario_file(path, referential, cache=cache, places=library.places)
        problems.extend(found)
        if scenario is None:
            continue
        if scenario.id in seen:
            problems.append(Problem(scenario.path, scenario.id_line, f"duplicate scenario id '{scenario.id}' (also in {seen[scenario.id]})"))
            continue
        seen[scenario.id] = scenario.path
        library.scenarios.append(scenario)
    if with_catalogue:
        library.themes, found = check_catalogue()
        problems.extend(found)
        kinds = {t.kind for t in library.themes}
        for scenario in library.scenarios:
            for step in scenario.steps.values():
                if step.kind == "experience" and step.catalogue not in kinds and not found:
                    problems.append(Problem(scenario.path, 1, f"step '{step.id}': catalogue '{step.catalogue}' has no theme"))
    return library, problems


def load_library(referential, paths: list[Path] | None = None) -> Library:
    """The library to play; raises DataFileError listing every problem."""
    library, problems = check_library(paths, referential)
    if problems:
        raise DataFileError(problems)
    return library


# How long a step takes a player who reads slowly (about 100 French words a minute, a third of a
# fluent reader) and thinks before answering: seconds of thought or handling for each mechanic.
READING_WORDS_PER_MINUTE = 100
SECONDS_TO_ANSWER = {"dialogue": 20, "identify": 25, "ordering": 50, "budget": 60, "experience": 75}


def _words(text: Mapping[str, str] | None) -> int:
    return len(text.get("fr", "").split()) if text else 0


def step_seconds(step: Step) -> float:
    """Reading the situation and every answer or item, one reply, and answering."""
    words = _words(step.text)
    choices = getattr(step, "choices", ())
    words += sum(_words(c.text) for c in choices)
    if choices:
        words += sum(_words(c.reply) for c in choices) / len(choices)
    words += sum(_words(i.text) for i in getattr(step, "items", ()))
    words += _words(getattr(step, "explain", None))
    return words * 60 / READING_WORDS_PER_MINUTE + SECONDS_TO_ANSWER.get(step.kind, 30)


def estimated_minutes(scenario: Scenario) -> float:
    """The play time of the usual way through (the shortest path from the start to the end), and
    the debrief (2 minutes)."""
    seconds, step_id, seen = 0.0, scenario.start, set()
    while step_id != END and step_id not in seen:
        seen.add(step_id)
        seconds += step_seconds(scenario.step(step_id))
        step_id = min(scenario.following(step_id), key=lambda t: 0 if t == END else scenario.steps_to_end(t))
    return round(seconds / 60 + 2, 1)


def coverage(library: Library, referential) -> dict:
    """Competence × level counts of evidence the library can give, and mechanics used."""
    mechanics: Counter = Counter()
    declarable: Counter = Counter()
    matrix = {cid: {str(n): 0 for n in range(1, referential.max_level + 1)} for cid in referential.ids()}
    for scenario in library.scenarios:
        for step in scenario.steps.values():
            mechanics[step.kind] += 1
            for spec in possible_evidence(step):
                matrix[spec.competence][str(spec.level)] += 1
            for cid in getattr(step, "competences", ()):  # told, not played: counted apart
                declarable[cid] += 1
    return {
        "scenarios": len(library.scenarios),
        "mechanics": dict(sorted(mechanics.items())),
        "coverage": matrix,
        "declarable": dict(sorted(declarable.items())),
        "minutes": {s.id: {"announced": s.minutes, "estimated": estimated_minutes(s)} for s in library.scenarios},
    }
