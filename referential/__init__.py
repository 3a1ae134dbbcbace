"""The RECTEC referential: 12 transversal competences, 3 domains, 4 levels (no pygame).

`load_referential()` reads `rectec.yaml` beside this file and returns a read-only
`Referential`; `check_referential()` returns every problem found as `file:line`
instead of raising. Where the data comes from: SOURCES.md beside this file.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping

from referential.yamlfile import DataFileError, MeaningChecker, Problem, YamlDocument, in_file_order, load_schema, read_checked

__all__ = [
    "DEFAULT_PATH",
    "LANGS",
    "SHAPES",
    "LEVEL_NUMBERS",
    "LevelName",
    "Level",
    "Esco",
    "Domain",
    "Competence",
    "Referential",
    "check_referential",
    "load_referential",
    "DataFileError",
    "Problem",
]

DEFAULT_PATH = Path(__file__).with_name("rectec.yaml")

LANGS = ("fr", "en")
LANG_NAMES = {"fr": "French", "en": "English"}
SHAPES = ("square", "circle", "triangle")  # as in schemas/rectec.schema.json
LEVEL_NUMBERS = (1, 2, 3, 4)
MIN_CONTRAST = 4.5  # WCAG AA for normal text, against white


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class LevelName:
    """The plain name of one level shown to players, and how much help it means."""

    number: int
    name: Mapping[str, str]
    autonomy: Mapping[str, str]


@dataclass(frozen=True)
class Level:
    """One level (or, for a non-graded competence, one step) of a competence."""

    number: int
    descriptor: Mapping[str, str]
    example: Mapping[str, str]


@dataclass(frozen=True)
class Esco:
    """Closest ESCO skill; `approximate` is True when it is our judgment, not official."""

    uri: str
    label: str
    approximate: bool


@dataclass(frozen=True)
class Domain:
    """One of the three domains; its shape and colour tell its competences apart (never colour alone)."""

    id: str
    name: Mapping[str, str]
    shape: str
    colour: str
    competence_ids: tuple[str, ...]


@dataclass(frozen=True)
class Competence:
    """One of the 12 RECTEC competences, with its levels and where it maps (RECTEC, ESCO)."""

    id: str
    domain: str
    icon: str
    name: Mapping[str, str]
    official_rectec: str
    official_rectec_plus: str
    summary: Mapping[str, str]
    graded: bool
    levels: tuple[Level, ...]
    esco: Esco | None

    def level(self, number: int) -> Level:
        """The level (or step) `number`; KeyError if there is none."""
        for lvl in self.levels:
            if lvl.number == number:
                return lvl
        raise KeyError(f"competence {self.id} has no level {number!r}")


@dataclass(frozen=True)
class Referential:
    """The whole referential, read-only once loaded: levels, domains, competences in their order."""

    version: int
    path: str
    level_names: tuple[LevelName, ...]
    domains: tuple[Domain, ...]
    competences: tuple[Competence, ...]
    notes: Mapping[str, str]
    _by_id: Mapping[str, Competence] = field(init=False, repr=False, compare=False)
    _domains_by_id: Mapping[str, Domain] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", MappingProxyType({c.id: c for c in self.competences}))
        object.__setattr__(self, "_domains_by_id", MappingProxyType({d.id: d for d in self.domains}))

    def competence(self, cid: str) -> Competence:
        """The competence with id `cid`; KeyError if unknown."""
        return _find(self._by_id, cid, "competence")

    def has(self, cid: str) -> bool:
        try:
            return cid in self._by_id
        except TypeError:
            return False

    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.competences)

    def domain(self, domain_id: str) -> Domain:
        """The domain with id `domain_id`; KeyError if unknown."""
        return _find(self._domains_by_id, domain_id, "domain")

    def level_name(self, number: int) -> LevelName:
        """The name of level `number` (1-4); KeyError if there is none."""
        for ln in self.level_names:
            if ln.number == number:
                return ln
        raise KeyError(f"no level {number!r}")

    @property
    def max_level(self) -> int:
        return max(ln.number for ln in self.level_names)


def _find(table: Mapping[str, Any], key: str, what: str) -> Any:
    """table[key]; a KeyError naming `what` for an unknown (or unhashable) key."""
    try:
        return table[key]
    except (KeyError, TypeError):
        raise KeyError(f"unknown {what} {key!r}") from None


# --------------------------------------------------------------------------- checks
# The shape (keys, types, texts in fr and en, id, icon and colour forms) is schemas/rectec.schema.json's;
# the meaning (numbering 1-4, unique ids and shapes, known domains, readable colours) is checked here.


def _contrast_on_white(colour: str) -> float:
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


SCHEMA = load_schema(Path(__file__).with_name("schemas") / "rectec.schema.json", LANGS)


def _where(data: Any) -> Callable[[tuple], str]:
    """Words for a key path of the file `data`: ("competences", 0, "levels", 2) is "competence O1: level 3"."""

    def named(items: Any, i: Any, noun: str, key: str) -> str:
        item = items[i] if isinstance(items, list) and isinstance(i, int) and i < len(items) else None
        name = item.get(key) if isinstance(item, dict) else None
        return f"{noun} {name}" if isinstance(name, (str, int)) and not isinstance(name, bool) and str(name).strip() else f"{noun} entry {i + 1 if isinstance(i, int) else i}"

    def where(path: tuple) -> str:
        if not path:
            return "referential"
        words, node, rest = [], data, list(path)
        head = rest.pop(0)
        node = node.get(head) if isinstance(node, dict) else None
        nouns = {"levels": ("level", "number"), "domains": ("domain", "id"), "competences": ("competence", "id")}
        if head in nouns and rest:
            i = rest.pop(0)
            words.append(named(node, i, *nouns[head]))
            node = node[i] if isinstance(node, list) and isinstance(i, int) and i < len(node) else None
            if head == "competences" and rest[:1] == ["levels"] and len(rest) > 1:
                rest.pop(0)
                j = rest.pop(0)
                levels = node.get("levels") if isinstance(node, dict) else None
                words.append(named(levels, j, "level", "number"))
        else:
            words.append(str(head))
        words += [LANG_NAMES.get(str(key), str(key)) for key in rest]
        return ": ".join(words)

    return where


def _text(value: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType({lang: value[lang].strip() for lang in LANGS})


class _Checker(MeaningChecker):
    """The meaning of a referential whose shape the schema found right."""

    def __init__(self, doc: YamlDocument):
        super().__init__(doc, _where(doc.data))

    def numbered(self, keypath: tuple, items: list, noun: str) -> None:
        """Items must be numbered exactly 1..4 in order."""
        if len(items) != len(LEVEL_NUMBERS):
            self.add(keypath, f"expected {len(LEVEL_NUMBERS)} {noun}s, found {len(items)}")
        for position, item in enumerate(items, start=1):
            if item["number"] != position:
                self.add(keypath + (position - 1, "number"), about=keypath, message=(
                    f"must be numbered 1 to {len(LEVEL_NUMBERS)} in order; {noun} {position} has number {item['number']}"))

    def unique(self, keypath: tuple, value: str, seen: dict[str, int]) -> None:
        if value in seen:
            self.add(keypath, f"'{value}' is already used at line {seen[value]}")
        else:
            seen[value] = self.doc.line_of(keypath)

    def domains(self, domains: list[dict], competences: list[dict]) -> None:
        ids: dict[str, int] = {}
        shapes: dict[str, str] = {}
        used = {c["domain"] for c in competences}
        for i, d in enumerate(domains):
            kp = ("domains", i)
            self.unique(kp + ("id",), d["id"], ids)
            if d["shape"] in shapes:
                self.add(kp + ("shape",), f"'{d['shape']}' is already used by domain {shapes[d['shape']]}")
            shapes.setdefault(d["shape"], d["id"])
            contrast = _contrast_on_white(d["colour"])
            if contrast < MIN_CONTRAST:
                self.add(kp + ("colour",), f"{d['colour']} is too light on white (contrast {contrast:.1f}:1, needs {MIN_CONTRAST}:1)")
            if d["id"] not in used:
                self.add(kp, "no competence belongs to it")

    def competences(self, competences: list[dict], domain_ids: set[str]) -> None:
        ids: dict[str, int] = {}
        for i, c in enumerate(competences):
            kp = ("competences", i)
            self.unique(kp + ("id",), c["id"], ids)
            if c["domain"] not in domain_ids:
                self.add(kp + ("domain",), f"unknown domain '{c['domain']}' (known: {', '.join(sorted(domain_ids))})")
            self.numbered(kp + ("levels",), c["levels"], "level")

    def referential(self) -> Referential | None:
        data = self.doc.data
        self.numbered(("levels",), data["levels"], "level")
        self.domains(data["domains"], data["competences"])
        self.competences(data["competences"], {d["id"] for d in data["domains"]})
        if self.problems:
            return None
        competences = tuple(
            Competence(
                id=c["id"], domain=c["domain"], icon=c["icon"], name=_text(c["name"]),
                official_rectec=c["official"]["rectec"].strip(), official_rectec_plus=c["official"]["rectec_plus"].strip(),
                summary=_text(c["summary"]), graded=c["graded"],
                levels=tuple(Level(lv["number"], _text(lv["descriptor"]), _text(lv["example"])) for lv in c["levels"]),
                esco=Esco(c["esco"]["uri"], c["esco"]["label"], c["esco"]["approximate"]) if "esco" in c else None,
            )
            for c in data["competences"]
        )
        return Referential(
            version=data["version"],
            path=self.doc.path,
            level_names=tuple(LevelName(ln["number"], _text(ln["name"]), _text(ln["autonomy"])) for ln in data["levels"]),
            domains=tuple(Domain(d["id"], _text(d["name"]), d["shape"], d["colour"].lower(),
                                 tuple(c.id for c in competences if c.domain == d["id"])) for d in data["domains"]),
            competences=competences,
            notes=_text(data["notes"]),
        )


# --------------------------------------------------------------------------- API


def check_referential(path: str | os.PathLike | None = None) -> tuple[Referential | None, list[Problem]]:
    """Read and check a referential file (default: DEFAULT_PATH): (referential, []) or (None, every
    problem as file:line).

    Never raises for bad data: an unreadable or invalid file comes back as problems.
    """
    path = DEFAULT_PATH if path is None else path
    doc, problems = read_checked(path, SCHEMA, wording=_where)
    if doc is None or problems:
        return None, in_file_order(problems)
    checker = _Checker(doc)
    referential = checker.referential()
    problems = in_file_order(checker.problems)
    if problems:
        return None, problems
    return referential, []


def load_referential(path: str | os.PathLike | None = None) -> Referential:
    """The referential at `path` (default: DEFAULT_PATH); raises DataFileError with every problem if it is not usable."""
    path = DEFAULT_PATH if path is None else path
    referential, problems = check_referential(path)
    if problems or referential is None:
        raise DataFileError(problems or [Problem(str(path), 1, "the referential could not be read")])
    return referential
