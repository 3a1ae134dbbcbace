"""The plain data of a DIVA game: players, sessions, evidence, validations (no pygame)."""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Mapping

LANGS = ("fr", "en")
DEFAULT_LANG = "fr"

# Where a piece of evidence comes from; shown apart on the skill map.
PLAYED = "played"        # a choice made in a scenario
DECLARED = "declared"    # the player told a real experience ("my real experience")
SOURCES = (PLAYED, DECLARED)

# How a group chooses; "solo" is one player on one machine.
MODES = ("solo", "turns", "vote")


def tr(text: Mapping[str, str] | str | None, lang: str) -> str:
    """The text in `lang` (falling back to French, then to any language there is), typeset."""
    if text is None:
        return ""
    if isinstance(text, str):
        return typeset(text, lang)
    chosen = lang if text.get(lang) else DEFAULT_LANG if text.get(DEFAULT_LANG) else next(iter(text), lang)
    return typeset(text.get(chosen, ""), chosen)


NNBSP = "\u202f"  # narrow no-break space, as French typography puts before ? ! ; : and inside « »
_FR_BEFORE = re.compile(r"(?<=[^\s\d?!;:»])[ \u00a0\u202f]?([?!;»])|(?<=\S)[ \u00a0\u202f]?(:)(?=\s|$)")
_FR_AFTER = re.compile(r"(«)[ \u00a0\u202f]?")
_FR_UNIT = re.compile(r"(\d) (€|%|h\b|min\b|km\b|kg\b)")


def typeset(text: str, lang: str) -> str:
    """French spacing that never breaks a line before ? ! ; : or inside « »; other languages unchanged."""
    if lang != "fr" or not text:
        return text
    text = _FR_BEFORE.sub(lambda m: NNBSP + (m.group(1) or m.group(2)), text)
    text = _FR_UNIT.sub("\\1\u00a0\\2", text)
    return _FR_AFTER.sub(lambda m: m.group(1) + NNBSP, text)


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
class Evidence:
    """One thing a player showed (or told), for one competence at one level."""

    player_id: str
    session_id: str
    competence: str
    level: int
    source: str
    scenario_id: str
    step_id: str
    choice_id: str
    why: Mapping[str, str]
    created_at: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)


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
class Validation:
    """The counsellor confirms a competence at a level for a player (an endorsement)."""

    player_id: str
    session_id: str
    competence: str
    level: int
    counsellor: str = ""
    comment: str = ""
    created_at: str = field(default_factory=now_iso)
    id: str = field(default_factory=new_id)
