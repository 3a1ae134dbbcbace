"""Group sessions: how each participant is recognised on a shared screen, and votes."""
from __future__ import annotations

from collections import Counter
from typing import Iterable

# Six dark colours (white icons on them pass 4.5:1) and 30 icons: a participant is
# recognised by the icon first, the colour second (never by colour alone).
COLOURS = ("#1d4f91", "#a3320b", "#1e6b3a", "#6b2d8f", "#005f73", "#8a1c52")
ICONS = ("star", "heart", "moon", "sun", "bolt", "leaf", "flame", "diamond", "clover", "music", "anchor", "planet",
         "feather", "crown", "cat", "dog", "fish", "tree", "mountain", "rocket", "key", "bell", "camera", "flower",
         "snowflake", "cloud", "ghost", "pizza", "apple", "cherry")
MIN_PARTICIPANTS, MAX_PARTICIPANTS = 2, 30


def identity(index: int) -> tuple[str, str]:
    """(colour, icon) of the participant at this position; distinct icons for up to 30."""
    return COLOURS[index % len(COLOURS)], ICONS[index % len(ICONS)]


def majority(votes: Iterable[int], options: int) -> int:
    """The option most chosen; a tie goes to the first of the tied options (stable, explainable)."""
    counts = Counter(votes)
    if not counts:
        return 0
    best = max(counts.values())
    return min(i for i in range(options) if counts.get(i, 0) == best)


def next_voter(order: list[str], votes: dict[str, int]) -> str | None:
    """The first participant (in order) who has not voted yet."""
    return next((pid for pid in order if pid not in votes), None)
