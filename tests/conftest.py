"""Tests never open a window: SDL dummy drivers for every test."""
import contextlib
import os
import sys
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# scenario files found valid are remembered between loads: in the tests, in a folder of their own
os.environ.setdefault("DIVA_CACHE_DIR", __import__("tempfile").mkdtemp(prefix="diva-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.store.sqlite import Store  # noqa: E402  (once the project is on the path)


@contextlib.contextmanager
def reopened_with_a_player(folder: Path, name: str):
    """A store given one player, closed and opened again (what a restart does): (store, player)."""
    store = Store.open(folder)
    player = store.create_player(name)
    store.close()
    store = Store.open(folder)
    try:
        assert store.recovered_from is None
        yield store, player
    finally:
        store.close()


def solo_app(tmp_path: Path, name: str, window=(1280, 720)):
    """(app, services): the game's window (headless) with one player playing alone, at the scenario list."""
    import pygame

    from game.services.context import open_services
    from game.ui.app import App
    from scenes import scene_class
    from scenes.menus.players import begin_solo

    pygame.display.init()
    pygame.font.init()
    services = open_services(tmp_path / "data")
    app = App(services, window, scenes=scene_class)
    begin_solo(app, services.create_player(name, "fr"))
    if app.top.name == "strengths":  # a first session asks "what are you good at?" first: nothing picked, on to the list
        app.top.done()
    return app, services
