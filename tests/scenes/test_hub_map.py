"""The hub's map with many scenarios (issue 19's author report: with 18 scenarios the 4th house covered the
Mission Locale tile and a tile spilled past the map's right edge). Laid out with the two outside authors'
scenarios added to the bundled library, at 1024x768 and 1920x1080 and every text size: no two tiles (nor
their number badges) overlap, every tile is on the map, every card and button on screen."""
from __future__ import annotations

import itertools

import pygame
import pytest

from game.content.scenarios import SCENARIO_DIR, check_library
from game.services.settings import TEXT_SCALES
from game.ui.play_panel import MapSpot, map_layout
from scenes import scene_class
from tests.conftest import ROOT

AUTHOR = ROOT / "tests" / "data" / "author"
CASES = list(itertools.product(((1024, 768), (1280, 720), (1920, 1080)), TEXT_SCALES))


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    from game.services.context import open_services

    pygame.display.init()
    pygame.font.init()
    services = open_services(tmp_path_factory.mktemp("hub") / "data")
    library, problems = check_library([SCENARIO_DIR, AUTHOR], services.referential, with_catalogue=False, remember=False)
    assert problems == [] and len(library.scenarios) == 18
    services.library = library
    yield services
    services.close()


def _marks(box: pygame.Rect) -> pygame.Rect:
    """A tile with its number badge (top left, 8 px out) and its star and dots around it."""
    return pygame.Rect(box.left - 8, box.top - 8, box.width + 16, box.height + 20)


@pytest.mark.parametrize("case", CASES, ids=[f"{w}x{h}-{s}" for (w, h), s in CASES])
def test_eighteen_scenarios_never_overlap_on_the_hub(services, case):
    from game.ui.app import App

    window, scale = case
    services.settings.text_scale = scale
    app = App(services, window, scenes=scene_class)
    app.play = services.start_solo(services.create_player("Élodie", "fr"))
    app.show("hub")
    app.frame([], 1 / 60)
    hub = app.top
    screen = pygame.Rect((0, 0), app.size)
    for page in range(len(hub.page_ids)):  # every page of cards, and the map beside it
        hub.page = page
        hub.build()
        app.frame([], 1 / 60)
        for b in hub.buttons:
            assert screen.contains(b.rect), (page, b.label)
        for a, b in itertools.combinations(hub.cards, 2):
            assert not a.rect.colliderect(b.rect), (a.label, b.label)
        if not hub.map_width():
            continue
        rect, spots = hub.map_spots()
        assert len(spots) == 18
        size, boxes = map_layout(rect, spots)
        assert size >= 24
        for box in boxes:
            assert rect.contains(_marks(box)), box
        for (i, a), (j, b) in itertools.combinations(enumerate(boxes), 2):
            assert not _marks(a).colliderect(b), (spots[i].picture, spots[j].picture)
    assert sum(len(ids) for ids in hub.page_ids) == 18


def test_a_crowded_place_and_a_tiny_map_still_pack_without_overlap():
    """40 scenarios in one place: side by side, nearest first, the tiles shrinking to fit."""
    spots = [MapSpot(0.9, 0.1, "house", n, False, (), False) for n in range(40)]
    rect = pygame.Rect(0, 0, 460, 520)
    size, boxes = map_layout(rect, spots)
    assert len(boxes) == 40 and size < 60
    for a, b in itertools.combinations(boxes, 2):
        assert not a.colliderect(b)
    assert all(rect.contains(b) for b in boxes)
    assert boxes[0].centerx > rect.centerx and boxes[0].centery < rect.centery  # the first where it belongs
