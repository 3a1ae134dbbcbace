"""One way to build a skill map from the store: a player's whole map, or what one session gave."""
from __future__ import annotations

from game.core.model import PLAYED, Evidence, Validation
from game.services.skillmap import skill_map
from game.store.sqlite import Store
from referential import load_referential

REF = load_referential()


def evidence(player, session, competence, level, step="a"):
    return Evidence(player.id, session.id, competence, level, PLAYED, "festival", f"s-{competence}-{level}-{step}", "c",
                    {"fr": "x", "en": "x"})


def test_whole_map_and_one_sessions_map(tmp_path):
    store = Store.open(tmp_path)
    noe = store.create_player("Noé")
    monday, tuesday = store.start_session("solo", [noe.id]), store.start_session("solo", [noe.id])
    store.record_evidence([evidence(noe, monday, "O1", 2), evidence(noe, monday, "O1", 2, "b"),   # 2 situations: it counts
                           evidence(noe, tuesday, "O3", 1), evidence(noe, tuesday, "O3", 1, "b"),
                           evidence(noe, tuesday, "RA2", 3)])                                      # one: seen once
    store.add_validation(Validation(noe.id, tuesday.id, "O1", 4, "Mme Durand"))
    whole = skill_map(store, REF, noe.id)
    assert whole.level_of("O1") == 4 and whole.level_of("O3") == 1
    assert whole.level_of("RA2") == 0 and whole.status("RA2").seen_once == 3
    on_monday = skill_map(store, REF, noe.id, monday.id)
    assert on_monday.level_of("O1") == 2 and on_monday.level_of("O3") == 0   # Tuesday's validation is not Monday's
    on_tuesday = skill_map(store, REF, noe.id, tuesday.id)
    assert on_tuesday.level_of("O1") == 4 and on_tuesday.level_of("O3") == 1
    assert [s.competence for s in whole.statuses()] == list(REF.ids())
    store.close()
