"""A player's portfolio: what it says besides the skill map (where the situations were played, what the
player told, who validated), where it goes and how its files are named (game.ui.portfolio draws them)."""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from game.core.model import AFTER, BEFORE, DECLARED, PLAYED, Evidence, Player, pick
from game.i18n.catalogue import long_date, raw_text

FOLDER = "portfolios"  # inside the data folder, for the game's button
PORTFOLIO_FILES = "portfolio_files"  # per player (setting scope): the file names written in FOLDER, for "forget me"


def name_slug(text: str) -> str:
    """A file-name-safe form of a name: "Élodie N." -> "elodie-n" (accents folded)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def file_stem(player: Player, players: list[Player]) -> str:
    """The player's name as a slug; the id is added when another player has the same slug."""
    stem = name_slug(player.display_name)
    twins = [p for p in players if p.id != player.id and name_slug(p.display_name) == stem]
    if not stem or twins:
        stem = f"{stem}-{player.id[:8]}".strip("-")
    return stem


def find_players(players: list[Player], wanted: str) -> list[Player]:
    """Players whose id is `wanted`, else whose name is `wanted` (case and accents ignored)."""
    by_id = [p for p in players if p.id == wanted]
    if by_id:
        return by_id
    key = name_slug(wanted)
    return [p for p in players if p.display_name.casefold() == wanted.casefold()
            or (key and name_slug(p.display_name) == key)]


def _day(iso: str, lang: str) -> str:
    """An ISO date (or date-time) in words, "3 mars 2026"; as given when it is not a date."""
    try:
        return long_date(_dt.date.fromisoformat(iso[:10]), lang)
    except (TypeError, ValueError):
        return iso


def workshop_line(sessions: list, lang: str, structure: str = "") -> str:
    """Under the name: plainly, that the situations were played in a workshop, where and when, and that
    they are role plays (sessions: the ones the player played in, oldest first)."""
    days = sorted({s.date[:10] for s in sessions if s.date})
    if not days:
        return raw_text(lang, "portfolio.workshop_none")
    named = [s.structure_name.strip() for s in sessions if s.structure_name and s.structure_name.strip()]
    where = named[-1] if named else structure.strip()
    plain = "" if where else "_plain"
    if len(days) == 1:
        text = raw_text(lang, f"portfolio.workshop_one{plain}").format(structure=where, date=_day(days[0], lang))
    else:
        text = raw_text(lang, f"portfolio.workshop_many{plain}").format(structure=where, n=len(days),
                                                                         first=_day(days[0], lang), last=_day(days[-1], lang))
    return f"{text} {raw_text(lang, 'portfolio.workshop_note')}"


def told_words(e: Evidence, library, lang: str) -> str:
    """What the player told of their own life, in plain words and without the game's "tu": the theme and
    activities of an experience ("Déménager, m'installer (Préparer mon dossier…)"), or the life domain
    of a debrief's transfer ("au sport ou dans un loisir"); "" when it cannot be said."""
    parts = e.choice_id.split(":")
    if parts[0] == "transfer" and len(parts) >= 5:
        words = raw_text(lang, f"domain.{parts[4]}")
        return "" if words.startswith("domain.") else words[:1].lower() + words[1:]
    theme = next((t for t in library.themes if t.id == parts[0]), None)
    if theme is None:
        return ""
    wanted = parts[1].split(",") if len(parts) > 1 else []
    acts = ", ".join(pick(a.title, lang) for a in theme.activities if a.id in wanted)
    return f"{pick(theme.title, lang)} ({acts})" if acts else pick(theme.title, lang)


def validator_words(validation, session, lang: str, structure: str = "") -> str:
    """Who validated, where and when: "Mme Martin, Mission locale de Nantes, le 3 mars 2026" (`structure`:
    the structure's name when the session has none)."""
    where = (session.structure_name if session else "") or structure
    parts = [x.strip() for x in (validation.counsellor or "", where) if x and x.strip()]
    if not parts:
        return ""
    return ", ".join(parts) + ", " + raw_text(lang, "portfolio.on_date").format(date=_day(validation.created_at, lang))


def strengths_said(store, player_id: str, lang: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """"What I am good at", as the player said it at their first session and at the end of their latest
    one: {BEFORE|AFTER: (the day in words, competence ids)}; a moment never asked is left out."""
    said = store.self_assessments(player_id)
    out = {}
    for moment, pick_one in ((BEFORE, 0), (AFTER, -1)):
        mine = [sa for sa in said if sa.moment == moment]
        if mine:
            out[moment] = (_day(mine[pick_one].created_at, lang), tuple(mine[pick_one].competences))
    return out


def portfolio_facts(store, library, player_id: str, lang: str, structure: str = "") -> dict:
    """What build_portfolio_pdf says besides the map, for one player: `workshop`, `told`, `validated_by`,
    `structure` (`structure`: the structure's name from the issuer settings, when no session has one) and
    `strengths` (what they said they are good at, before and after)."""
    evidence = store.evidence_for(player_id)
    played_in = {e.session_id for e in evidence if e.source == PLAYED}
    sessions = [s for s in store.sessions_of(player_id) if s and s.id in played_in]
    by_id = {s.id: s for s in store.sessions_of(player_id) if s}
    named = [s.structure_name.strip() for s in sessions if s.structure_name and s.structure_name.strip()]
    return {
        "workshop": workshop_line(sessions, lang, structure),
        "told": {e.id: words for e in evidence if e.source == DECLARED and (words := told_words(e, library, lang))},
        "validated_by": {v.id: who for v in store.validations_for(player_id)
                         if (who := validator_words(v, by_id.get(v.session_id), lang, structure))},
        "structure": named[-1] if named else structure.strip(),
        "strengths": strengths_said(store, player_id, lang),
    }
