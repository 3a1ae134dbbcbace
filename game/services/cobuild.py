"""Co-building badges with the player (pure Python): which competences can be requested,
what the counsellor suggests, sentences built from the player's own choices, and `CoBuild`,
what the co-build screens (one per phase: choose, tell, picture, endorse, use) share."""
from __future__ import annotations

from dataclasses import dataclass, field

from game.i18n.catalogue import raw_text
from game.i18n.typeset import tr, typeset
from game.core.model import BadgeDraft
from game.core.skills import CompetenceStatus
from game.services.skillmap import skill_map

ENDORSER_ROLES = ("tutor", "trainer", "employer", "coach", "other")
MAX_NARRATIVE = 400
MAX_SENTENCES = 4
MAX_ENDORSERS = 5


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


KEPT_SPACES = "\u00a0\u202f"   # French typesetting's no-break spaces (before « : ; ! ? »): kept as they are


def clean_narrative(text: str) -> str:
    """The player's words as sent: printable, line breaks and runs of spaces folded to one space, bounded."""
    text = "".join(ch if ch in KEPT_SPACES or not ch.isspace() else " " for ch in text if ch.isprintable() or ch.isspace())
    return " ".join(word for word in text.split(" ") if word).strip(KEPT_SPACES)[:MAX_NARRATIVE]


def endorser_problem(name: str, email: str) -> str | None:
    """Why what was typed for a person to vouch cannot be kept as it is ("name": an e-mail
    without a name, "email": an address that cannot be one); None when it can, or nothing was typed.
    What is typed is never dropped silently: it is kept, or the person corrects or clears it."""
    name, email = " ".join(name.split()), email.strip()
    if email and not name:
        return "name"
    if email and not _looks_like_email(email):
        return "email"
    return None


def _looks_like_email(email: str) -> bool:
    return "@" in email and " " not in email and not email.startswith("@") and not email.endswith("@")


def clean_endorser(name: str, role: str, email: str) -> dict | None:
    name = " ".join("".join(ch for ch in name if ch.isprintable()).split())[:60]
    email = email.strip()[:120]
    if not name:
        return None
    if email and not _looks_like_email(email):
        email = ""
    return {"name": name, "role": role if role in ENDORSER_ROLES else "other", "email": email}


@dataclass
class Story:
    """The words being written for one badge: the text as it stands, the sentences picked, and
    whether the player typed (then picking a sentence no longer rewrites their text)."""

    text: str
    picked: list[str]
    typed: bool = False

    def pick(self, sentence: str, order: list[str]) -> None:
        """Pick a sentence, or leave it out; the text follows the sentences until the player types."""
        if sentence in self.picked:
            self.picked.remove(sentence)
        else:
            self.picked.append(sentence)
        self.picked.sort(key=order.index)
        if not self.typed:
            self.text = " ".join(self.picked)

    def narrative(self) -> str:
        """What is sent: the text, or the sentences picked when the text was emptied."""
        return clean_narrative(self.text) or clean_narrative(" ".join(self.picked))


@dataclass
class CoBuild:
    """One player's badges being built in one session, shared by the co-build screens while the
    player moves through the phases and back: their yes for each badge, the story being written
    for each, the people named to vouch and the one being typed. Each phase's answer is saved
    in the store as the player moves on, so nothing waits for the last screen."""

    store: object
    referential: object
    player: object
    session: object
    titles: dict
    options: list[Candidate] = field(default_factory=list)
    drafts: dict[str, BadgeDraft] = field(default_factory=dict)
    stories: dict[str, Story] = field(default_factory=dict)
    endorsers: list[dict] = field(default_factory=list)
    role: int = 0                    # the role offered for the next person (index in ENDORSER_ROLES)
    typed_person: tuple[str, str] = ("", "")   # a name and e-mail typed and not yet added: kept, not lost

    @classmethod
    def start(cls, store, referential, library, player, session) -> "CoBuild":
        options = candidates(store, referential, player.id, session.id)
        saved = store.drafts_for(player.id, session.id)
        drafts = {c.status.competence: saved.get(c.status.competence) or BadgeDraft(player.id, session.id, c.status.competence)
                  for c in options}
        endorsers = next((list(d.endorsers) for d in drafts.values() if d.endorsers), [])
        return cls(store, referential, player, session, {s.id: s.title for s in library.scenarios}, options, drafts,
                   endorsers=endorsers)

    # ------------------------------------------------------------ choose

    @property
    def chosen(self) -> list[str]:
        """The competences the player said yes to, in referential order."""
        return [c.status.competence for c in self.options if self.drafts[c.status.competence].chosen]

    def status_of(self, cid: str) -> CompetenceStatus:
        return next(c.status for c in self.options if c.status.competence == cid)

    def toggle(self, cid: str) -> None:
        self.drafts[cid].chosen = not self.drafts[cid].chosen

    def confirm(self) -> None:
        """The player's yes (or no) for each badge, committed."""
        for draft in self.drafts.values():
            self.store.save_draft(draft)

    def decline(self) -> None:
        """"No badge today": nothing is requested, whatever was ticked before."""
        for draft in self.drafts.values():
            draft.chosen = False
        self.confirm()

    @property
    def declined(self) -> bool:
        """The player could ask for a badge and said no to every one."""
        return bool(self.options) and not self.chosen

    # ------------------------------------------------------------ tell

    def sentences(self, cid: str, lang: str) -> list[str]:
        return sentences(self.status_of(cid), self.referential, self.titles, lang)

    def story(self, cid: str, lang: str) -> Story:
        """The story being written for this badge: as the player left it, else from the saved
        narrative, else the first sentence."""
        if cid not in self.stories:
            offered = self.sentences(cid, lang)
            narrative = self.drafts[cid].narrative
            picked = [s for s in offered if s in narrative] or offered[:1]
            self.stories[cid] = Story(narrative or " ".join(picked), picked, typed=bool(narrative) and narrative != " ".join(picked))
        return self.stories[cid]

    def save_story(self, cid: str, image_png: bytes | None) -> None:
        """The player moves on: their words (and the badge's picture) are saved."""
        draft = self.drafts[cid]
        draft.narrative = self.stories[cid].narrative()
        draft.image_png = image_png
        self.store.save_draft(draft)

    # ------------------------------------------------------------ endorse

    def add_endorser(self, name: str, email: str) -> str | None:
        """Keep the person typed in (the typed fields are then empty); else why it cannot be kept as
        typed ("name", "email", "full"), and the typed text stays as it is. Nothing typed: nothing done."""
        if not (name.strip() or email.strip()):
            return None
        problem = endorser_problem(name, email)
        if problem is None and len(self.endorsers) >= MAX_ENDORSERS:
            problem = "full"
        person = None if problem else clean_endorser(name, ENDORSER_ROLES[self.role], email)
        if person:
            self.endorsers.append(person)
            self.typed_person = ("", "")
        else:
            self.typed_person = (name, email)
        return problem

    def next_role(self) -> None:
        self.role = (self.role + 1) % len(ENDORSER_ROLES)

    def save_endorsers(self) -> None:
        """The people named vouch for every badge the player asks for."""
        for cid in self.chosen:
            self.drafts[cid].endorsers = list(self.endorsers)
            self.store.save_draft(self.drafts[cid])

    # ------------------------------------------------------------ the end

    def finish(self) -> None:
        for draft in self.drafts.values():
            self.store.save_draft(draft)
