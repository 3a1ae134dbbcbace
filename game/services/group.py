"""The counsellor's validation with evidence, and the session report's figures (no pygame).

For each participant and competence: the evidence behind it (the situations, the answers, the
player's words, seen once or shown again), the level the game proposes; the counsellor confirms,
lowers or raises it (past the game's cap only with a comment) or leaves it. A validation keeps
the counsellor's name, the chosen level and the ids of the evidence that was on screen.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from pathlib import Path

from export.session_report import TEXT_KEYS, ReportRow, SessionReport, write_session_report
from game.core.grading import transfer_answer
from game.core.model import AFTER, BEFORE, DECLARED, MOMENTS, PLAYED, Evidence, Validation, pick
from game.core.skills import PLAYED_CAP
from game.services.skillmap import skill_map

COUNSELLOR_NAME = "counsellor_name"   # the last name typed, offered again (settings table, global scope)
TOP_LEVEL = 4
SEEN_ONCE, SHOWN = "seen_once", "shown"   # one piece of evidence at the proposed level, or more
EVIDENCE_LINES, TOLD_LINES = 4, 2          # pieces of evidence shown per competence, of which told ones first


class ValidationError(ValueError):
    """A validation the counsellor cannot save as it is (the message is a catalogue key)."""


@dataclass(frozen=True)
class EvidenceLine:
    """One thing shown on the validation screen: where, what was answered or told, and why it counts."""

    evidence_id: str
    scenario: str
    answer: str
    why: str
    told: bool


@dataclass(frozen=True)
class ValidationItem:
    """One competence of one participant, as the counsellor sees it before deciding."""

    competence: str
    proposed: int
    validated: int
    seen: str                       # SEEN_ONCE or SHOWN
    lines: tuple[EvidenceLine, ...]
    words: str                      # the player's own words (their badge draft), if any

    @property
    def evidence_ids(self) -> tuple[str, ...]:
        return tuple(line.evidence_id for line in self.lines)


def _answer_text(library, e: Evidence, lang: str) -> str:
    """The text of the answer the evidence came from (a choice, an item, an activity; for the debrief's
    transfer, the answer looked back on), or ''."""
    step_id, choice_id = (e.source == DECLARED and transfer_answer(e.choice_id)) or (e.step_id, e.choice_id)
    try:
        step = library.scenario(e.scenario_id).step(step_id)
    except (KeyError, ValueError, AttributeError):
        return ""
    for field in ("choices", "items"):
        for option in getattr(step, field, ()) or ():
            if getattr(option, "id", None) == choice_id:
                return pick(option.text, lang)
    return pick(step.text, lang) if e.source == DECLARED else ""


def validation_items(store, referential, library, player_id: str, session_id: str | None, lang: str) -> list[ValidationItem]:
    """What the counsellor may validate for a participant: every competence with evidence above its validated level."""
    smap = skill_map(store, referential, player_id, session_id or None)
    titles = {s.id: pick(s.title, lang) for s in library.scenarios}
    drafts = store.drafts_for(player_id, session_id) if session_id else {}
    items = []
    for s in smap.statuses():
        top = max(s.played, s.declared)
        if top <= s.validated:
            continue
        proposed = min(top, PLAYED_CAP)
        shown = [e for e in s.played_evidence + s.declared_evidence if e.level >= proposed]
        # what the player told first (the counsellor validates it with them), then the strongest played evidence
        told = sorted(s.declared_evidence, key=lambda e: (-e.level, e.created_at))[:TOLD_LINES]
        evidence = told + sorted(s.played_evidence, key=lambda e: (-e.level, e.created_at))
        lines = tuple(EvidenceLine(e.id, titles.get(e.scenario_id, e.scenario_id), _answer_text(library, e, lang),
                                   pick(e.why, lang), e.source == DECLARED) for e in evidence[:EVIDENCE_LINES])
        draft = drafts.get(s.competence)
        items.append(ValidationItem(s.competence, proposed, s.validated, SHOWN if len(shown) > 1 else SEEN_ONCE, lines,
                                    draft.narrative if draft else ""))
    return items


def check_decision(item: ValidationItem, level: int, comment: str) -> None:
    """Raises ValidationError when the level cannot be saved: out of range, or past the cap with no comment."""
    if not 1 <= level <= TOP_LEVEL:
        raise ValidationError("validate.out_of_range")
    if level > PLAYED_CAP and not comment.strip():
        raise ValidationError("validate.comment_needed")


def record_validations(store, player_id: str, session_id: str, decisions: dict[str, int], items: list[ValidationItem],
                       counsellor: str, comment: str = "") -> list[Validation]:
    """Save the counsellor's decisions (competence -> chosen level), each with the evidence that was shown."""
    name = " ".join(counsellor.split())[:60]
    if not name:
        raise ValidationError("validate.name_needed")
    by_id = {i.competence: i for i in items}
    comment = " ".join(comment.split())[:200]
    saved = []
    for competence, level in decisions.items():
        item = by_id[competence]
        check_decision(item, level, comment)
    for competence, level in decisions.items():
        v = Validation(player_id, session_id, competence, level, counsellor=name, comment=comment,
                       evidence=by_id[competence].evidence_ids)
        store.add_validation(v)
        saved.append(v)
    store.set_setting(COUNSELLOR_NAME, name)
    return saved


def confirm_proposed(store, referential, library, session, players, counsellor: str, lang: str) -> int:
    """The bulk action: every participant's proposed levels confirmed at once (within the cap). How many saved."""
    count = 0
    for player in players:
        items = validation_items(store, referential, library, player.id, session.id, lang)
        decisions = {i.competence: i.proposed for i in items if i.proposed > i.validated}
        if decisions:
            count += len(record_validations(store, player.id, session.id, decisions, items, counsellor))
    return count


# ---------------------------------------------------------------- returning participants


@dataclass(frozen=True)
class Returning:
    """A participant from earlier sessions, as the counsellor finds them: where and when they last came."""

    player: object
    structures: tuple[str, ...]
    last_date: str


def _fold(text: str) -> str:
    """Case and accents folded: "élodie" finds "Élodie"."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


def find_returning(store, first_name: str, structure: str = "") -> list[Returning]:
    """Earlier participants whose name starts with `first_name` (and who came to `structure`, when given),
    the most recent first."""
    wanted, place = _fold(first_name.strip()), _fold(structure.strip())
    if not wanted:
        return []
    found = []
    for player in store.list_players():
        if not _fold(player.display_name).startswith(wanted):
            continue
        sessions = sorted(store.sessions_of(player.id), key=lambda s: s.date, reverse=True)
        structures = tuple(dict.fromkeys(s.structure_name for s in sessions if s.structure_name))
        if place and not any(place in _fold(s) for s in structures):
            continue
        found.append(Returning(player, structures, max((s.date for s in sessions), default="")))
    return sorted(found, key=lambda r: r.last_date, reverse=True)


# ---------------------------------------------------------------- the session report


def said_in_session(store, player_id: str, session_id: str | None = None) -> dict[str, tuple[str, ...]]:
    """What a participant named as things they are good at ({moment: competence ids}; a moment not
    answered is absent): "before", the answer given at this session's start, else their first one
    ever (asked once, before playing at all); "after", their latest answer at this session's end
    (with no session: their first "before" and latest "after", side by side on their map)."""
    said = store.self_assessments(player_id)
    before = [sa for sa in said if sa.moment == BEFORE]
    before = [sa for sa in before if sa.session_id == session_id] or before
    after = [sa for sa in said if sa.moment == AFTER and session_id in (None, sa.session_id)]
    out = {}
    if before:
        out[BEFORE] = before[0].competences
    if after:
        out[AFTER] = after[-1].competences
    return out


def named_in_session(store, session_id: str) -> dict[str, dict[str, int]]:
    """For the counsellor: per moment, how many of the session's participants named each competence
    (competence id -> count; the key "" holds how many answered)."""
    session = store.get_session(session_id)
    sums: dict[str, dict[str, int]] = {m: {"": 0} for m in MOMENTS}
    for player_id in session.player_ids if session else ():
        for moment, competences in said_in_session(store, player_id, session_id).items():
            sums[moment][""] += 1
            for cid in competences:
                sums[moment][cid] = sums[moment].get(cid, 0) + 1
    return sums


def session_report(store, referential, library, session_id: str, lang: str) -> SessionReport:
    """The figures of one session, by first name or nickname (as typed at set-up): who came, scenarios, competences shown and validated,
    badges, what each named as things they are good at before and after."""
    session = store.get_session(session_id)
    if session is None:
        raise KeyError(session_id)
    absent = store.absent_in(session_id)
    titles = {s.id: pick(s.title, lang) for s in library.scenarios}
    played: list[str] = []
    rows = []
    for player_id in session.player_ids:
        player = store.get_player(player_id)
        if player is None:  # forgotten since: nothing of them stays in the report
            continue
        evidence = [e for e in store.evidence_for(player_id, session_id) if e.source == PLAYED]
        shown: dict[str, int] = {}
        for e in evidence:
            shown[e.competence] = max(shown.get(e.competence, 0), min(e.level, PLAYED_CAP))
        validations = [v for v in store.validations_for(player_id) if v.session_id == session_id]
        validated: dict[str, int] = {}
        for v in validations:
            validated[v.competence] = v.level   # the latest decision counts
        scenarios = {e.scenario_id for e in evidence}
        played += [sid for sid in titles if sid in scenarios and sid not in played]
        badges = tuple(sorted(c for c, d in store.drafts_for(player_id, session_id).items() if d.chosen))
        said = said_in_session(store, player_id, session_id)
        rows.append(ReportRow(player.display_name, player_id not in absent, len(scenarios), shown, validated, badges,
                              tuple(sorted({v.counsellor for v in validations if v.counsellor})), said.get(BEFORE), said.get(AFTER)))
    names = {c.id: pick(c.name, lang) for c in referential.competences}
    return SessionReport(session.id, session.date[:10], session.structure_name, session.mode,
                         tuple(titles[sid] for sid in titles if sid in played), tuple(rows), names)


def write_report(store, referential, library, session_id: str, lang: str, out_dir: Path, t) -> tuple[Path, Path]:
    """Write the session's PDF and CSV in out_dir (`t`: the catalogue's text for a key)."""
    report = session_report(store, referential, library, session_id, lang)
    words = {k: t(f"report.{k}") for k in TEXT_KEYS}
    words["mode"] = t("report.mode")
    report = SessionReport(report.session_id, report.date, report.structure, t(f"setup.mode_{report.mode}"),
                           report.scenarios, report.rows, report.competence_names)
    return write_session_report(out_dir, report, words)
