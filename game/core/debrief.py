"""The rules of the debrief's three phases (no pygame): describe, analyse, transfer.

- describe: the player picks, among the answers THEY gave in this scenario, the moment that
  counted (not a summary written for them);
- analyse: "why did you choose that?" with a few reasons to pick (REASONS, UI catalogue keys
  `debrief.reason.<id>`), then what another answer of the same step would have shown;
- transfer: the scenario's own question (`debrief.transfer`), answered by picking a life domain
  (LIFE_DOMAINS, keys `domain.<id>`) or by telling a moment in a few words; the answer becomes a told experience (declared evidence,
  game.core.grading.grade_transfer) that counts once the counsellor validates it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from game.core.scenario import Choice, DialogueStep, Scenario

REASONS = ("did_before", "rule", "for_others", "calm", "unsure")
SHOWN_REASONS = 3
LIFE_DOMAINS = ("family", "friends", "sport", "school", "work", "volunteering")
MAX_MOMENTS = 4


@dataclass(frozen=True)
class PathMoment:
    """One answer the player gave on a dialogue step."""

    step: DialogueStep
    choice: Choice


def path_moments(scenario: Scenario, answers: Iterable[tuple[str, str]], most: int = MAX_MOMENTS) -> list[PathMoment]:
    """The answers given (step id, choice id) on dialogue steps, in the order of the file; at most
    `most`, spread over the whole story (its start, its middle and its end) when there are more."""
    given = dict(answers)
    found = []
    for step_id in scenario.step_order:
        step = scenario.steps[step_id]
        if isinstance(step, DialogueStep) and step_id in given:
            choice = next((c for c in step.choices if c.id == given[step_id]), None)
            if choice is not None:
                found.append(PathMoment(step, choice))
    return spread(found, most)


def spread(items: list, most: int) -> list:
    """At most `most` of `items`, spread over the whole list (its start, its middle and its end), in order."""
    if len(items) <= most:
        return list(items)
    return [items[round(i * (len(items) - 1) / max(most - 1, 1))] for i in range(most)]


def reasons_for(moment: PathMoment) -> tuple[str, ...]:
    """The reasons offered for this answer (SHOWN_REASONS of them, varied from step to step, and
    always "I'm not sure": not knowing why is an answer too)."""
    start = sum(map(ord, moment.step.id)) % (len(REASONS) - 1)
    pool = [r for r in REASONS if r != "unsure"]
    picked = [pool[(start + i) % len(pool)] for i in range(SHOWN_REASONS - 1)]
    return (*picked, "unsure")


def another_choice(moment: PathMoment) -> Choice | None:
    """An answer of the same step that shows something else (another competence first, else another level)."""
    mine = {(e.competence, e.level) for e in moment.choice.evidence}
    mine_c = {e.competence for e in moment.choice.evidence}
    others = [c for c in moment.step.choices if c.id != moment.choice.id]
    for test in (lambda c: {e.competence for e in c.evidence} - mine_c, lambda c: {(e.competence, e.level) for e in c.evidence} - mine):
        hit = next((c for c in others if test(c)), None)
        if hit is not None:
            return hit
    return others[0] if others else None
