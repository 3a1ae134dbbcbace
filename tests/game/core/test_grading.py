"""Grading the mechanics the assessment review found transparent: budget (the player computes),
ordering (interchangeable steps), identify (the competence named)."""
from __future__ import annotations

from game.core.grading import budget_totals, grade_budget, grade_identify, grade_ordering, ordering_matches, ordering_score
from game.core.scenario import BudgetStep, EvidenceSpec, IdentifyStep, Item, OrderingStep, ScoreLevel

WHY = {"fr": "f", "en": "e"}
BANDS = (ScoreLevel(1.0, 3, WHY), ScoreLevel(0.5, 2, WHY), ScoreLevel(0.0, 1, WHY))
BUDGET = BudgetStep(id="b", text=WHY, next="end", competence="O4", budget=40, levels=BANDS, items=(
    Item("pain", WHY, price=6, essential=True), Item("eau", WHY, price=5, essential=True), Item("gateau", WHY, price=25)))


def test_budget_is_scored_on_the_total_the_player_computed():
    chosen = {"pain", "eau"}
    assert grade_budget(BUDGET, chosen, 11).band.level == 3          # the essentials, and the right total
    wrong = grade_budget(BUDGET, chosen, 16)
    assert wrong.band.level == 1 and wrong.score == 0.0               # the same basket, a wrong total
    assert "total:16" in wrong.choice_id                              # what they said is kept
    assert grade_budget(BUDGET, {"pain", "eau", "gateau"}, 36).band.level == 3
    assert grade_budget(BUDGET, {"pain"}, 6).band.level == 2


def test_the_totals_offered_hold_the_right_one_in_no_telling_place():
    for chosen in ({"pain", "eau"}, {"pain"}, set(), {"pain", "eau", "gateau"}):
        totals = budget_totals(BUDGET, chosen)
        right = sum(i.price for i in BUDGET.items if i.id in chosen)
        assert right in totals and len(set(totals)) == len(totals) >= 2
        assert list(totals) == sorted(totals) and min(totals) >= 0


ORDER = OrderingStep(id="o", text=WHY, next="end", competence="O1", levels=BANDS, items=(
    Item("tables", WHY), Item("nappes", WHY, group="poser"), Item("verres", WHY, group="poser"), Item("plats", WHY)))


def test_interchangeable_steps_may_come_in_either_order():
    assert ORDER.ranks() == {"tables": 0, "nappes": 1, "verres": 1, "plats": 2}
    assert grade_ordering(ORDER, ["tables", "verres", "nappes", "plats"]).score == 1.0
    assert grade_ordering(ORDER, ["tables", "nappes", "verres", "plats"]).band.level == 3
    assert ordering_score(ORDER.ranks(), ["plats", "tables", "nappes", "verres"]) < 1.0
    assert ordering_matches(ORDER, ["tables", "verres", "nappes", "plats"]) == [True] * 4
    assert ordering_matches(ORDER, ["verres", "tables", "nappes", "plats"]) == [False, False, True, True]
    # without a group, the order of the file is the only right one
    strict = OrderingStep(id="o", text=WHY, next="end", competence="O1", levels=BANDS, items=tuple(
        Item(i.id, WHY) for i in ORDER.items))
    assert grade_ordering(strict, ["tables", "verres", "nappes", "plats"]).score < 1.0


def test_identify_gives_the_competence_recognised_not_a_default():
    step = IdentifyStep(id="i", text=WHY, next="end", options=("C2", "C4"), answer="C2",
                        evidence=(EvidenceSpec("C2", 1, WHY),), evidence_after_help=(EvidenceSpec("RP2", 1, WHY),))
    assert [e.competence for e in grade_identify(step, "C2").specs] == ["C2"]
    assert [e.competence for e in grade_identify(step, "C4").specs] == ["RP2"]
