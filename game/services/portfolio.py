"""A player's portfolio: what it says besides the skill map (where the situations were played, what the
player told, who validated), where it goes and how its files are named (game.ui.portfolio draws them)."""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from game.core.grading import TOLD
from game.core.model import AFTER, BEFORE, DECLARED, PLAYED, Evidence, Player, pick
from game.i18n.catalogue import long_date, raw_text
from game.i18n.languages import LANGUAGES
from game.i18n.typeset import quotable
from game.services.group import said_in_session

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


def workshop_place(sessions: list, structure: str = "") -> str:
    """Where the situations were played: the latest session's structure that has a name, else `structure`."""
    named = [s.structure_name.strip() for s in sessions if s.structure_name and s.structure_name.strip()]
    return named[-1] if named else structure.strip()


def workshop_line(sessions: list, lang: str, structure: str = "") -> str:
    """Under the name: plainly, that the situations were played in a workshop, where and when, and that
    they are role plays (sessions: the ones the player played in, oldest first)."""
    days = sorted({s.date[:10] for s in sessions if s.date})
    if not days:
        return raw_text(lang, "portfolio.workshop_none")
    where = workshop_place(sessions, structure)
    plain = "" if where else "_plain"
    if len(days) == 1:
        text = raw_text(lang, f"portfolio.workshop_one{plain}").format(structure=where, date=_day(days[0], lang))
    else:
        text = raw_text(lang, f"portfolio.workshop_many{plain}").format(structure=where, n=len(days),
                                                                         first=_day(days[0], lang), last=_day(days[-1], lang))
    return f"{text} {raw_text(lang, 'portfolio.workshop_note')}"


def told_words(e: Evidence, library, lang: str) -> str:
    """What the player told of their own life, in plain words and without the game's "tu": the theme and
    activities of an experience ("Déménager, m'installer (Préparer mon dossier…)"), the life domain of a
    debrief's transfer ("au sport ou dans un loisir"), or the moment they told there in their own words,
    quoted as they typed it ("« J'ai aidé ma tante à déménager »"); "" when it cannot be said."""
    parts = e.choice_id.split(":")
    if parts[0] == "transfer" and len(parts) >= 5:
        if parts[4] == TOLD:
            words = moment_told(e)
            return (f"« {quotable(words)} »" if lang == "fr" else f"“{quotable(words)}”") if words else ""
        words = raw_text(lang, f"domain.{parts[4]}")
        return "" if words.startswith("domain.") else words[:1].lower() + words[1:]
    theme = next((t for t in library.themes if t.id == parts[0]), None)
    if theme is None:
        return ""
    wanted = parts[1].split(",") if len(parts) > 1 else []
    acts = ", ".join(pick(a.title, lang) for a in theme.activities if a.id in wanted)
    return f"{pick(theme.title, lang)} ({acts})" if acts else pick(theme.title, lang)


def moment_told(e: Evidence) -> str:
    """The player's own words in a moment told at the debrief's transfer: kept in the evidence's "why",
    written from the catalogue's `debrief.told_why` ("… : « {told} »"), read back from it; "" when no
    language's why matches its template (written by another version of the game)."""
    for lang in LANGUAGES:
        why, template = e.why.get(lang, "") if isinstance(e.why, dict) else "", raw_text(lang, "debrief.told_why")
        if not why or "{told}" not in template:
            continue
        pattern = re.escape(template)
        for name in ("what", "domain"):
            pattern = pattern.replace(re.escape("{" + name + "}"), ".*?")
        match = re.fullmatch(pattern.replace(re.escape("{told}"), "(?P<told>.+)"), why, re.S)
        if match and match["told"].strip():
            return match["told"].strip()
    return ""


def validator_words(validation, session, lang: str, structure: str = "") -> str:
    """Who validated, where and when: "Mme Martin, Mission locale de Nantes, le 3 mars 2026" (`structure`:
    the structure's name when the session has none)."""
    where = (session.structure_name if session else "") or structure
    parts = [x.strip() for x in (validation.counsellor or "", where) if x and x.strip()]
    if not parts:
        return ""
    return ", ".join(parts) + ", " + raw_text(lang, "portfolio.on_date").format(date=_day(validation.created_at, lang))


def strengths_said(store, player_id: str, lang: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """"What I am good at", as the player said it before and after, by the one rule the session report,
    dashboard and map use (game.services.group.said_in_session, with no session: their first "before" and
    latest "after"), with the day each answer was given: {BEFORE|AFTER: (the day in words, competence ids)};
    a moment never asked is left out."""
    records = store.self_assessments(player_id)
    out = {}
    for moment, competences in said_in_session(store, player_id).items():
        same = [sa for sa in records if sa.moment == moment and tuple(sa.competences) == tuple(competences)]
        given = (same[0] if moment == BEFORE else same[-1]) if same else None
        out[moment] = (_day(given.created_at, lang) if given else "", tuple(competences))
    return out


def portfolio_facts(store, library, player_id: str, lang: str, structure: str = "") -> dict:
    """What build_portfolio_pdf says besides the map, for one player: `workshop`, `told`, `validated_by`,
    `structure` (`structure`: the structure's name from the issuer settings, when no session has one) and
    `strengths` (what they said they are good at, before and after)."""
    evidence = store.evidence_for(player_id)
    played_in = {e.session_id for e in evidence if e.source == PLAYED}
    by_id = {s.id: s for s in store.sessions_of(player_id) if s}
    sessions = [s for s in by_id.values() if s.id in played_in]
    return {
        "workshop": workshop_line(sessions, lang, structure),
        "told": {e.id: words for e in evidence if e.source == DECLARED and (words := told_words(e, library, lang))},
        "validated_by": {v.id: who for v in store.validations_for(player_id)
                         if (who := validator_words(v, by_id.get(v.session_id), lang, structure))},
        "structure": workshop_place(sessions, structure),
        "strengths": strengths_said(store, player_id, lang),
    }
