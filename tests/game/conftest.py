"""Fixtures the game's tests share: a fresh store, a bundled scenario checked on the way in."""
from __future__ import annotations

import pytest

import referential
from game.content.scenarios import SCENARIO_DIR, check_scenario_file
from game.store.sqlite import Store


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "data")
    yield s
    s.close()


@pytest.fixture(scope="module")
def retard():
    """The scenario whose story follows the player (flags), loaded as the game loads it."""
    scenario, problems = check_scenario_file(SCENARIO_DIR / "retard.yaml", referential.load_referential())
    assert problems == []
    return scenario
