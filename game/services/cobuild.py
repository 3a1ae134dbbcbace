"""Co-building badges with the player (pure Python): which competences can be requested,
what the counsellor suggests, and sentences built from the player's own choices."""
from __future__ import annotations

from dataclasses import dataclass

from game.i18n.catalogue import raw_text
from game.i18n.typeset import tr, typeset
from game.core.skills import CompetenceStatus
from game.services.skillmap import skill_map

ENDORSER_ROLES = ("tutor", "trainer", "employer", "coach", "other")
MAX_NARRATIVE = 400
MAX_SENTENCES = 4


@dataclass(frozen=True)
class Candidate:
    """A competence the player may ask a badge for, with why the counsellor suggests it."""

    status: CompetenceStatus
    suggested: bool


def candidates(store, referential, player_id: str, session_id: str) -> list[Candidate]:
    """The competences reached in this session (level >= 1), in referential order.
    The counsellor suggests what they validated, and the player's strongest level."""
    smap = skill_map(store, referential, player_id, session_id)
    reached = smap.reached()
    top = max((s.level for s in reached), default=0)
    return [Candidate(s, bool(s.validations) or s.level == top) for s in reached]


def sentences(status: CompetenceStatus, referential, scenario_titles: dict, lang: str) -> list[str]:
    """Sentences the player can pick to tell the story (first person), then edit."""
    c = referential.competence(status.competence)
    out = [tr(c.level(status.level).descriptor, lang)]
    for scenario_id in dict.fromkeys(e.scenario_id for e in status.supporting()):
        title = tr(scenario_titles.get(scenario_id, {}), lang) or scenario_id
        out.append(typeset(raw_text(lang, "cobuild.shown_in").format(title=title), lang))
    for e in status.declared_evidence:
        what = tr(e.why, lang).split(":", 1)[-1].split("«")[0].split("“")[0].strip(" .\u202f")
        if what:
            out.append(typeset(raw_text(lang, "cobuild.told_in_life").format(what=what), lang))
    return list(dict.fromkeys(out))[:MAX_SENTENCES]


def clean_narrative(text: str) -> str:
    """The player's words as sent: printable, spaces folded, bounded."""
    text = "".join(ch for ch in text if ch.isprintable())
    return " ".join(text.split())[:MAX_NARRATIVE]


def endorser_problem(name: str, email: str) -> str | None:
    """Why what was typed for a person to vouch cannot be kept as it is ("name": an e-mail
    without a name, "email": an address that cannot be one); None when it can, or nothing was typed.
    What is typed is never dropped silently: it is kept, or the person corrects or clears it."""
    name, email = " ".join(name.split()), email.strip()
    if email and not name:
        return "name"
    if email and ("@" not in email or " " in email or email.startswith("@") or email.endswith("@")):
        return "email"
    return None


def clean_endorser(name: str, role: str, email: str) -> dict | None:
    name = " ".join("".join(ch for ch in name if ch.isprintable()).split())[:60]
    email = email.strip()[:120]
    if not name:
        return None
    if email and ("@" not in email or " " in email or email.startswith("@") or email.endswith("@")):
        email = ""
    return {"name": name, "role": role if role in ENDORSER_ROLES else "other", "email": email}
