"""Where a player's portfolio goes and how its files are named (game.ui.portfolio draws them)."""
from __future__ import annotations

import re
import unicodedata

from game.core.model import Player

FOLDER = "portfolios"  # inside the data folder, for the game's button
PORTFOLIO_FILES = "portfolio_files"  # per player (setting scope): the file names written in FOLDER, for "forget me"


def name_slug(text: str) -> str:
    """A file-name-safe form of a name: "Élodie N." -> "elodie-n" (accents folded)."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def file_stem(player: Player, players: list[Player]) -> str:
    """The player's name as a slug; the id is added when another player has the same slug."""
    stem = name_slug(player.display_name)
    twins = [p for p in players if p.id != player.id and name_slug(p.display_name) == stem]
    if not stem or twins:
        stem = f"{stem}-{player.id[:8]}".strip("-")
    return stem


def find_players(players: list[Player], wanted: str) -> list[Player]:
    """Players whose id is `wanted`, else whose name is `wanted` (case and accents ignored)."""
    by_id = [p for p in players if p.id == wanted]
    if by_id:
        return by_id
    key = name_slug(wanted)
    return [p for p in players if p.display_name.casefold() == wanted.casefold()
            or (key and name_slug(p.display_name) == key)]
