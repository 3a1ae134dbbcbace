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
from typing import Any, Callable, Mapping

from referential.yamlfile import DataFileError, MeaningChecker, Problem, YamlDocument, in_file_order, load_schema, read_checked

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
# The shape (competence entries with an interview and levels, texts in fr and en) is
# schemas/cv_lines.schema.json's; which competences and levels (or steps) must be there, and how a
# line or an interview sentence is written, is checked here against the referential.

SCHEMA = load_schema(Path(__file__).with_name("schemas") / "cv_lines.schema.json", LANGS)


def _wording(referential: Referential) -> Callable[[Any], Callable[[tuple], str]]:
    """Words for a key path of a CV lines file: ("competences", "RP1", "levels", "2", "fr") is "RP1 step 2: French"."""

    def wording(data: Any) -> Callable[[tuple], str]:
        def where(path: tuple) -> str:
            if not path:
                return "CV lines"
            if path[0] != "competences" or len(path) == 1:
                return ": ".join(str(p) for p in path)
            cid, rest = str(path[1]), [str(p) for p in path[2:]]
            words = cid
            if rest[:1] == ["levels"] and len(rest) > 1:
                graded = not referential.has(cid) or referential.competence(cid).graded
                words, rest = f"{cid} {'level' if graded else 'step'} {rest[1]}", rest[2:]
            elif rest[:1] == ["interview"]:
                words, rest = f"{cid} interview", rest[1:]
            return ": ".join([words] + [LANG_NAMES.get(p, p) for p in rest])

        return where

    return wording


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Checker(MeaningChecker):
    """The meaning of a CV lines file whose shape the schema found right."""

    def __init__(self, doc: YamlDocument, referential: Referential):
        super().__init__(doc, _wording(referential)(doc.data))
        self.referential = referential

    def cv_line(self, keypath: tuple, value: Mapping[str, str]) -> None:
        for lang in LANGS:
            name, line, kp = LANG_NAMES[lang], _one_line(value[lang]), keypath + (lang,)
            if len(line) > MAX_LINE_CHARS:
                self.add(kp, about=keypath, message=f"the {name} line is too long ({len(line)} characters, at most {MAX_LINE_CHARS})")
            if _BRACES.search(line):
                self.add(kp, about=keypath, message=f"the {name} line must not contain {{ or }} (placeholders are for the interview)")
        if _FR_JE.search(value["fr"]):
            self.add(keypath + ("fr",), about=keypath, message="the French line must not use 'je' (write 'Organiser mes tâches', not 'J'organise')")
        if _EN_I.search(_one_line(value["en"])):
            self.add(keypath + ("en",), about=keypath, message="the English line must not start with 'I' (write 'Plan my tasks', not 'I plan')")

    def interview(self, keypath: tuple, value: Mapping[str, str]) -> None:
        for lang in LANGS:
            name, sentence, kp = LANG_NAMES[lang], _one_line(value[lang]), keypath + (lang,)
            count = sentence.count(PLACEHOLDER)
            if count == 0:
                self.add(kp, about=keypath, message=f"the {name} interview sentence has no {PLACEHOLDER} for the player's example")
            elif count > 1:
                self.add(kp, about=keypath, message=f"the {name} interview sentence has {PLACEHOLDER} {count} times (once only)")
            if _BRACES.search(sentence.replace(PLACEHOLDER, "")):
                self.add(kp, about=keypath, message=f"the {name} interview sentence has a stray {{ or }} (the only placeholder is {PLACEHOLDER})")
            if len(sentence) > MAX_INTERVIEW_CHARS:
                self.add(kp, about=keypath, message=f"the {name} interview sentence is too long ({len(sentence)} characters, at most {MAX_INTERVIEW_CHARS})")

    def levels(self, keypath: tuple, value: Mapping[str, Any], cid: str) -> None:
        """Exactly the competence's levels (steps for RP1 and RP2), each a well-written line."""
        competence = self.referential.competence(cid)
        noun = "level" if competence.graded else "step"
        numbers = [str(lvl.number) for lvl in competence.levels]
        for key, line in value.items():
            if key.strip() in numbers:
                self.cv_line(keypath + (key,), line)
            else:
                self.add(keypath + (key,), about=keypath[:-1], message=f"unknown {noun} '{key}' (use {', '.join(numbers)})")
        present = {key.strip() for key in value}
        for n in numbers:
            if n not in present:
                self.add(keypath, about=keypath[:-1], message=f"missing {noun} {n}")

    def cv_lines(self) -> CvLines | None:
        comps = self.doc.data["competences"]
        known = self.referential.ids()
        for cid, entry in comps.items():
            ckp = ("competences", cid)
            if not self.referential.has(cid):
                self.add(ckp, f"unknown competence '{cid}' (known: {', '.join(known)})")
                continue
            self.interview(ckp + ("interview",), entry["interview"])
            self.levels(ckp + ("levels",), entry["levels"], cid)
        for cid in known:
            if cid not in comps:
                self.add(("competences",), f"missing competence '{cid}'")
        if self.problems:
            return None

        def text(value: Mapping[str, str]) -> dict[str, str]:
            return {lang: _one_line(value[lang]) for lang in LANGS}

        lines = {cid: {int(k.strip()): text(v) for k, v in sorted(comps[cid]["levels"].items(), key=lambda kv: int(kv[0]))}
                 for cid in known}
        return CvLines(self.doc.path, lines, {cid: text(comps[cid]["interview"]) for cid in known})


# --------------------------------------------------------------------------- API


def check_cv_lines(
    referential: Referential, path: str | os.PathLike | None = None
) -> tuple[CvLines | None, list[Problem]]:
    """Read and check a CV lines file (default: DEFAULT_PATH): (cv_lines, []) or (None, every problem as file:line).

    Never raises for bad data: an unreadable or invalid file comes back as problems.
    """
    path = DEFAULT_PATH if path is None else path
    doc, problems = read_checked(path, SCHEMA, wording=_wording(referential))
    if doc is None or problems:
        return None, in_file_order(problems)
    checker = _Checker(doc, referential)
    result = checker.cv_lines()
    problems = in_file_order(checker.problems)
    if problems or result is None:
        return None, problems or [Problem(doc.path, 1, "the CV lines could not be read")]
    return result, []


def load_cv_lines(referential: Referential, path: str | os.PathLike | None = None) -> CvLines:
    """The CV lines at `path`; raises DataFileError with every problem if they are not usable."""
    result, problems = check_cv_lines(referential, path)
    if problems or result is None:
        raise DataFileError(problems or [Problem(str(path or DEFAULT_PATH), 1, "the CV lines could not be read")])
    return result
