"""The skill map as a picture: a PNG and a one-page PDF a player can add to a CV or print.

`write_portfolio` computes a player's map and writes `<slug>-carte.png` and
`<slug>-portfolio.pdf`; the game's skill map screen and `diva portfolio` both use it.
pygame is imported lazily (the PNG needs a display, even a dummy one).
"""
from __future__ import annotations

import datetime as _dt
import os
import re
import sys
import unicodedata
from pathlib import Path

from game.model import Player
from game.skills import compute_skill_map

FOLDER = "portfolios"  # inside the data folder, for the game's button


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


def write_portfolio(services, player: Player, out_dir: Path, lang: str | None = None,
                    day: _dt.date | None = None) -> list[Path]:
    """Write the player's PNG map and PDF portfolio into out_dir; returns [png, pdf]."""
    from export.portfolio import build_portfolio_pdf, format_date
    from game.ui.fonts import Fonts
    from game.ui.icons import Icons
    from game.ui.portfolio_png import render_skill_map_png
    from game.ui.theme import PALETTES

    ref = services.referential
    store = services.store
    lang = lang or services.i18n.lang
    skill_map = compute_skill_map(ref.ids(), store.evidence_for(player.id), store.validations_for(player.id))
    date = format_date(day or _dt.date.today(), lang)
    stem = file_stem(player, store.list_players())
    out_dir = Path(out_dir)
    png = render_skill_map_png(out_dir / f"{stem}-carte.png", player_name=player.display_name, lang=lang,
                               referential=ref, skill_map=skill_map, fonts=Fonts(), icons=Icons(),
                               palette=PALETTES["standard"], date=date)
    titles = {s.id: dict(s.title) for s in services.library.scenarios}
    pdf = build_portfolio_pdf(out_dir / f"{stem}-portfolio.pdf", player_name=player.display_name, lang=lang,
                              referential=ref, skill_map=skill_map, scenario_titles=titles, date=date,
                              cv_lines=services.cv_lines())
    return [png, pdf]


def run_portfolio(args) -> int:
    """`diva portfolio`: write each chosen player's PNG and PDF, print their paths."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # stdout holds only the paths
    import pygame

    from game.app import open_game

    services = open_game("portfolio", args.data_dir, args.lang)
    if services is None:
        return 1
    try:
        players = services.store.list_players()
        chosen = find_players(players, args.player) if args.player else players
        if not chosen:
            what = f"unknown player '{args.player}'" if args.player else "no player yet"
            print(f"portfolio: {what} in {services.data_dir}", file=sys.stderr)
            return 1
        out_dir = Path(args.out) if args.out else services.data_dir / FOLDER
        for player in chosen:
            try:
                paths = write_portfolio(services, player, out_dir, args.lang or player.lang)
            except OSError as exc:
                print(f"portfolio: cannot write into {out_dir}: {exc.strerror or exc}", file=sys.stderr)
                return 1
            for path in paths:
                print(path)
        return 0
    finally:
        services.close()
        pygame.quit()
