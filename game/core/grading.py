"""The one place where a mechanic's answer becomes evidence: what was shown, at which level, and why.

Each `grade_*` takes a step of its mechanic and what the player did, and returns a `Graded`:
the evidence specs, the id of the answer as stored (`choice_id`), the step it leads to and
whether the evidence was played or told. Scenes collect answers; they never decide evidence.
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from typing import Iterable, Mapping

from game.core.model import DECLARED, PLAYED, pick
from game.core.scenario import (BudgetStep, Choice, DialogueStep, EvidenceSpec, ExperienceStep, IdentifyStep, OrderingStep,
                                ScoreLevel, Step)


@dataclass(frozen=True)
class Graded:
    """An answer turned into evidence, ready to be recorded."""

    specs: tuple[EvidenceSpec, ...]
    choice_id: str
    next_step: str
    source: str = PLAYED
    band: ScoreLevel | None = None   # the score band reached (ordering, budget)
    score: float | None = None


def ordering_score(best: Iterable[str], given: Iterable[str]) -> float:
    """Share of pairs of items the player put in the same relative order as the best order."""
    rank = {item: i for i, item in enumerate(best)}
    order = [item for item in given if item in rank]
    pairs = list(combinations(order, 2))
    if not pairs:
        return 1.0
    return sum(1 for a, b in pairs if rank[a] < rank[b]) / len(pairs)


def budget_total(step: BudgetStep, selected: Iterable[str]) -> int:
    chosen = set(selected)
    return sum(item.price for item in step.items if item.id in chosen)


def budget_score(step: BudgetStep, selected: Iterable[str]) -> float:
    """Share of the essential items chosen; halved when the total goes over the budget."""
    chosen = set(selected)
    essentials = [item.id for item in step.items if item.essential]
    covered = sum(1 for i in essentials if i in chosen) / len(essentials) if essentials else 1.0
    return covered if budget_total(step, chosen) <= step.budget else covered / 2


def declared_why(theme_title: Mapping[str, str], activity_titles: list[Mapping[str, str]], descriptor: Mapping[str, str],
                 templates: Mapping[str, str]) -> dict:
    """The 'why' of a told experience, in every language of `templates` ({lang: "… {what} … {descriptor} …"},
    from the UI catalogues): what they did, where they place themselves."""
    why = {}
    for lang, template in templates.items():
        acts = ", ".join(pick(a, lang) for a in activity_titles)
        what = f"{pick(theme_title, lang)} ({acts})" if acts else pick(theme_title, lang)
        why[lang] = template.format(what=what, descriptor=pick(descriptor, lang))
    return why


def grade_dialogue(step: DialogueStep, choice: Choice) -> Graded:
    return Graded(tuple(choice.evidence), choice.id, choice.next)


def grade_ordering(step: OrderingStep, order: list[str]) -> Graded:
    score = ordering_score([i.id for i in step.items], order)
    band = step.level_for_score(score)
    return Graded((band.evidence(step.competence),), f"order:{','.join(order)}", step.next, band=band, score=score)


def grade_budget(step: BudgetStep, chosen: Iterable[str]) -> Graded:
    score = budget_score(step, chosen)
    band = step.level_for_score(score)
    return Graded((band.evidence(step.competence),), "buy:" + ",".join(sorted(chosen)), step.next, band=band, score=score)


def grade_identify(step: IdentifyStep, option: str) -> Graded:
    """Right at once gives the step's evidence; a wrong answer (then the explanation) the evidence after help."""
    specs = step.evidence if option == step.answer else step.evidence_after_help
    return Graded(tuple(specs), f"answer:{option}", step.next)


def grade_experience(step: ExperienceStep, competence: str, level: int, descriptor: Mapping[str, str], theme_id: str,
                     theme_title: Mapping[str, str], activities: list[tuple[str, Mapping[str, str]]],
                     templates: Mapping[str, str]) -> Graded:
    """A told experience, placed by the player on a level's descriptor: declared evidence (counts once validated)."""
    why = declared_why(theme_title, [title for _, title in activities], descriptor, templates)
    choice_id = f"{theme_id}:{','.join(aid for aid, _ in activities)}"
    return Graded((EvidenceSpec(competence, level, why),), choice_id, step.next, source=DECLARED)


def possible_evidence(step: Step) -> list[EvidenceSpec]:
    """Every piece of played evidence a step can give (coverage, benchmarks); told evidence is not played."""
    if isinstance(step, DialogueStep):
        return [e for choice in step.choices for e in choice.evidence]
    if isinstance(step, IdentifyStep):
        return [*step.evidence, *step.evidence_after_help]
    if isinstance(step, (OrderingStep, BudgetStep)):
        return [band.evidence(step.competence) for band in step.levels]
    return []
