"""A scenario as the game plays it: characters and steps, one step type per mechanic (plain data)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Iterable, Mapping

END = "end"


@dataclass(frozen=True)
class EvidenceSpec:
    """Evidence a scenario promises for an answer: the competence, the level, and why, in every language."""

    competence: str
    level: int
    why: Mapping[str, str]


@dataclass(frozen=True)
class ScoreLevel:
    """A band of scores (from min_score) and the level it shows."""

    min_score: float
    level: int
    why: Mapping[str, str]

    def evidence(self, competence: str) -> EvidenceSpec:
        return EvidenceSpec(competence, self.level, self.why)


@dataclass(frozen=True)
class Condition:
    """When a step (or a line of the debrief) is played: `only_if` a flag was set, `unless` one was."""

    only_if: str = ""
    unless: str = ""

    def holds(self, flags: set[str] | frozenset[str]) -> bool:
        return (not self.only_if or self.only_if in flags) and (not self.unless or self.unless not in flags)


ALWAYS = Condition()


@dataclass(frozen=True)
class Choice:
    id: str
    text: Mapping[str, str]
    evidence: tuple[EvidenceSpec, ...]
    reply: Mapping[str, str] | None
    next: str
    sets: tuple[str, ...] = ()  # scenario state: flags this answer sets, read by later steps and the debrief
    mood: str = ""  # how the people in the picture react to it (happy, surprised, worried); "" = as they are


@dataclass(frozen=True)
class Moment:
    """A line of the debrief's "what happened", shown when its condition holds on this player's path."""

    text: Mapping[str, str]
    when: Condition = ALWAYS


@dataclass(frozen=True)
class Item:
    id: str
    text: Mapping[str, str]
    icon: str = ""
    price: int = 0
    essential: bool = False
    group: str = ""  # ordering: items next to each other with the same group may come in any order


@dataclass(frozen=True)
class Picture:
    """What a step's picture shows: the place (an id of content/places.yaml), who is there
    (character ids) and the objects that matter (illustration names)."""

    place: str
    people: tuple[str, ...] = ()
    objects: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    """Where steps happen: its illustration, its name, its colours and its spot on the hub's map."""

    id: str
    picture: str
    title: Mapping[str, str]
    sky: str
    ground: str
    map: tuple[float, float]


@dataclass(frozen=True)
class Step:
    """What every step has; each mechanic adds its own fields below."""

    kind: ClassVar[str] = ""
    id: str
    text: Mapping[str, str]
    next: str
    speaker: str = ""
    icon: str = ""
    when: Condition = ALWAYS  # a step whose condition does not hold is skipped (the story goes to its next)
    picture: Picture | None = None


@dataclass(frozen=True)
class DialogueStep(Step):
    """Pick one answer among 2 to 4; each answer gives its own evidence."""

    kind: ClassVar[str] = "dialogue"
    choices: tuple[Choice, ...] = ()


@dataclass(frozen=True)
class ScoredStep(Step):
    """A step whose answer is scored 0..1; the score band reached gives the level of one competence."""

    items: tuple[Item, ...] = ()
    competence: str = ""
    levels: tuple[ScoreLevel, ...] = ()

    def level_for_score(self, score: float) -> ScoreLevel:
        """The highest score band reached (bands are sorted by min_score, highest first)."""
        for band in self.levels:
            if score >= band.min_score - 1e-9:
                return band
        return self.levels[-1]


@dataclass(frozen=True)
class OrderingStep(ScoredStep):
    """Put the items in order; scored by the pairs in the same order as the best one."""

    kind: ClassVar[str] = "ordering"

    def ranks(self) -> dict[str, int]:
        """Each item's place in the best order; interchangeable items (the same `group`, next to
        each other in the file) share one place, so either order is right."""
        ranks: dict[str, int] = {}
        rank, previous = -1, None
        for item in self.items:
            if not (item.group and item.group == previous):
                rank += 1
            ranks[item.id] = rank
            previous = item.group or None
        return ranks


@dataclass(frozen=True)
class BudgetStep(ScoredStep):
    """Choose items within a budget, with no running total: the player adds up what they chose and
    says the total; scored by the essentials covered (halved over budget) when the total is right."""

    kind: ClassVar[str] = "budget"
    budget: int = 0


@dataclass(frozen=True)
class IdentifyStep(Step):
    """Find the right option; right at once gives `evidence`, right after help `evidence_after_help`."""

    kind: ClassVar[str] = "identify"
    options: tuple[str, ...] = ()
    answer: str = ""
    explain: Mapping[str, str] | None = None
    evidence: tuple[EvidenceSpec, ...] = ()
    evidence_after_help: tuple[EvidenceSpec, ...] = ()


@dataclass(frozen=True)
class ExperienceStep(Step):
    """The player tells a real experience from the catalogue: declared evidence, never played."""

    kind: ClassVar[str] = "experience"
    catalogue: str = ""
    competences: tuple[str, ...] = ()


STEP_TYPES: dict[str, type[Step]] = {t.kind: t for t in (DialogueStep, OrderingStep, IdentifyStep, ExperienceStep, BudgetStep)}


@dataclass(frozen=True)
class Character:
    """Who speaks in a scenario: a name, a role, an icon and a look (an illustration, never a photo)."""

    id: str
    name: str
    role: Mapping[str, str]
    icon: str
    look: str = ""


@dataclass(frozen=True)
class Scenario:
    """One situation from everyday life, as data: its characters and its steps, from `start`."""

    id: str
    path: str
    title: Mapping[str, str]
    summary: Mapping[str, str]
    context: str
    minutes: int
    icon: str
    characters: Mapping[str, Character]
    start: str
    steps: Mapping[str, Step]
    step_order: tuple[str, ...]
    debrief_summary: Mapping[str, str]
    debrief_elsewhere: Mapping[str, str]
    id_line: int = field(default=1, compare=False)  # line of `id:` in the file, for problems
    moments: tuple[Moment, ...] = ()                # debrief: what may have happened, by the flags of the path
    transfer: Mapping[str, str] | None = None       # debrief: this scenario's question to carry it into the player's life

    def step(self, step_id: str) -> Step:
        return self.steps[step_id]

    def resolve(self, step_id: str, flags: set[str] | frozenset[str]) -> str:
        """The step actually played from `step_id`: steps whose condition does not hold are skipped."""
        seen = set()
        while step_id != END and step_id not in seen and not self.steps[step_id].when.holds(flags):
            seen.add(step_id)
            step_id = self.steps[step_id].next
        return step_id

    def flags_of(self, answers: Iterable[tuple[str, str]]) -> set[str]:
        """The flags set by answers given, as (step id, choice id) pairs (a resumed scenario's state)."""
        flags: set[str] = set()
        for step_id, choice_id in answers:
            step = self.steps.get(step_id)
            for choice in getattr(step, "choices", ()):
                if choice.id == choice_id:
                    flags.update(choice.sets)
        return flags

    def happened(self, flags: set[str] | frozenset[str]) -> list[Mapping[str, str]]:
        """The debrief's moments that belong to this path."""
        return [m.text for m in self.moments if m.when.holds(flags)]

    def mechanics(self) -> set[str]:
        return {s.kind for s in self.steps.values()}

    def home_place(self) -> str:
        """Where the scenario mostly happens (the place most of its steps name): its spot on the map."""
        places = [s.picture.place for s in self.steps.values() if s.picture]
        return max(dict.fromkeys(places), key=places.count) if places else ""

    def following(self, step_id: str) -> tuple[str, ...]:
        """The steps (or END) a step can lead to."""
        step = self.steps[step_id]
        return tuple(dict.fromkeys(c.next for c in getattr(step, "choices", ()))) or (step.next,)

    def steps_to_end(self, step_id: str) -> int:
        """How many steps are left from this one (itself included) on the shortest way to the end."""
        seen, frontier, count = {step_id}, [step_id], 1
        while frontier:
            nxt = []
            for sid in frontier:
                for target in self.following(sid):
                    if target == END:
                        return count
                    if target not in seen:
                        seen.add(target)
                        nxt.append(target)
            frontier, count = nxt, count + 1
        return count

    def played_steps_to_end(self, step_id: str, flags: Iterable[str] = ()) -> int:
        """How many steps this player will still play from this one (itself included) on the shortest way to
        the end, given the flags set so far and those the answers on the way set: a step skipped by its
        only_if/unless counts 0, so that "step 4 of 6" never becomes "of 7" when the story skips one."""
        start = (step_id, frozenset(flags))
        best, frontier = {start: 0}, [(0, step_id, frozenset(flags))]
        while frontier:
            frontier.sort(key=lambda item: item[0])
            cost, sid, state = frontier.pop(0)
            if sid == END:
                return cost
            if cost > best.get((sid, state), cost):
                continue
            step = self.steps[sid]
            if not step.when.holds(state):  # skipped: its next, nothing played
                moves = [(step.next, state, 0)]
            else:
                moves = [(c.next, state | frozenset(c.sets), 1) for c in getattr(step, "choices", ())] or [(step.next, state, 1)]
            for target, after, weight in moves:
                if best.get((target, after), cost + weight + 1) > cost + weight:
                    best[(target, after)] = cost + weight
                    frontier.append((cost + weight, target, after))
        return self.steps_to_end(step_id)  # no way to the end (the validator refuses such a scenario)

    def steps_from_start(self, step_id: str) -> int:
        """The step's number on the shortest way from the start (the start is 1)."""
        seen, frontier, count = {self.start}, [self.start], 1
        while frontier:
            if step_id in frontier:
                return count
            nxt = [t for sid in frontier for t in self.following(sid) if t != END and t not in seen]
            seen.update(nxt)
            frontier, count = list(dict.fromkeys(nxt)), count + 1
        return 1


@dataclass(frozen=True)
class Activity:
    """Something one does in a theme of real experience (catalogue), told by the player."""

    id: str
    title: Mapping[str, str]


@dataclass(frozen=True)
class Theme:
    """A kind of real experience (volunteering, a job…) with its activities, for the experience step."""

    id: str
    kind: str
    icon: str
    title: Mapping[str, str]
    activities: tuple[Activity, ...]
