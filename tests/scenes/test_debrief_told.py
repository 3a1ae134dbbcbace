"""The debrief's transfer answered by telling a moment (issue 19): the player writes a few words in the
game's text field; it is kept as a told experience of what their chosen moment showed, reaches the
counsellor's validation screen with their words, and once the counsellor confirms it, it counts
(a played level seen in one situation only does not, until then)."""
from __future__ import annotations

import pygame
import pytest

from game.core.grading import grade_dialogue
from game.core.model import DECLARED
from game.core.skills import compute_skill_map
from tests.conftest import solo_app

TOLD = "Au foot, j'ai prévenu le coach   quand le bus n'est pas venu."


def typing(text: str) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.TEXTINPUT, text=ch, window=None) for ch in text]


def enter() -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=0, unicode="\r", scancode=0)]


def at_the_transfer(app, services, choice_index: int | None = None):
    """`retard` answered at its first step (`choice_index`, else the first answer with evidence), then
    its debrief up to the transfer: (scene, the choice answered)."""
    from game.core.debrief import reasons_for

    scenario = services.library.scenario("retard")
    play = app.play
    play.start(scenario)
    step = scenario.step("bus")
    choice = step.choices[choice_index] if choice_index is not None else next(c for c in step.choices if c.evidence)
    play.step_id = step.id
    play.record_answer(play.active_player, grade_dialogue(step, choice))
    scene = app.show("debrief")
    scene.pick_moment(scene.moments[0])
    scene.pick_reason(reasons_for(scene.moment)[0])
    while scene.phase != "transfer":
        next(b for b in scene.buttons if b.kind == "nav-primary").action()
    return scene, choice


def test_a_moment_told_is_kept_and_the_counsellor_can_confirm_it(tmp_path):
    app, services = solo_app(tmp_path, "Inès")
    try:
        play = app.play
        player = play.active_player
        ids = services.referential.ids()
        scene, choice = at_the_transfer(app, services)
        shown = {(e.competence, e.level) for e in choice.evidence}
        answered = compute_skill_map(ids, services.store.evidence_for(player.id))
        assert all(answered.level_of(c) == 0 for c, _ in shown)        # one situation: seen once, not counted
        tell = services.i18n.t("debrief.tell")
        next(b for b in scene.buttons if b.label == tell).action()
        app.frame([], 1 / 60)
        assert scene.phase == "tell" and scene.takes_text
        keep = next(b for b in scene.buttons if b.label == services.i18n.t("debrief.tell_keep"))
        keep.action()                                                   # nothing written yet: said, nothing kept
        assert scene.phase == "tell" and scene.message == services.i18n.t("debrief.tell_empty")
        app.frame(typing("1"), 1 / 60)
        assert scene.field.text == "1" and scene.phase == "tell"        # a digit is text here, not answer 1
        scene.field.text = ""
        app.frame(typing(TOLD), 1 / 60)
        app.frame(enter(), 1 / 60)
        assert scene.phase == "elsewhere" and scene.field is None
        kept = " ".join(TOLD.split())
        assert kept in app.screen_text

        told = [e for e in services.store.evidence_for(player.id) if e.source == DECLARED]
        assert {(e.competence, e.level) for e in told} == shown
        assert all(kept in e.why["fr"] and kept in e.why["en"] for e in told)
        assert all(e.choice_id == f"transfer:bus:{choice.id}:{scene.reason}:told" for e in told)

        # the counsellor's validation screen: the words first, with the answer looked back on
        items = services.validation_items(player, play.session, "fr")
        item = next(i for i in items if i.competence == choice.evidence[0].competence)
        line = item.lines[0]
        assert line.told and kept in line.why and line.answer == choice.text["fr"]
        app.counsellor_unlocked = True
        validate = app.show("validate", player_id=player.id)
        validate.index = [i.competence for i in validate.items].index(item.competence)
        validate.start_item()
        app.frame([], 1 / 60)
        assert kept.replace("'", "’") in app.screen_text or kept in app.screen_text
        assert validate.level == item.proposed == choice.evidence[0].level
        validate.name_field.text = "Mme Durand"
        validate.confirm()                                              # the counsellor confirms it
        after = compute_skill_map(ids, services.store.evidence_for(player.id), services.store.validations_for(player.id))
        assert after.level_of(item.competence) == item.proposed
    finally:
        services.close()


def test_going_back_from_telling_keeps_what_was_written_and_records_nothing(tmp_path):
    app, services = solo_app(tmp_path, "Yanis")
    try:
        player = app.play.active_player
        scene, _ = at_the_transfer(app, services, 0)
        scene.start_telling()
        app.frame(typing("Chez moi"), 1 / 60)
        next(b for b in scene.buttons if b.label == services.i18n.t("debrief.tell_back")).action()
        assert scene.phase == "transfer" and scene.field is None
        assert not [e for e in services.store.evidence_for(player.id) if e.source == DECLARED]
        scene.start_telling()
        assert scene.field.text == "Chez moi"
    finally:
        services.close()


@pytest.mark.parametrize("window, dyslexic, lang", [((1024, 768), True, "fr"), ((1024, 768), False, "en"), ((1920, 1080), False, "fr")])
def test_telling_a_moment_fits_at_the_largest_text(tmp_path, window, dyslexic, lang):
    """The "tell" screen (empty, said so, a long text wrapped under its field) and what follows, probed."""
    from game.services.settings import TEXT_SCALES
    from test_accessibility import LayoutProbe, _check

    app, services = solo_app(tmp_path, "Inès", window)
    try:
        services.settings.text_scale, services.settings.dyslexic_font, services.settings.lang = TEXT_SCALES[-1], dyslexic, lang
        app.apply_settings()
        probe = LayoutProbe(app)
        scene, _ = at_the_transfer(app, services, 0)
        app.frame([], 1 / 60)
        scene.start_telling()
        app.frame([], 1 / 60)
        scene.keep_told()
        app.frame([], 1 / 60)
        app.frame(typing("Au foot, j'ai prévenu le coach quand le bus n'est pas venu, puis j'ai pris le suivant."), 1 / 60)
        app.frame(enter(), 1 / 60)
        assert scene.phase == "elsewhere"
        assert {s.split(":")[0] for s in probe.screens} >= {"debrief"}
        _check(probe.report(), f"{window} {lang}")
    finally:
        services.close()


LONG = ("Au foot, j'ai prévenu le coach quand le bus n'est pas venu, puis j'ai pris le suivant et je suis "
        "arrivé à la mi-temps. Le coach m'a dit merci d'avoir prévenu, et j'ai joué la fin.")


def key(k: int, mod: int = 0) -> list[pygame.event.Event]:
    return [pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0)]


@pytest.mark.parametrize("window, dyslexic", [((1024, 768), True), ((1920, 1080), False)])
def test_a_moment_told_is_written_in_a_box_that_shows_it_whole_and_keys_alone_reach(tmp_path, window, dyslexic):
    """The moment is written in the game's multi-line box (as a badge's story): a long one wraps onto
    lines, all in sight at the largest text, nothing scrolled sideways; Esc leaves the box, Tab comes back."""
    from game.services.settings import TEXT_SCALES

    app, services = solo_app(tmp_path, "Inès", window)
    try:
        services.settings.text_scale, services.settings.dyslexic_font = TEXT_SCALES[-1], dyslexic
        app.apply_settings()
        scene, _ = at_the_transfer(app, services, 0)
        scene.start_telling()
        app.frame(typing(LONG), 1 / 60)
        app.frame([], 1 / 60)
        box = scene.field
        assert box.text == LONG and len(box.rows()) >= 3                  # several lines
        assert all(width <= box.text_width() for width, _ in box.rows())
        assert not box.scrolls and box.height_for_text() <= box.rect.height and box.rect.bottom <= scene.nav_top()
        assert LONG in scene.speech_text()                                 # read aloud with the screen
        app.frame(key(pygame.K_ESCAPE), 1 / 60)                            # out of the box ...
        assert not scene.takes_text and scene.phase == "tell"
        app.frame(key(pygame.K_TAB, pygame.KMOD_LSHIFT), 1 / 60)          # ... Shift+Tab: "back", Tab: the box
        assert not scene.takes_text and scene.focused_button() == 0
        app.frame(key(pygame.K_TAB), 1 / 60)
        app.frame(key(pygame.K_TAB), 1 / 60)
        assert scene.takes_text and scene.focused_button() is None
        app.frame(key(pygame.K_END) + typing(" Bravo."), 1 / 60)
        assert box.text == LONG + " Bravo."
        app.frame(enter(), 1 / 60)                                         # kept (at most MAX_TOLD characters)
        assert scene.phase == "elsewhere" and scene.told == (LONG + " Bravo.")[:200].strip()
    finally:
        services.close()
