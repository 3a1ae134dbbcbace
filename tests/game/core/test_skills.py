"""The skill map rule (property tests over random evidence) and the scores of ordering and budget steps."""
from __future__ import annotations


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st


from game.core.scenario import BudgetStep, Item
from game.core.model import DECLARED, PLAYED, Evidence, Validation
from game.core.grading import budget_score, budget_total, ordering_score
from game.core.skills import PLAYED_CAP, compute_skill_map

IDS = ("O1", "O2", "O3", "O4", "C1", "C2", "C3", "C4", "RA1", "RA2", "RP1", "RP2")
PLAYER = "p1"

competences = st.sampled_from(IDS)
levels = st.integers(min_value=1, max_value=4)
timestamps = st.integers(min_value=0, max_value=3599).map(lambda n: f"2025-01-01T00:{n // 60:02d}:{n % 60:02d}Z")


def make_evidence(competence, level, source, n=0, created_at="2025-01-01T00:00:00Z"):
    return Evidence(player_id=PLAYER, session_id="s", competence=competence, level=level, source=source,
                    scenario_id="festival", step_id=f"step{n}", choice_id=f"c{n}", why={"fr": "f", "en": "e"},
                    created_at=created_at)


def make_validation(competence, level):
    return Validation(player_id=PLAYER, session_id="s", competence=competence, level=level, counsellor="Mme D")


evidence_st = st.builds(make_evidence, competences, levels, st.sampled_from((PLAYED, DECLARED)),
                        st.integers(0, 50), timestamps)
played_st = st.builds(make_evidence, competences, levels, st.just(PLAYED), st.integers(0, 50), timestamps)
declared_st = st.builds(make_evidence, competences, levels, st.just(DECLARED), st.integers(0, 50), timestamps)
validation_st = st.builds(make_validation, competences, levels)

evidence_lists = st.lists(evidence_st, max_size=30)
validation_lists = st.lists(validation_st, max_size=6)


def level_map(evidence, validations=()):
    m = compute_skill_map(IDS, evidence, validations)
    return {c: m.level_of(c) for c in IDS}


def full_map(evidence, validations=()):
    m = compute_skill_map(IDS, evidence, validations)
    return {c: (s.level, s.played, s.declared, s.validated, s.pending) for c in IDS for s in [m.status(c)]}


def top(items, competence):
    return max((x.level for x in items if x.competence == competence), default=0)


def counted(items, competence):
    """The rule written out: the highest level L such that 2 different steps showed L or more."""
    played = [e for e in items if e.competence == competence and e.source == PLAYED]
    return max((lv for lv in range(1, 5) if len({(e.scenario_id, e.step_id) for e in played if e.level >= lv}) >= 2), default=0)


# --------------------------------------------------------------------------- properties


@settings(max_examples=150, deadline=None)
@given(evidence_lists, validation_lists, st.randoms(use_true_random=False))
def test_order_does_not_matter(evidence, validations, rnd):
    before = full_map(evidence, validations)
    shuffled_ev, shuffled_v = list(evidence), list(validations)
    rnd.shuffle(shuffled_ev)
    rnd.shuffle(shuffled_v)
    assert full_map(shuffled_ev, shuffled_v) == before
    assert full_map(list(reversed(evidence)), list(reversed(validations))) == before


@settings(max_examples=150, deadline=None)
@given(evidence_lists, validation_lists, st.lists(evidence_st, min_size=1, max_size=10), st.lists(validation_st, max_size=3))
def test_more_evidence_never_lowers_a_level(evidence, validations, more, more_validations):
    before = level_map(evidence, validations)
    after = level_map(evidence + more, validations)
    after_both = level_map(more + evidence, validations + more_validations)
    for c in IDS:
        assert after[c] >= before[c], c
        assert after_both[c] >= after[c], c


@settings(max_examples=150, deadline=None)
@given(st.lists(played_st, max_size=30))
def test_played_evidence_alone_is_capped(played):
    m = compute_skill_map(IDS, played)
    for c in IDS:
        s = m.status(c)
        assert s.level <= PLAYED_CAP
        assert s.level == min(counted(played, c), PLAYED_CAP)
        assert s.played == top(played, c)  # the level shown is kept, for "pending"
        assert s.seen_once == (s.played if s.played > counted(played, c) else 0)
        assert s.validated == 0 and s.declared == 0
        assert s.level != 4


@settings(max_examples=150, deadline=None)
@given(evidence_lists, validation_lists)
def test_level_four_needs_a_validation(evidence, validations):
    m = compute_skill_map(IDS, evidence, validations)
    for c in IDS:
        if m.level_of(c) == 4:
            assert any(v.competence == c and v.level == 4 for v in validations)
        if m.level_of(c) > PLAYED_CAP:
            assert m.status(c).validated == m.level_of(c)


@settings(max_examples=150, deadline=None)
@given(st.lists(declared_st, max_size=30))
def test_declared_evidence_alone_gives_level_zero(declared):
    m = compute_skill_map(IDS, declared)
    assert m.reached() == []
    for c in IDS:
        s = m.status(c)
        assert s.level == 0
        assert s.declared == top(declared, c)
        assert s.played == 0
        assert s.declared_evidence == tuple(e for e in declared if e.competence == c)
        assert s.played_evidence == ()
        assert s.pending == s.declared  # told, waiting for the counsellor


@settings(max_examples=150, deadline=None)
@given(st.lists(declared_st, min_size=1, max_size=20), st.lists(played_st, max_size=10))
def test_declared_evidence_counts_once_validated(declared, played):
    validations = [make_validation(e.competence, e.level) for e in declared]
    m = compute_skill_map(IDS, declared + played, validations)
    for c in IDS:
        d = top(declared, c)
        assert m.level_of(c) == max(d, min(counted(played, c), PLAYED_CAP))
        assert m.level_of(c) >= d
        if d:
            assert m.status(c).pending == (top(played, c) if top(played, c) > m.level_of(c) else 0)


@settings(max_examples=200, deadline=None)
@given(evidence_lists, validation_lists)
def test_pending_is_above_the_level_exactly_when_something_is_above(evidence, validations):
    m = compute_skill_map(IDS, evidence, validations)
    for c in IDS:
        s = m.status(c)
        above = [e.level for e in evidence if e.competence == c and e.level > s.level]
        assert (s.pending > s.level) == bool(above)
        if above:
            assert s.pending == max(above)
        else:
            assert s.pending == 0


@settings(max_examples=150, deadline=None)
@given(evidence_lists, validation_lists)
def test_the_documented_rule(evidence, validations):
    m = compute_skill_map(IDS, evidence, validations)
    for c in IDS:
        p = counted(evidence, c)
        v = top(validations, c)
        assert m.level_of(c) == max(min(p, PLAYED_CAP), v)
        assert [s.competence for s in m.reached()] == [c for c in IDS if m.level_of(c) >= 1]
    assert [s.competence for s in m.statuses()] == list(IDS)


@settings(max_examples=100, deadline=None)
@given(st.lists(played_st, min_size=1, max_size=20))
def test_supporting_is_strongest_first(played):
    m = compute_skill_map(IDS, played)
    for c in IDS:
        sup = m.status(c).supporting()
        assert sorted(sup, key=lambda e: e.id) == sorted((e for e in played if e.competence == c), key=lambda e: e.id)
        assert [e.level for e in sup] == sorted((e.level for e in sup), reverse=True)


# --------------------------------------------------------------------------- hand-written examples


def test_examples_of_the_rule():
    ev = [
        make_evidence("O2", 1, PLAYED, 1),
        make_evidence("O2", 3, PLAYED, 2),
        make_evidence("O2", 2, PLAYED, 3),
        make_evidence("O3", 4, PLAYED, 4),
        make_evidence("RA2", 3, DECLARED, 5),
        make_evidence("C1", 2, DECLARED, 6),
        make_evidence("C1", 1, PLAYED, 7),
    ]
    ev += [make_evidence("O3", 3, PLAYED, 8), make_evidence("C1", 1, PLAYED, 9)]
    m = compute_skill_map(IDS, ev)
    # 3, 2 and 1 in 3 steps: level 2 is shown in 2 situations, level 3 in one only ("vu une fois")
    assert m.level_of("O2") == 2 and m.status("O2").seen_once == 3 and m.status("O2").pending == 3
    assert m.level_of("O3") == 3 and m.status("O3").pending == 4          # 4 and 3 shown: 3 counts, 4 waits
    assert m.level_of("RA2") == 0 and m.status("RA2").declared == 3 and m.status("RA2").pending == 3
    assert m.level_of("C1") == 1 and m.status("C1").pending == 2          # told above what was played
    assert m.level_of("O1") == 0 and m.status("O1").pending == 0
    assert [s.competence for s in m.reached()] == ["O2", "O3", "C1"]
    o2 = m.status("O2")
    assert [o2.once(e) for e in o2.supporting()] == [True, False, False]

    m = compute_skill_map(IDS, ev, [make_validation("O3", 4), make_validation("RA2", 3), make_validation("C4", 2)])
    assert m.level_of("O3") == 4 and m.status("O3").pending == 0
    assert m.level_of("RA2") == 3 and m.status("RA2").pending == 0
    assert m.level_of("C4") == 2                                        # a validation alone counts
    assert m.level_of("C1") == 1 and m.status("C1").pending == 2

    # a lower validation does not lower what was played; the counsellor confirming a level seen once
    m = compute_skill_map(IDS, ev, [make_validation("O2", 1)])
    assert m.level_of("O2") == 2
    m = compute_skill_map(IDS, ev, [make_validation("O2", 3)])
    assert m.level_of("O2") == 3 and m.status("O2").seen_once == 0


def test_a_level_shown_once_is_seen_once_until_a_second_situation():
    once = [make_evidence("RA2", 3, PLAYED, 1)]
    m = compute_skill_map(IDS, once)
    assert m.level_of("RA2") == 0 and m.status("RA2").seen_once == 3 and m.reached() == []
    # the same step again (a scenario replayed) is the same situation
    again = once + [Evidence(**{**once[0].__dict__, "id": "other", "choice_id": "c9"})]
    assert compute_skill_map(IDS, again).level_of("RA2") == 0
    # a second situation, even at a lower level, makes that lower level count
    m = compute_skill_map(IDS, once + [make_evidence("RA2", 2, PLAYED, 2)])
    assert m.level_of("RA2") == 2 and m.status("RA2").seen_once == 3


def test_unknown_competences_and_sources_are_ignored():
    ev = [make_evidence("ZZ9", 4, PLAYED), make_evidence("O1", 4, "rumour")]
    m = compute_skill_map(IDS, ev, [make_validation("ZZ9", 4)])
    assert all(m.level_of(c) == 0 for c in IDS)
    assert m.level_of("ZZ9") == 0
    with pytest.raises(KeyError):
        m.status("ZZ9")


def test_empty_map():
    m = compute_skill_map(IDS, [])
    assert m.reached() == []
    assert all(s.level == 0 and s.pending == 0 for s in m.statuses())


# --------------------------------------------------------------------------- ordering_score


BEST = ["bonjour", "billet", "sac", "bracelet", "plan"]


def test_ordering_perfect_reversed_and_one_swap():
    assert ordering_score(BEST, BEST) == 1.0
    assert ordering_score(BEST, list(reversed(BEST))) == 0.0
    one_swap = ["billet", "bonjour", "sac", "bracelet", "plan"]
    assert ordering_score(BEST, one_swap) == pytest.approx(9 / 10)     # 1 pair of 10 inverted
    far_swap = ["plan", "billet", "sac", "bracelet", "bonjour"]
    assert ordering_score(BEST, far_swap) == pytest.approx(3 / 10)     # 7 of 10 pairs inverted
    assert ordering_score(["a", "b"], ["b", "a"]) == 0.0
    assert ordering_score(["a", "b", "c"], ["a", "c", "b"]) == pytest.approx(2 / 3)


def test_ordering_ignores_unknown_items_and_trivial_orders():
    assert ordering_score(BEST, ["intrus", *BEST, "autre"]) == 1.0
    assert ordering_score(BEST, ["plan"]) == 1.0
    assert ordering_score(BEST, []) == 1.0


@settings(max_examples=100, deadline=None)
@given(st.permutations(BEST))
def test_ordering_score_is_the_share_of_pairs_in_order(given_order):
    rank = {x: i for i, x in enumerate(BEST)}
    inversions = sum(1 for i in range(5) for j in range(i + 1, 5) if rank[given_order[i]] > rank[given_order[j]])
    score = ordering_score(BEST, given_order)
    assert score == pytest.approx(1 - inversions / 10)
    assert 0.0 <= score <= 1.0
    assert ordering_score(BEST, list(reversed(given_order))) == pytest.approx(1 - score)


# --------------------------------------------------------------------------- budget_score


def budget_step(budget=50):
    items = (
        Item("pain", {"fr": "Pain", "en": "Bread"}, price=10, essential=True),
        Item("eau", {"fr": "Eau", "en": "Water"}, price=5, essential=True),
        Item("fruits", {"fr": "Fruits", "en": "Fruit"}, price=15, essential=True),
        Item("bonbons", {"fr": "Bonbons", "en": "Sweets"}, price=20),
        Item("gateau", {"fr": "Gâteau", "en": "Cake"}, price=30),
    )
    return BudgetStep(id="courses", text={"fr": "Courses", "en": "Shopping"}, next="end", items=items, budget=budget)


def test_budget_all_essentials_within_budget():
    step = budget_step()
    assert budget_total(step, ["pain", "eau", "fruits"]) == 30
    assert budget_score(step, ["pain", "eau", "fruits"]) == 1.0
    assert budget_score(step, ["pain", "eau", "fruits", "bonbons"]) == 1.0      # exactly the budget: 50
    assert budget_score(budget_step(30), ["pain", "eau", "fruits"]) == 1.0


def test_budget_over_budget_halves():
    step = budget_step()
    assert budget_total(step, ["pain", "eau", "fruits", "gateau"]) == 60
    assert budget_score(step, ["pain", "eau", "fruits", "gateau"]) == 0.5
    assert budget_score(budget_step(29), ["pain", "eau", "fruits"]) == 0.5
    assert budget_score(step, ["pain", "bonbons", "gateau"]) == pytest.approx((1 / 3) / 2)


def test_budget_missing_essentials():
    step = budget_step()
    assert budget_score(step, ["pain", "eau"]) == pytest.approx(2 / 3)
    assert budget_score(step, ["pain"]) == pytest.approx(1 / 3)
    assert budget_score(step, ["bonbons", "gateau"]) == 0.0
    assert budget_score(step, []) == 0.0
    assert budget_score(step, ["pain", "pain", "inconnu"]) == pytest.approx(1 / 3)


def test_budget_without_essentials():
    step = BudgetStep(id="b", text={"fr": "x", "en": "x"}, next="end",
                items=(Item("a", {"fr": "a", "en": "a"}, price=10),), budget=5)
    assert budget_score(step, []) == 1.0
    assert budget_score(step, ["a"]) == 0.5
