"""The layout probe over the whole matrix of issue 21: every text size x window size from 1024x768 to
1920x1080 x both fonts. The menus and dialog boxes (which autoplay does not open) are probed
directly here; the played screens by autoplay, one scenario per combination (every scenario at
every combination takes too long for `make test`: tests/scenes/test_accessibility.py plays them
all at the usual sizes)."""
from __future__ import annotations

import itertools

import pygame
import pytest

from game.services.settings import TEXT_SCALES
from scenes import scene_class

from test_accessibility import LayoutProbe, _check, run_probed

WINDOWS = ((1024, 768), (1280, 720), (1366, 768), (1920, 1080))
FONTS = (False, True)   # Atkinson Hyperlegible, OpenDyslexic
MATRIX = list(itertools.product(WINDOWS, TEXT_SCALES, FONTS))
MENUS = ("title", "settings", "sound_settings", "pause")


def _ids(case):
    (w, h), scale, dyslexic = case
    return f"{w}x{h}-{scale}-{'dyslexic' if dyslexic else 'atkinson'}"


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    from game.services.context import open_services

    pygame.display.init()
    pygame.font.init()
    services = open_services(tmp_path_factory.mktemp("matrix") / "data")
    yield services
    services.close()


@pytest.mark.parametrize("case", MATRIX, ids=[_ids(c) for c in MATRIX])
def test_menus_and_dialog_boxes_fit_at_every_size(services, case):
    from game.ui.app import App

    window, scale, dyslexic = case
    services.settings.text_scale, services.settings.dyslexic_font = scale, dyslexic
    app = App(services, window, scenes=scene_class)
    probe = LayoutProbe(app)
    app.show("title")
    app.frame([], 1 / 60)
    for name in MENUS[1:]:
        app.push(name)
        app.frame([], 1 / 60)
        done = app.top.buttons[-1]
        assert pygame.Rect((0, 0), app.size).contains(done.rect), f"{name}: {done.label!r} leaves the screen"
        app.back()
        app.frame([], 1 / 60)
    assert {s.split(":")[0] for s in probe.screens} >= set(MENUS)
    _check(probe.report(), _ids(case))


PLAYED = [(w, s, d) for (w, s, d) in MATRIX if s == TEXT_SCALES[-1] or w == (1366, 768)]


@pytest.mark.parametrize("case", PLAYED, ids=[_ids(c) for c in PLAYED])
def test_played_screens_fit_at_every_size(tmp_path, case):
    window, scale, dyslexic = case
    code, problems, probe = run_probed(window, scale=scale, dyslexic=dyslexic, scenario="retard",
                                       data_dir=tmp_path / "a")
    assert code == 0
    assert {s.split(":")[0] for s in probe.screens} >= {"title", "dialogue", "skillmap"}
    _check(problems, _ids(case))


def test_every_scenario_fits_at_the_largest_text_with_the_dyslexia_font_at_1024x768(tmp_path):
    """The tightest combination (the widest font, the largest text, 4:3), every scenario played."""
    code, problems, probe = run_probed((1024, 768), scale=TEXT_SCALES[-1], dyslexic=True, data_dir=tmp_path / "a")
    assert code == 0
    assert len(probe.screens) > 300
    _check(problems, "1024x768, largest text, dyslexia font")

