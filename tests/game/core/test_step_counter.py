"""The step counter "Étape 4 sur 6" (issue 19's author report): a step skipped by only_if/unless must not
be counted, so the total never shrinks under the player ("Étape 1 sur 7" then "Étape 4 sur 6"); it may
only grow when the player takes a longer branch, and it ends on the number of steps they played."""
from __future__ import annotations

import itertools

import pytest

from game.content.scenarios import SCENARIO_DIR, check_scenario_file
from game.core.scenario import END
from referential import load_referential
from tests.conftest import ROOT

FILES = sorted(SCENARIO_DIR.glob("*.yaml")) + sorted((ROOT / "tests" / "data" / "author").glob("*.yaml"))
MAX_PATHS = 400


def totals_on_every_path(scenario):
    """For each way through (at most MAX_PATHS), the total the counter shows at each step played."""
    def walk(step_id, flags, played, totals):
        step_id = scenario.resolve(step_id, flags)
        if step_id == END:
            yield played, totals
            return
        total = played + scenario.played_steps_to_end(step_id, flags)  # what progress() shows: position - 1 + left
        step = scenario.steps[step_id]
        for choice in getattr(step, "choices", ()) or [None]:
            yield from walk(choice.next if choice else step.next, flags | set(choice.sets if choice else ()),
                            played + 1, totals + [total])
    return itertools.islice(walk(scenario.start, frozenset(), 0, []), MAX_PATHS)


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_the_total_never_shrinks_and_ends_on_the_steps_played(path):
    scenario, problems = check_scenario_file(path, load_referential())
    assert problems == []
    for played, totals in totals_on_every_path(scenario):
        assert totals == sorted(totals), (path.stem, totals)
        assert totals[-1] == played, (path.stem, totals, played)


def test_the_strike_scenario_says_6_steps_from_the_start():
    scenario, _ = check_scenario_file(ROOT / "tests" / "data" / "author" / "greve-entretien.yaml", load_referential())
    assert scenario.played_steps_to_end(scenario.start) == 6
    assert {tuple(t) for _, t in totals_on_every_path(scenario)} == {(6,) * 6}
