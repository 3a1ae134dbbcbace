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

TOLD = "told"  # the transfer's answer id when the player told a moment rather than picked a domain
TRANSFER = "transfer"  # transfer:<step>:<choice>:<reason>:<domain or TOLD>, the answer id of a transfer


@dataclass(frozen=True)
class Graded:
    """An answer turned into evidence, ready to be recorded."""

    specs: tuple[EvidenceSpec, ...]
    choice_id: str
    next_step: str
    source: str = PLAYED
    band: ScoreLevel | None = None   # the score band reached (ordering, budget)
    score: float | None = None


def ordering_score(best: Iterable[str] | Mapping[str, int], given: Iterable[str]) -> float:
    """Share of pairs of items the player put in the same relative order as the best order.
    `best` is the best order, or each item's rank in it (OrderingStep.ranks()): pairs of items
    of the same rank are interchangeable, in either order, and are not counted."""
    rank = dict(best) if isinstance(best, Mapping) else {item: i for i, item in enumerate(best)}
    order = [item for item in given if item in rank]
    pairs = [(a, b) for a, b in combinations(order, 2) if rank[a] != rank[b]]
    if not pairs:
        return 1.0
    return sum(1 for a, b in pairs if rank[a] < rank[b]) / len(pairs)


def ordering_matches(step: OrderingStep, given: list[str]) -> list[bool]:
    """For each place of the player's order, whether the item there may stand there in a best order."""
    ranks = step.ranks()
    best = sorted(ranks.values())
    return [ranks.get(item) == best[n] if n < len(best) else False for n, item in enumerate(given)]


def budget_total(step: BudgetStep, selected: Iterable[str]) -> int:
    chosen = set(selected)
    return sum(item.price for item in step.items if item.id in chosen)


def budget_totals(step: BudgetStep, selected: Iterable[str]) -> tuple[int, ...]:
    """The totals offered to the player once they have chosen (the right one among near misses: an
    item forgotten or counted twice, a slip of ten), smallest first, so their place tells nothing."""
    chosen = set(selected)
    total = budget_total(step, chosen)
    prices = sorted({item.price for item in step.items if item.id in chosen and item.price})
    near = [total + 10, total - 10]
    if prices:
        near = [total - prices[0], total + prices[-1], *near]
    else:
        near = [total + min((i.price for i in step.items if i.price), default=5), *near]
    offered = [total]
    for n in near:
        if n >= 0 and n not in offered and len(offered) < 4:
            offered.append(n)
    return tuple(sorted(offered))


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
    score = ordering_score(step.ranks(), order)
    band = step.level_for_score(score)
    return Graded((band.evidence(step.competence),), f"order:{','.join(order)}", step.next, band=band, score=score)


def grade_budget(step: BudgetStep, chosen: Iterable[str], computed: int) -> Graded:
    """Scored on what the player computed: with the right total, the essentials covered (halved over
    the budget) give the band; with a wrong total, the lowest band (they are starting to count)."""
    chosen = set(chosen)
    right = computed == budget_total(step, chosen)
    score = budget_score(step, chosen) if right else 0.0
    band = step.level_for_score(score)
    return Graded((band.evidence(step.competence),), f"buy:{','.join(sorted(chosen))}=total:{computed}", step.next, band=band,
                  score=score)


def grade_identify(step: IdentifyStep, option: str) -> Graded:
    """Right at once gives the step's evidence, about the competence named (the validator checks it is the
    answer's); a wrong answer (then the explanation) the evidence after help."""
    specs = step.evidence if option == step.answer else step.evidence_after_help
    return Graded(tuple(specs), f"answer:{option}", step.next)


def grade_experience(step: ExperienceStep, competence: str, level: int, descriptor: Mapping[str, str], theme_id: str,
                     theme_title: Mapping[str, str], activities: list[tuple[str, Mapping[str, str]]],
                     templates: Mapping[str, str]) -> Graded:
    """A told experience, placed by the player on a level's descriptor: declared evidence (counts once validated)."""
    why = declared_why(theme_title, [title for _, title in activities], descriptor, templates)
    choice_id = f"{theme_id}:{','.join(aid for aid, _ in activities)}"
    return Graded((EvidenceSpec(competence, level, why),), choice_id, step.next, source=DECLARED)


MAX_TOLD = 200  # a moment told in the debrief's transfer: a few words, not a story (characters)


def told_text(text: str) -> str:
    """A moment as the player typed it, kept: spaces collapsed, at most MAX_TOLD characters."""
    return " ".join(text.split())[:MAX_TOLD].strip()


def grade_transfer(step: DialogueStep, choice: Choice, reason: str, domain: str, domain_title: Mapping[str, str],
                   templates: Mapping[str, str], told: str = "") -> Graded:
    """The debrief's transfer: the player says where else in their life they do what this answer showed
    (a life domain) or tells a moment of it in their own words (`told`, then `templates` may quote it as
    {told}): a told experience of each competence the answer showed, at its level, with their reason kept
    in the answer's id; it counts once the counsellor validates it."""
    told = told_text(told)
    if not domain and not told:
        raise ValueError("a transfer needs a life domain or a moment told")
    specs = tuple(EvidenceSpec(e.competence, e.level, {lang: template.format(what=pick(choice.text, lang), domain=pick(domain_title, lang),
                                                                             told=told)
                                                       for lang, template in templates.items()})
                  for e in choice.evidence)
    return Graded(specs, f"{TRANSFER}:{step.id}:{choice.id}:{reason}:{domain or TOLD}", step.next, source=DECLARED)


def transfer_answer(answer_id: str) -> tuple[str, str] | None:
    """(step id, choice id) of the answer a transfer looked back on, or None for another answer id."""
    parts = answer_id.split(":")
    return (parts[1], parts[2]) if len(parts) == 5 and parts[0] == TRANSFER else None


def possible_evidence(step: Step) -> list[EvidenceSpec]:
    """Every piece of played evidence a step can give (coverage, benchmarks); told evidence is not played."""
    if isinstance(step, DialogueStep):
        return [e for choice in step.choices for e in choice.evidence]
    if isinstance(step, IdentifyStep):
        return [*step.evidence, *step.evidence_after_help]
    if isinstance(step, (OrderingStep, BudgetStep)):
        return [band.evidence(step.competence) for band in step.levels]
    return []
