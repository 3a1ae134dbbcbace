"""The plain data of a DIVA game: players, sessions, evidence, validations (no pygame)."""
from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Mapping

DEFAULT_LANG = "fr"  # the reference language: every text exists in it, others fall back to it

# Where a piece of evidence comes from; shown apart on the skill map.
PLAYED = "played"        # a choice made in a scenario
DECLARED = "declared"    # the player told a real experience ("my real experience")
SOURCES = (PLAYED, DECLARED)

MAX_NAME = 30  # characters of a display name

# "Name up to 5 things you are good at": before the first session, and again at the end (the measure
# of what the game taught, kept side by side)
BEFORE = "before"
AFTER = "after"
MOMENTS = (BEFORE, AFTER)
MAX_STRENGTHS = 5

# How a group chooses; "solo" is one player on one machine.
MODES = ("solo", "turns", "vote")


def pick(text: Mapping[str, str] | str | None, lang: str) -> str:
    """The text in `lang`, falling back to French, then to any language there is (never typeset)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    chosen = lang if text.get(lang) else DEFAULT_LANG if text.get(DEFAULT_LANG) else next(iter(text), lang)
    return text.get(chosen, "")


def clean_name(raw: str) -> str:
    """A display name: composed (NFC), printable characters only (no control, bidi-override,
    zero-width or unassigned ones: all are non-printable), any space folded to one, at most MAX_NAME."""
    text = unicodedata.normalize("NFC", str(raw)[:MAX_NAME * 8])  # a pasted novel is cut before the work
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or ch.isprintable())
    words = " ".join(text.split())
    while words and unicodedata.combining(words[0]):  # an accent with no letter to sit on
        words = words[1:].lstrip()
    return words[:MAX_NAME].rstrip()


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Player:
    id: str
    display_name: str
    created_at: str = field(default_factory=now_iso)
    consent_at: str | None = None
    lang: str = DEFAULT_LANG


@dataclass
class Session:
    id: str
    mode: str
    date: str
    structure_name: str = ""
    player_ids: list[str] = field(default_factory=list)
    ended_at: str | None = None


@dataclass(frozen=True)
class CompetenceAtLevel:
    """A competence at a level, for a player in a session: what evidence and validations share."""

    player_id: str
    session_id: str
    competence: str
    level: int


@dataclass(frozen=True)
class Evidence(CompetenceAtLevel):
    """One thing a player showed (or told), for one competence at one level."""

    source: str
    scenario_id: str
    step_id: str
    choice_id: str
    why: Mapping[str, str]
    created_at: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class SelfAssessment:
    """What a player says they are good at (competence ids, at most MAX_STRENGTHS), before or after."""

    player_id: str
    session_id: str
    moment: str
    competences: tuple[str, ...]
    created_at: str = field(default_factory=now_iso)


@dataclass
class BadgeDraft:
    """A badge the player chose to request, built with them: their words, its picture, who vouches."""

    player_id: str
    session_id: str
    competence: str
    chosen: bool = False
    narrative: str = ""
    endorsers: list = field(default_factory=list)   # [{"name", "role", "email"}]
    image_png: bytes | None = None


@dataclass(frozen=True)
class Validation(CompetenceAtLevel):
    """The counsellor confirms a competence at a level for a player (an endorsement)."""

    counsellor: str = ""
    comment: str = ""
    created_at: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)
    evidence: tuple[str, ...] = ()    # the ids of the evidence the counsellor had on screen
