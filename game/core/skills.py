"""From evidence to a level per competence, with the "why" (the one place that does it).

The rule, for each competence:
- played evidence (choices made in scenarios) shows a level; a level COUNTS when it is shown
  in at least two different situations (MIN_SITUATIONS; a situation is one step of one
  scenario, so replaying the same step never counts twice). Why: one answer can be luck, a
  guess or a good-looking wording; the evidence-centred design of game-based assessment asks
  for the same behaviour in varied tasks before it infers a competence. A level shown in one
  situation only is "seen once" (`seen_once`): shown as such on the map and in the why-trail,
  it waits for a second situation or for the counsellor to confirm it;
- a game can show at most level 3 by itself (PLAYED_CAP). Level 4 (organising for
  others, passing it on) is only reached with the counsellor's validation;
- declared evidence (a real experience the player told) is shown apart and counts
  only once the counsellor validates it;
- the level on the map is max(counted played level capped at 3, validated level);
- anything shown or declared above that level is "pending": it waits for a validation.
Counting situations and taking maxima makes the order of evidence irrelevant and means
more evidence never lowers a level.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from game.core.model import DECLARED, PLAYED, Evidence, Validation

PLAYED_CAP = 3
MIN_SITUATIONS = 2  # a played level counts once shown in this many different situations


def situation(e: Evidence) -> tuple[str, str]:
    """Where a piece of evidence was shown: one step of one scenario."""
    return (e.scenario_id, e.step_id)


def counted_level(evidence: Iterable[Evidence], needed: int = MIN_SITUATIONS) -> int:
    """The highest level shown (at that level or above) in at least `needed` different situations."""
    best: dict[tuple[str, str], int] = {}
    for e in evidence:
        best[situation(e)] = max(best.get(situation(e), 0), e.level)
    tops = sorted(best.values(), reverse=True)
    return tops[needed - 1] if len(tops) >= needed else 0


@dataclass(frozen=True)
class CompetenceStatus:
    """Where a player stands on one competence: the level on the map and the evidence behind each source."""

    competence: str
    level: int
    played: int
    declared: int
    validated: int
    played_evidence: tuple[Evidence, ...]
    declared_evidence: tuple[Evidence, ...]
    validations: tuple[Validation, ...]
    counted: int = 0  # the played level shown in at least MIN_SITUATIONS situations

    @property
    def seen_once(self) -> int:
        """A played level shown in one situation only, above what counts and what the counsellor
        confirmed: "vu une fois" (0 if none)."""
        return self.played if self.played > max(self.counted, self.validated) else 0

    def once(self, e: Evidence) -> bool:
        """Whether this piece of played evidence shows a level seen in one situation only."""
        return e.source == PLAYED and e.level > max(self.counted, self.validated)

    @property
    def pending(self) -> int:
        """A level shown or told above the map's level, waiting for the counsellor (0 if none)."""
        top = max(self.played, self.declared)
        return top if top > self.level else 0

    def supporting(self) -> tuple[Evidence, ...]:
        """The played evidence that carries the level, strongest first."""
        return tuple(sorted(self.played_evidence, key=lambda e: (-e.level, e.created_at)))


class SkillMap:
    """The levels of one player, with the evidence behind each."""

    def __init__(self, statuses: dict[str, CompetenceStatus]):
        self._statuses = statuses

    def level_of(self, competence: str) -> int:
        status = self._statuses.get(competence)
        return status.level if status else 0

    def status(self, competence: str) -> CompetenceStatus:
        return self._statuses[competence]

    def statuses(self) -> list[CompetenceStatus]:
        return list(self._statuses.values())

    def reached(self) -> list[CompetenceStatus]:
        return [s for s in self._statuses.values() if s.level >= 1]


def compute_skill_map(competence_ids: Iterable[str], evidence: Iterable[Evidence], validations: Iterable[Validation] = ()) -> SkillMap:
    ids = list(competence_ids)
    played: dict[str, list[Evidence]] = {c: [] for c in ids}
    declared: dict[str, list[Evidence]] = {c: [] for c in ids}
    validated: dict[str, list[Validation]] = {c: [] for c in ids}
    for e in evidence:
        bucket = played if e.source == PLAYED else declared if e.source == DECLARED else None
        if bucket is not None and e.competence in bucket:
            bucket[e.competence].append(e)
    for v in validations:
        if v.competence in validated:
            validated[v.competence].append(v)
    statuses = {}
    for c in ids:
        p = max((e.level for e in played[c]), default=0)
        counted = counted_level(played[c])
        d = max((e.level for e in declared[c]), default=0)
        v = max((x.level for x in validated[c]), default=0)
        statuses[c] = CompetenceStatus(
            competence=c,
            level=max(min(counted, PLAYED_CAP), v),
            played=p,
            declared=d,
            validated=v,
            played_evidence=tuple(played[c]),
            declared_evidence=tuple(declared[c]),
            validations=tuple(validated[c]),
            counted=counted,
        )
    return SkillMap(statuses)
