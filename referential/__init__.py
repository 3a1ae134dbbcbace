"""The RECTEC referential: 12 transversal competences, 3 domains, 4 levels (no pygame).

`load_referential()` reads `rectec.yaml` beside this file and returns a read-only
`Referential`; `check_referential()` returns every problem found as `file:line`
instead of raising. Where the data comes from: SOURCES.md beside this file.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from referential.yamlfile import DataFileError, Problem, YamlDocument, read_yaml

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
SHAPES = ("square", "circle", "triangle")
LEVEL_NUMBERS = (1, 2, 3, 4)
MIN_CONTRAST = 4.5  # WCAG AA for normal text, against white
ESCO_PREFIX = "http://data.europa.eu/esco/skill/"

_COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
_ICON_RE = re.compile(r"^[a-z0-9-]+$")
_ID_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

_TOP_KEYS = ("version", "notes", "levels", "domains", "competences")
_LEVEL_NAME_KEYS = ("number", "name", "autonomy")
_DOMAIN_KEYS = ("id", "name", "shape", "colour")
_COMPETENCE_KEYS = ("id", "domain", "icon", "name", "official", "summary", "graded", "levels")
_COMPETENCE_OPTIONAL = ("esco",)
_OFFICIAL_KEYS = ("rectec", "rectec_plus")
_LEVEL_KEYS = ("number", "descriptor", "example")
_ESCO_KEYS = ("uri", "label", "approximate")


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
        try:
            return self._by_id[cid]
        except (KeyError, TypeError):
            raise KeyError(f"unknown competence {cid!r}") from None

    def has(self, cid: str) -> bool:
        try:
            return cid in self._by_id
        except TypeError:
            return False

    def ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.competences)

    def domain(self, domain_id: str) -> Domain:
        """The domain with id `domain_id`; KeyError if unknown."""
        try:
            return self._domains_by_id[domain_id]
        except (KeyError, TypeError):
            raise KeyError(f"unknown domain {domain_id!r}") from None

    def level_name(self, number: int) -> LevelName:
        """The name of level `number` (1-4); KeyError if there is none."""
        for ln in self.level_names:
            if ln.number == number:
                return ln
        raise KeyError(f"no level {number!r}")

    @property
    def max_level(self) -> int:
        return max(ln.number for ln in self.level_names)


# --------------------------------------------------------------------------- checks


def _contrast_on_white(colour: str) -> float:
    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Checker:
    def __init__(self, doc: YamlDocument):
        self.doc = doc
        self.problems: list[Problem] = []

    def add(self, keypath: tuple, message: str) -> None:
        self.problems.append(self.doc.problem(keypath, message))

    # ---- generic shapes

    def mapping(self, keypath: tuple, value: Any, ctx: str, required: tuple, optional: tuple = ()) -> dict | None:
        """The mapping at keypath with unknown and missing keys reported; None if not a mapping."""
        if not isinstance(value, dict):
            self.add(keypath, f"{ctx}: expected a mapping with keys {', '.join(required)}")
            return None
        for key in value:
            if key not in required and key not in optional:
                self.add(keypath + (key,), f"{ctx}: unknown key '{key}'")
        for key in required:
            if key not in value:
                self.add(keypath, f"{ctx}: missing key '{key}'")
        return value

    def sequence(self, keypath: tuple, value: Any, ctx: str) -> list | None:
        if not isinstance(value, list):
            self.add(keypath, f"{ctx} must be a list")
            return None
        return value

    def string(self, keypath: tuple, value: Any, ctx: str, what: str) -> str | None:
        if not isinstance(value, str):
            self.add(keypath, f"{ctx}: {what} must be text, not {_show(value)}")
            return None
        if not value.strip():
            self.add(keypath, f"{ctx}: {what} is empty")
            return None
        return value

    def text(self, keypath: tuple, value: Any, ctx: str, what: str) -> Mapping[str, str] | None:
        """A {fr, en} text map, both non-empty; None (with problems) otherwise."""
        if not isinstance(value, dict):
            self.add(keypath, f"{ctx}: {what} must be a map with fr and en texts")
            return None
        ok = True
        for key in value:
            if key not in LANGS:
                self.add(keypath + (key,), f"{ctx}: {what} has an unknown language '{key}' (use fr and en)")
                ok = False
        result: dict[str, str] = {}
        for lang in LANGS:
            item = value.get(lang)
            if lang not in value or item is None or (isinstance(item, str) and not item.strip()):
                self.add(keypath + (lang,), f"{ctx} has no {LANG_NAMES[lang]} {what}")
                ok = False
            elif not isinstance(item, str):
                self.add(keypath + (lang,), f"{ctx}: the {LANG_NAMES[lang]} {what} must be text, not {_show(item)}")
                ok = False
            else:
                result[lang] = item.strip()
        return MappingProxyType(result) if ok else None

    def numbered(self, keypath: tuple, items: list, ctx: str, noun: str) -> None:
        """Items must be numbered exactly 1..4 in order."""
        if len(items) != len(LEVEL_NUMBERS):
            self.add(keypath, f"{ctx}: expected {len(LEVEL_NUMBERS)} {noun}s, found {len(items)}")
        for position, item in enumerate(items, start=1):
            if not isinstance(item, dict) or "number" not in item:
                continue  # reported as a wrong type / missing key
            number = item["number"]
            if not _is_int(number):
                self.add(keypath + (position - 1, "number"), f"{ctx}: {noun} number must be a whole number, not {_show(number)}")
            elif number != position:
                self.add(
                    keypath + (position - 1, "number"),
                    f"{ctx}: {noun}s must be numbered 1 to {len(LEVEL_NUMBERS)} in order; "
                    f"{noun} {position} has number {number}",
                )

    # ---- parts

    def level_names(self, value: Any) -> tuple[LevelName, ...] | None:
        kp = ("levels",)
        items = self.sequence(kp, value, "levels")
        if items is None:
            return None
        before = len(self.problems)
        self.numbered(kp, items, "levels", "level")
        result = []
        for i, item in enumerate(items):
            ikp = kp + (i,)
            number = item.get("number") if isinstance(item, dict) else None
            ctx = f"level {number}" if _is_int(number) else f"levels entry {i + 1}"
            m = self.mapping(ikp, item, ctx, _LEVEL_NAME_KEYS)
            if m is None:
                continue
            name = self.text(ikp + ("name",), m.get("name"), ctx, "name") if "name" in m else None
            autonomy = self.text(ikp + ("autonomy",), m.get("autonomy"), ctx, "autonomy") if "autonomy" in m else None
            if name is not None and autonomy is not None and _is_int(number):
                result.append(LevelName(number, name, autonomy))
        return tuple(result) if len(self.problems) == before else None

    def domains(self, value: Any) -> list[dict] | None:
        """Checked domain fields (competence_ids come later); None if unusable."""
        kp = ("domains",)
        items = self.sequence(kp, value, "domains")
        if items is None:
            return None
        if not items:
            self.add(kp, "domains: the list is empty")
        result = []
        seen_ids: dict[str, int] = {}
        seen_shapes: dict[str, str] = {}
        for i, item in enumerate(items):
            ikp = kp + (i,)
            did = item.get("id") if isinstance(item, dict) else None
            ctx = f"domain {did}" if isinstance(did, str) and did.strip() else f"domain {i + 1}"
            m = self.mapping(ikp, item, ctx, _DOMAIN_KEYS)
            if m is None:
                continue
            entry: dict[str, Any] = {"keypath": ikp}
            if "id" in m:
                entry["id"] = self.string(ikp + ("id",), m["id"], ctx, "id")
                if entry["id"] is not None:
                    if entry["id"] in seen_ids:
                        self.add(ikp + ("id",), f"{ctx}: duplicate id (first at line {seen_ids[entry['id']]})")
                    else:
                        seen_ids[entry["id"]] = self.doc.line_of(ikp + ("id",))
            if "name" in m:
                entry["name"] = self.text(ikp + ("name",), m["name"], ctx, "name")
            if "shape" in m:
                shape = self.string(ikp + ("shape",), m["shape"], ctx, "shape")
                if shape is not None and shape not in SHAPES:
                    self.add(ikp + ("shape",), f"{ctx}: shape must be one of {', '.join(SHAPES)}, not {_show(shape)}")
                elif shape is not None:
                    if shape in seen_shapes:
                        self.add(ikp + ("shape",), f"{ctx}: shape '{shape}' is already used by domain {seen_shapes[shape]}")
                    else:
                        seen_shapes[shape] = str(entry.get("id"))
                    entry["shape"] = shape
            if "colour" in m:
                colour = self.string(ikp + ("colour",), m["colour"], ctx, "colour")
                if colour is not None and not _COLOUR_RE.match(colour):
                    self.add(ikp + ("colour",), f"{ctx}: colour must look like #1f5fa8, not {_show(colour)}")
                elif colour is not None:
                    contrast = _contrast_on_white(colour)
                    if contrast < MIN_CONTRAST:
                        self.add(
                            ikp + ("colour",),
                            f"{ctx}: colour {colour} is too light on white "
                            f"(contrast {contrast:.1f}:1, needs {MIN_CONTRAST}:1)",
                        )
                    else:
                        entry["colour"] = colour.lower()
            result.append(entry)
        return result

    def esco(self, keypath: tuple, value: Any, ctx: str) -> Esco | None:
        m = self.mapping(keypath, value, f"{ctx}: esco", _ESCO_KEYS)
        if m is None:
            return None
        uri = self.string(keypath + ("uri",), m["uri"], ctx, "esco uri") if "uri" in m else None
        if uri is not None and not (uri.startswith(ESCO_PREFIX) and _UUID_RE.match(uri[len(ESCO_PREFIX):])):
            self.add(keypath + ("uri",), f"{ctx}: esco uri must be {ESCO_PREFIX}<uuid>, not {_show(uri)}")
            uri = None
        label = self.string(keypath + ("label",), m["label"], ctx, "esco label") if "label" in m else None
        approximate = m.get("approximate")
        if "approximate" in m and not isinstance(approximate, bool):
            self.add(keypath + ("approximate",), f"{ctx}: esco approximate must be true or false, not {_show(approximate)}")
            approximate = None
        if uri is None or label is None or not isinstance(approximate, bool):
            return None
        return Esco(uri, label, approximate)

    def levels(self, keypath: tuple, value: Any, ctx: str) -> tuple[Level, ...] | None:
        items = self.sequence(keypath, value, f"{ctx}: levels")
        if items is None:
            return None
        self.numbered(keypath, items, ctx, "level")
        result = []
        for i, item in enumerate(items):
            ikp = keypath + (i,)
            number = item.get("number") if isinstance(item, dict) else None
            lctx = f"{ctx}: level {number}" if _is_int(number) else f"{ctx}: level entry {i + 1}"
            m = self.mapping(ikp, item, lctx, _LEVEL_KEYS)
            if m is None:
                continue
            descriptor = self.text(ikp + ("descriptor",), m["descriptor"], lctx, "descriptor") if "descriptor" in m else None
            example = self.text(ikp + ("example",), m["example"], lctx, "example") if "example" in m else None
            if descriptor is not None and example is not None and _is_int(number):
                result.append(Level(number, descriptor, example))
        return tuple(result)

    def competences(self, value: Any, domain_ids: set[str] | None) -> list[Competence] | None:
        kp = ("competences",)
        items = self.sequence(kp, value, "competences")
        if items is None:
            return None
        if not items:
            self.add(kp, "competences: the list is empty")
        result = []
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            ikp = kp + (i,)
            cid = item.get("id") if isinstance(item, dict) else None
            ctx = f"competence {cid}" if isinstance(cid, str) and cid.strip() else f"competence {i + 1}"
            before = len(self.problems)
            m = self.mapping(ikp, item, ctx, _COMPETENCE_KEYS, _COMPETENCE_OPTIONAL)
            if m is None:
                continue
            got: dict[str, Any] = {}
            if "id" in m:
                got["id"] = self.string(ikp + ("id",), m["id"], ctx, "id")
                if got["id"] is not None:
                    if not _ID_RE.match(got["id"]):
                        self.add(ikp + ("id",), f"{ctx}: id must be letters and digits, like O1")
                    elif got["id"] in seen:
                        self.add(ikp + ("id",), f"{ctx}: duplicate id (first at line {seen[got['id']]})")
                    else:
                        seen[got["id"]] = self.doc.line_of(ikp + ("id",))
            if "domain" in m:
                got["domain"] = self.string(ikp + ("domain",), m["domain"], ctx, "domain")
                if got["domain"] is not None and domain_ids is not None and got["domain"] not in domain_ids:
                    known = ", ".join(sorted(domain_ids)) or "none"
                    self.add(ikp + ("domain",), f"{ctx}: unknown domain '{got['domain']}' (known: {known})")
            if "icon" in m:
                got["icon"] = self.string(ikp + ("icon",), m["icon"], ctx, "icon")
                if got["icon"] is not None and not _ICON_RE.match(got["icon"]):
                    self.add(ikp + ("icon",), f"{ctx}: icon must use only a-z, 0-9 and '-', not {_show(got['icon'])}")
            for key in ("name", "summary"):
                if key in m:
                    got[key] = self.text(ikp + (key,), m[key], ctx, key)
            if "official" in m:
                off = self.mapping(ikp + ("official",), m["official"], f"{ctx}: official", _OFFICIAL_KEYS)
                if off is not None:
                    for key in _OFFICIAL_KEYS:
                        if key in off:
                            got[key] = self.string(ikp + ("official", key), off[key], ctx, f"official {key}")
            if "graded" in m:
                if isinstance(m["graded"], bool):
                    got["graded"] = m["graded"]
                else:
                    self.add(ikp + ("graded",), f"{ctx}: graded must be true or false, not {_show(m['graded'])}")
            if "levels" in m:
                got["levels"] = self.levels(ikp + ("levels",), m["levels"], ctx)
            got["esco"] = self.esco(ikp + ("esco",), m["esco"], ctx) if "esco" in m else None
            if len(self.problems) == before:
                result.append(
                    Competence(
                        id=got["id"],
                        domain=got["domain"],
                        icon=got["icon"],
                        name=got["name"],
                        official_rectec=got["rectec"].strip(),
                        official_rectec_plus=got["rectec_plus"].strip(),
                        summary=got["summary"],
                        graded=got["graded"],
                        levels=got["levels"],
                        esco=got["esco"],
                    )
                )
        return result

    def referential(self) -> Referential | None:
        data = self.doc.data
        m = self.mapping((), data, "referential", _TOP_KEYS)
        if m is None:
            return None
        version = m.get("version")
        if "version" in m and (not _is_int(version) or version != 1):
            self.add(("version",), f"version must be 1, not {_show(version)}")
        notes = self.text(("notes",), m["notes"], "notes", "text") if "notes" in m else None
        level_names = self.level_names(m["levels"]) if "levels" in m else None
        domains = self.domains(m["domains"]) if "domains" in m else None
        domain_ids = {d["id"] for d in domains if d.get("id")} if domains is not None else None
        competences = self.competences(m["competences"], domain_ids) if "competences" in m else None
        if domains is not None and isinstance(m.get("competences"), list):
            used = {c.get("domain") for c in m["competences"] if isinstance(c, dict) and isinstance(c.get("domain"), str)}
            for d in domains:
                if d.get("id") and d["id"] not in used:
                    self.add(d["keypath"], f"domain {d['id']}: no competence belongs to it")
        if self.problems:
            return None
        assert notes is not None and level_names is not None and domains is not None and competences is not None
        built_domains = tuple(
            Domain(
                id=d["id"],
                name=d["name"],
                shape=d["shape"],
                colour=d["colour"],
                competence_ids=tuple(c.id for c in competences if c.domain == d["id"]),
            )
            for d in domains
        )
        return Referential(
            version=version,
            path=self.doc.path,
            level_names=level_names,
            domains=built_domains,
            competences=tuple(competences),
            notes=notes,
        )


# --------------------------------------------------------------------------- API


def check_referential(path: str | os.PathLike | None = None) -> tuple[Referential | None, list[Problem]]:
    """Read and check a referential file (default: DEFAULT_PATH): (referential, []) or (None, every
    problem as file:line).

    Never raises for bad data: an unreadable or invalid file comes back as problems.
    """
    path = DEFAULT_PATH if path is None else path
    try:
        doc = read_yaml(path)
    except DataFileError as exc:
        return None, list(exc.problems)
    checker = _Checker(doc)
    referential = checker.referential()
    problems = sorted(dict.fromkeys(checker.problems), key=lambda p: p.line)  # file order, no repeats
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
