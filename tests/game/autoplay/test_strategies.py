"""The synthetic players' strategies: which answer each one takes, and that they drive the real scenes."""
from __future__ import annotations

import pytest

from game.autoplay.bot import STRATEGIES, Bot
from game.autoplay.screens import SCREENS, events_for
from scenes import SCENES, scene_class

LABELS = ["Oui", "Je demande d'abord à ma tutrice ce qu'elle en pense", "Non merci", "Peut-être plus tard"]


def bot(strategy: str, seed: int = 0) -> Bot:
    return Bot(strategy, seed, plan=[], name="Test")


def test_first_longest_and_shortest_take_the_answer_they_say():
    assert bot("first").choose(LABELS) == 0
    assert bot("longest").choose(LABELS) == 1
    assert bot("shortest").choose(LABELS) == 0          # "Oui": the shortest, the first of equals
    assert bot("shortest").choose(["abc", "ab", "xy"]) == 1
    assert bot("longest").choose(["ab", "cd"]) == 0      # a tie goes to the first shown


def test_random_is_seeded_and_covers_every_answer():
    picks = [bot("random", seed).choose(LABELS) for seed in range(40)]
    assert set(picks) == {0, 1, 2, 3}
    assert picks == [bot("random", seed).choose(LABELS) for seed in range(40)]


def test_votes_follow_the_strategy_each_participant_on_their_own():
    assert bot("longest").vote("p1", LABELS) == 1 and bot("shortest").vote("p2", LABELS) == 0
    b = bot("random", 3)
    assert [b.vote(f"p{i}", LABELS) for i in range(12)] == [bot("random", 3).vote(f"p{i}", LABELS) for i in range(12)]


def test_only_random_takes_random_side_decisions():
    assert [bot(s).randomised for s in STRATEGIES] == [s == "random" for s in STRATEGIES]


def test_memo_lives_with_the_screen_not_on_it():
    class Screen:
        pass

    b, screen = bot("first"), Screen()
    b.memo(screen)["wanted"] = {"O1"}
    assert b.memo(screen) == {"wanted": {"O1"}} and vars(screen) == {}
    del screen
    assert len(b._memos) == 0


@pytest.mark.parametrize("name", sorted(SCENES))
def test_every_screen_a_player_meets_has_its_synthetic_input(name):
    """Every scene class but the counsellor's tools and the menus a bot never opens is played from outside."""
    never_played = {"issuer", "player_admin", "pause", "settings", "error"}
    cls = scene_class(name)
    assert any(c in SCREENS for c in cls.__mro__) or name in never_played
    assert not hasattr(cls, "auto_events"), f"{name}: bot input belongs in game.autoplay"


def test_a_screen_without_synthetic_input_gives_none():
    class Other:
        pass

    assert events_for(Other(), bot("first")) == []
