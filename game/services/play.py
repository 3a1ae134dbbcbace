"""A play session: which scenario and step, who plays, and the one place where graded answers
(game.core.grading) are committed to the store with the step reached (no pygame)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from game.core.grading import Graded
from game.core.model import DECLARED, PLAYED, Evidence, Player, Session
from game.core.scenario import END, EvidenceSpec, Scenario, Step


@dataclass
class PlaySession:
    """One sitting: a session in the store, its players, and the scenario being played."""

    store: object
    session: Session
    players: list[Player]
    scenario: Scenario | None = None
    step_id: str = END
    active: int = 0                                   # whose turn it is (turns mode)
    recorded: list[Evidence] = field(default_factory=list)   # this scenario's evidence, for the debrief
    absent: set[str] = field(default_factory=set)            # player ids marked absent by the counsellor
    flags: set[str] = field(default_factory=set)             # scenario state: set by the answers that moved the story
    position: int = 1                                        # the step's number in this playthrough

    @property
    def mode(self) -> str:
        return self.session.mode

    @property
    def group(self) -> bool:
        return len(self.players) > 1

    @property
    def step(self) -> Step:
        return self.scenario.step(self.step_id)

    @property
    def present(self) -> list[Player]:
        return [p for p in self.players if p.id not in self.absent] or self.players

    @property
    def active_player(self) -> Player:
        """Whose turn it is: in a group, the turn goes round the participants who are there."""
        present = self.present
        return present[self.active % len(present)]

    def start(self, scenario: Scenario) -> None:
        """Begin a scenario, or resume it at the step after the last one completed."""
        self.scenario = scenario
        self.recorded = []
        self.flags = set()
        progress = self.store.progress_of(self.players[0].id, scenario.id)
        resume = progress and not progress[1] and progress[0] in scenario.steps
        self.step_id = progress[0] if resume else scenario.start
        self.position = scenario.steps_from_start(self.step_id)
        if resume:
            self.recorded = [e for e in self.store.evidence_for(self.players[0].id) if e.scenario_id == scenario.id]
            self.flags = scenario.flags_of((e.step_id, e.choice_id) for e in self.recorded)
            for other in self.players[1:]:
                self.recorded += [e for e in self.store.evidence_for(other.id) if e.scenario_id == scenario.id]
        self.step_id = scenario.resolve(self.step_id, self.flags)

    def record(self, player: Player, specs: Iterable[EvidenceSpec], choice_id: str, next_step: str | None = None,
               source: str = PLAYED, replace: bool = False) -> list[Evidence]:
        """Turn what a player did into evidence and commit it, with the step reached, at once.
        `replace`: this answer replaces the player's earlier one for this step (a changed vote)."""
        evidence = [
            Evidence(player_id=player.id, session_id=self.session.id, competence=s.competence, level=s.level, source=source,
                     scenario_id=self.scenario.id, step_id=self.step_id, choice_id=choice_id, why=dict(s.why))
            for s in specs
        ]
        progress = None
        if next_step is not None:
            progress = (player.id, self.scenario.id, self.session.id, next_step, next_step == END)
        replaced = (player.id, self.session.id, self.scenario.id, self.step_id) if replace else None
        self.store.record_evidence(evidence, progress, replace=replaced)
        if replaced:
            self.recorded = [e for e in self.recorded if not (e.player_id == player.id and e.step_id == self.step_id)]
        self.recorded.extend(evidence)
        return evidence

    def record_answer(self, player: Player, graded: Graded, moves_on: bool = True, replace: bool = False) -> list[Evidence]:
        """Commit a graded answer; `moves_on`: the step it leads to is saved with it (not for a vote
        still open, nor for each competence of a told experience)."""
        next_step = graded.next_step if moves_on and graded.source != DECLARED else None
        return self.record(player, graded.specs, graded.choice_id, next_step=next_step, source=graded.source, replace=replace)

    def answered(self, player: Player) -> bool:
        """The player has an answer recorded for the current step."""
        return any(e.player_id == player.id and e.step_id == self.step_id for e in self.recorded)

    def undo_answer(self, player: Player) -> None:
        """Take back the player's answer to the current step, before the next step starts: its
        evidence is deleted and the current step is saved as the one reached, in one transaction."""
        replaced = (player.id, self.session.id, self.scenario.id, self.step_id)
        progress = (player.id, self.scenario.id, self.session.id, self.step_id, False)
        self.store.record_evidence([], progress, replace=replaced)
        self.recorded = [e for e in self.recorded if not (e.player_id == player.id and e.step_id == self.step_id)]

    def advance(self, next_step: str, sets: Iterable[str] = ()) -> bool:
        """Move every player to the next step (saved), with the flags the answer that moved the story
        sets; steps whose condition does not hold on this path are skipped. True when the scenario has ended."""
        self.flags.update(sets)
        next_step = self.scenario.resolve(next_step, self.flags)
        for player in self.players:
            self.store.save_progress(player.id, self.scenario.id, self.session.id, next_step, next_step == END)
        self.step_id = next_step
        self.position += 1
        if self.group:
            self.active += 1
        return next_step == END

    def progress(self) -> tuple[int, int]:
        """("step 3 of 9"): this step's number, and how many steps this playthrough will have if it
        takes the shortest way from here, counting only the steps its flags let it play (a longer branch adds
        steps; a step skipped by only_if/unless never counted; never a score)."""
        return self.position, self.position - 1 + self.scenario.played_steps_to_end(self.step_id, self.flags)

    def shown_levels(self) -> dict[str, int]:
        """Each competence shown so far in this scenario, at the highest level shown (the collection)."""
        shown: dict[str, int] = {}
        for e in self.recorded:
            shown[e.competence] = max(shown.get(e.competence, 0), e.level)
        return shown

    def index_of(self, player: Player) -> int:
        """The participant's place in the group (their icon and colour)."""
        return [p.id for p in self.players].index(player.id)

    def happened(self) -> list:
        """The debrief's moments of this path (by the flags set on the way)."""
        return self.scenario.happened(self.flags)

    def evidence_of(self, player: Player) -> list[Evidence]:
        return [e for e in self.recorded if e.player_id == player.id]
