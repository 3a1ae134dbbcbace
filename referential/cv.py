"""Suggested CV lines for each RECTEC competence and level, in French and English (no pygame).

`cv_lines.yaml` beside this file holds, for each of the 12 competences, one short line
per level (1-4) that a young person can copy into the "Compétences" part of a CV, and
an `interview` sentence with an `{example}` placeholder for saying it out loud.

`check_cv_lines(referential)` returns every problem as `file:line` instead of raising;
`load_cv_lines(referential)` raises DataFileError. The referential (see
`referential.load_referential`) says which competences and levels must be there.
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from referential.yamlfile import DataFileError, Problem, YamlDocument, read_yaml

from . import LANG_NAMES, LANGS, Referential

__all__ = [
    "DEFAULT_PATH",
    "MAX_LINE_CHARS",
    "MAX_INTERVIEW_CHARS",
    "PLACEHOLDER",
    "CvLines",
    "check_cv_lines",
    "load_cv_lines",
]

DEFAULT_PATH = Path(__file__).with_name("cv_lines.yaml")

MAX_LINE_CHARS = 90        # a CV line fits on one line of an A4 page
MAX_INTERVIEW_CHARS = 140  # one short sentence, counted with the placeholder
PLACEHOLDER = "{example}"
EMPTY_EXAMPLE = "…"        # shown in place of an example the player has not written yet

_TOP_KEYS = ("competences",)
_COMPETENCE_KEYS = ("interview", "levels")

# CV lines are verb phrases: "Organiser mes tâches", not "J'organise mes tâches".
_FR_JE = re.compile(r"(?<!\w)(?:je(?!\w)|j['\u2019])", re.IGNORECASE)
_EN_I = re.compile(r"^I(?![\w-])|^I['\u2019]")
_BRACES = re.compile(r"[{}]")


class CvLines:
    """Read-only CV lines: `line(cid, level, lang)`, `recruiter_line(…)` and `interview(cid, lang, example)`."""

    def __init__(
        self,
        path: str,
        lines: Mapping[str, Mapping[int, Mapping[str, str]]],
        interviews: Mapping[str, Mapping[str, str]],
    ):
        self.path = path
        self._lines = MappingProxyType({cid: MappingProxyType(dict(by_level)) for cid, by_level in lines.items()})
        self._interviews = MappingProxyType(dict(interviews))

    def __repr__(self) -> str:
        return f"CvLines({self.path!r}, {len(self._lines)} competences)"

    def ids(self) -> tuple[str, ...]:
        return tuple(self._lines)

    def _levels(self, competence_id: str) -> Mapping[int, Mapping[str, str]]:
        try:
            return self._lines[competence_id]
        except (KeyError, TypeError):
            raise KeyError(f"no CV lines for competence {competence_id!r}") from None

    def line(self, competence_id: str, level: int, lang: str) -> str:
        """The CV line for this competence and level (or step) in `lang`, French if `lang` has none.

        KeyError for an unknown competence or level.
        """
        by_level = self._levels(competence_id)
        try:
            text = by_level[level]
        except (KeyError, TypeError):
            raise KeyError(f"no CV line for competence {competence_id} at level {level!r}") from None
        return _in_lang(text, lang)

    def recruiter_line(self, competence_id: str, level: int, lang: str, *, level_words: str, observed: str) -> str:
        """The CV line as a recruiter reads it: what the person can do, the level in words, where it was seen.

        "Organiser mon temps sans aide, même quand la situation change (niveau 3 sur 4). Observé en atelier
        DIVA, validé par …" — `level_words` and `observed` come from the caller's catalogue, in `lang`;
        no game title and no "tu" (the line is the person's own). KeyError for an unknown competence or level.
        """
        line = self.line(competence_id, level, lang).rstrip(" .")
        level_words, observed = " ".join(level_words.split()), " ".join(observed.split()).rstrip(" .")
        text = f"{line} ({level_words})" if level_words else line
        return f"{text}. {observed[:1].upper()}{observed[1:]}." if observed else f"{text}."

    def interview(self, competence_id: str, lang: str, example: str) -> str:
        """The interview sentence in `lang` with the player's `example` in place of {example}.

        The example is the player's own words: it is kept as typed, on one line, without
        a final full stop (the sentence goes on after it). A blank example gives "…".
        KeyError for an unknown competence.
        """
        self._levels(competence_id)
        template = _in_lang(self._interviews[competence_id], lang)
        words = " ".join(str(example or "").split()).rstrip(" .,;")
        return template.replace(PLACEHOLDER, words or EMPTY_EXAMPLE, 1)


def _in_lang(text: Mapping[str, str], lang: str) -> str:
    """The text in `lang`, French when `lang` has none; as written (the game typesets what it shows)."""
    return text.get(lang) or text.get("fr") or ""


# --------------------------------------------------------------------------- checks


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


class _Checker:
    def __init__(self, doc: YamlDocument, referential: Referential):
        self.doc = doc
        self.referential = referential
        self.problems: list[Problem] = []

    def add(self, keypath: tuple, message: str) -> None:
        self.problems.append(self.doc.problem(keypath, message))

    def mapping(self, keypath: tuple, value: Any, ctx: str, keys: tuple) -> dict | None:
        if not isinstance(value, dict):
            self.add(keypath, f"{ctx}: expected a mapping with keys {', '.join(keys)}")
            return None
        for key in value:
            if key not in keys:
                self.add(keypath + (key,), f"{ctx}: unknown key '{key}' (use {', '.join(keys)})")
        for key in keys:
            if key not in value:
                self.add(keypath, f"{ctx}: missing key '{key}'")
        return value

    def text(self, keypath: tuple, value: Any, ctx: str, what: str) -> dict[str, str] | None:
        """A {fr, en} map of non-empty texts; None (with problems) otherwise."""
        if not isinstance(value, dict):
            self.add(keypath, f"{ctx}: expected a map with fr and en texts, not {_show(value)}")
            return None
        ok = True
        for key in value:
            if key not in LANGS:
                self.add(keypath + (key,), f"{ctx}: unknown language '{key}' (use fr and en)")
                ok = False
        result: dict[str, str] = {}
        for lang in LANGS:
            item = value.get(lang)
            name = LANG_NAMES[lang]
            if lang not in value or item is None:
                self.add(keypath + (lang,), f"{ctx} has no {name} {what}")
                ok = False
            elif not isinstance(item, str):
                self.add(keypath + (lang,), f"{ctx}: the {name} {what} must be text, not {_show(item)}")
                ok = False
            elif not item.strip():
                self.add(keypath + (lang,), f"{ctx}: the {name} {what} is empty")
                ok = False
            else:
                result[lang] = " ".join(item.split())
        return result if ok else None

    def cv_line(self, keypath: tuple, value: Any, ctx: str) -> dict[str, str] | None:
        text = self.text(keypath, value, ctx, "line")
        if text is None:
            return None
        before = len(self.problems)
        for lang, line in text.items():
            name = LANG_NAMES[lang]
            kp = keypath + (lang,)
            if len(line) > MAX_LINE_CHARS:
                self.add(kp, f"{ctx}: the {name} line is too long ({len(line)} characters, at most {MAX_LINE_CHARS})")
            if _BRACES.search(line):
                self.add(kp, f"{ctx}: the {name} line must not contain {{ or }} (placeholders are for the interview)")
        if _FR_JE.search(text["fr"]):
            self.add(keypath + ("fr",), f"{ctx}: the French line must not use 'je' (write 'Organiser mes tâches', not 'J'organise')")
        if _EN_I.search(text["en"]):
            self.add(keypath + ("en",), f"{ctx}: the English line must not start with 'I' (write 'Plan my tasks', not 'I plan')")
        return text if len(self.problems) == before else None

    def interview(self, keypath: tuple, value: Any, ctx: str) -> dict[str, str] | None:
        text = self.text(keypath, value, ctx, "interview sentence")
        if text is None:
            return None
        before = len(self.problems)
        for lang, sentence in text.items():
            name = LANG_NAMES[lang]
            kp = keypath + (lang,)
            count = sentence.count(PLACEHOLDER)
            if count == 0:
                self.add(kp, f"{ctx}: the {name} interview sentence has no {PLACEHOLDER} for the player's example")
            elif count > 1:
                self.add(kp, f"{ctx}: the {name} interview sentence has {PLACEHOLDER} {count} times (once only)")
            rest = sentence.replace(PLACEHOLDER, "")
            if _BRACES.search(rest):
                self.add(kp, f"{ctx}: the {name} interview sentence has a stray {{ or }} (the only placeholder is {PLACEHOLDER})")
            if len(sentence) > MAX_INTERVIEW_CHARS:
                self.add(
                    kp,
                    f"{ctx}: the {name} interview sentence is too long "
                    f"({len(sentence)} characters, at most {MAX_INTERVIEW_CHARS})",
                )
        return text if len(self.problems) == before else None

    def levels(self, keypath: tuple, value: Any, cid: str) -> dict[int, dict[str, str]] | None:
        competence = self.referential.competence(cid)
        noun = "level" if competence.graded else "step"
        numbers = [lvl.number for lvl in competence.levels]
        expected = ", ".join(str(n) for n in numbers)
        if not isinstance(value, dict):
            self.add(keypath, f"{cid}: levels must be a map from {noun} number ({expected}) to its line")
            return None
        before = len(self.problems)
        by_key = {str(n): n for n in numbers}
        result: dict[int, dict[str, str]] = {}
        for key, item in value.items():
            number = by_key.get(str(key).strip())
            if number is None:
                self.add(keypath + (key,), f"{cid}: unknown {noun} '{key}' (use {expected})")
                continue
            line = self.cv_line(keypath + (key,), item, f"{cid} {noun} {number}")
            if line is not None:
                result[number] = line
        for n in numbers:
            if n not in result and str(n) not in value:
                self.add(keypath, f"{cid}: missing {noun} {n}")
        return dict(sorted(result.items())) if len(self.problems) == before else None

    def cv_lines(self) -> CvLines | None:
        m = self.mapping((), self.doc.data, "CV lines", _TOP_KEYS)
        if m is None or "competences" not in m:
            return None
        kp = ("competences",)
        comps = m["competences"]
        known = self.referential.ids()
        if not isinstance(comps, dict):
            self.add(kp, f"competences must be a map from competence id ({', '.join(known)}) to its lines")
            return None
        lines: dict[str, dict[int, dict[str, str]]] = {}
        interviews: dict[str, dict[str, str]] = {}
        for cid, entry in comps.items():
            ckp = kp + (cid,)
            if not self.referential.has(cid):
                self.add(ckp, f"unknown competence '{cid}' (known: {', '.join(known)})")
                continue
            cm = self.mapping(ckp, entry, cid, _COMPETENCE_KEYS)
            if cm is None:
                continue
            if "interview" in cm:
                sentence = self.interview(ckp + ("interview",), cm["interview"], f"{cid} interview")
                if sentence is not None:
                    interviews[cid] = sentence
            if "levels" in cm:
                by_level = self.levels(ckp + ("levels",), cm["levels"], cid)
                if by_level is not None:
                    lines[cid] = by_level
        for cid in known:
            if cid not in comps:
                self.add(kp, f"missing competence '{cid}'")
        if self.problems:
            return None
        return CvLines(self.doc.path, {cid: lines[cid] for cid in known}, {cid: interviews[cid] for cid in known})


# --------------------------------------------------------------------------- API


def check_cv_lines(
    referential: Referential, path: str | os.PathLike = DEFAULT_PATH
) -> tuple[CvLines | None, list[Problem]]:
    """Read and check a CV lines file: (cv_lines, []) or (None, every problem as file:line).

    Never raises for bad data: an unreadable or invalid file comes back as problems.
    """
    try:
        doc = read_yaml(path)
    except DataFileError as exc:
        return None, list(exc.problems)
    checker = _Checker(doc, referential)
    result = checker.cv_lines()
    problems = sorted(dict.fromkeys(checker.problems), key=lambda p: p.line)  # file order, no repeats
    if problems or result is None:
        return None, problems or [Problem(doc.path, 1, "the CV lines could not be read")]
    return result, []


def load_cv_lines(referential: Referential, path: str | os.PathLike = DEFAULT_PATH) -> CvLines:
    """The CV lines at `path`; raises DataFileError with every problem if they are not usable."""
    result, problems = check_cv_lines(referential, path)
    if problems or result is None:
        raise DataFileError(problems or [Problem(str(path), 1, "the CV lines could not be read")])
    return result
