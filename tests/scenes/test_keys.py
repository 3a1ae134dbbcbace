"""Moving on and answering never share a key press (issue 21): a clicker's or Enter's press that moves
on never picks an answer, and a key held through a change of screen does nothing on the new one."""
from __future__ import annotations

import pygame
import pytest

from tests.conftest import solo_app


def _down(key, unicode=""):
    return pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode=unicode, scancode=0)


def _up(key):
    return pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)


@pytest.fixture
def dialogue(tmp_path):
    """A player at the first step (a dialogue) of a scenario, its answers on screen."""
    app, services = solo_app(tmp_path, "Yanis")
    scenario = next(s for s in services.library.scenarios if s.steps[s.start].kind == "dialogue")
    app.top.start(scenario)
    app.frame([], 1 / 60)
    if app.top.reading:
        app.top.show_answers()
        app.frame([], 1 / 60)
    yield app, services
    services.close()


def test_enter_or_page_down_never_pick_the_first_answer_by_themselves(dialogue):
    app, services = dialogue
    scene = app.top
    assert scene.name == "dialogue" and scene.buttons[scene.focus].key_hint == 1
    for key in (pygame.K_RETURN, pygame.K_PAGEDOWN):
        app.frame([_down(key), _up(key)], 1 / 60)
    assert app.play.recorded == [] and scene.reply is None        # nothing answered
    app.frame([_down(pygame.K_DOWN), _up(pygame.K_DOWN), _down(pygame.K_UP), _up(pygame.K_UP)], 1 / 60)
    app.frame([_down(pygame.K_RETURN), _up(pygame.K_RETURN)], 1 / 60)   # the focus chosen, then Enter: answered
    assert app.play.recorded


def test_a_key_held_through_a_new_step_does_nothing_on_it(dialogue):
    app, services = dialogue
    scene = app.top
    app.frame([_down(pygame.K_1, "1"), _up(pygame.K_1)], 1 / 60)    # answer 1 with its number
    answered = len(app.play.recorded)
    assert answered and scene.reply
    step = app.play.step.id
    # Enter moves on (the reply's Continue), then is held: its repeats reach the next screen
    app.frame([_down(pygame.K_RETURN)], 1 / 60)
    assert app.play.step.id != step or app.top is not scene
    new = (id(app.top), app.top.step_key())
    if app.top.buttons:
        app.top.focus_chosen = True                                # even a focused answer is not picked
    app.frame([_down(pygame.K_RETURN), _down(pygame.K_RETURN)], 1 / 60)
    assert (id(app.top), app.top.step_key()) == new and len(app.play.recorded) == answered
    app.frame([_up(pygame.K_RETURN)], 1 / 60)                      # released: the next press is a new one
    app.frame([_down(pygame.K_RETURN), _up(pygame.K_RETURN)], 1 / 60)
    assert (id(app.top), app.top.step_key()) != new or len(app.play.recorded) > answered


def test_the_last_answer_can_be_undone_until_the_next_step_starts(dialogue):
    app, services = dialogue
    scene, step = app.top, app.play.step.id
    player = app.play.active_player
    app.frame([_down(pygame.K_1, "1"), _up(pygame.K_1)], 1 / 60)
    if not scene.reply:
        pytest.skip("this first answer has no reply: the next step starts at once")
    stored = lambda: [e for e in services.store.evidence_for(player.id) if e.step_id == step]  # noqa: E731
    assert stored()
    undo = next(b for b in app.top.buttons if b.label == services.i18n.t("step.undo"))
    undo.action()
    app.frame([], 1 / 60)
    assert stored() == [] and app.play.recorded == []                 # the answer is not evidence any more
    assert app.play.step.id == step and app.top.name == "dialogue" and app.top.reply is None
    assert services.store.progress_of(player.id, app.play.scenario.id) == (step, False)   # saved: resumes here
    app.frame([_down(pygame.K_2, "2"), _up(pygame.K_2)], 1 / 60)       # another answer instead
    assert len({e.choice_id for e in stored()}) == 1 and stored()
