"""The counsellor's tools around a group session (issue 20): the room's default settings chosen once,
a returning participant found at set-up who continues their map, two entries merged."""
import pygame
import pytest

from game.services.settings import GLOBAL, Settings
from game.ui.app import App, open_game
from scenes import scene_class


@pytest.fixture
def app(tmp_path):
    services = open_game("test", tmp_path, "fr", headless=True)
    app = App(services, (1280, 720), scenes=scene_class)
    yield app
    services.close()
    pygame.quit()


def press(app, label: str) -> None:
    button = next(b for b in app.top.buttons if b.label.startswith(label))
    button.action()


def test_the_room_defaults_are_chosen_by_the_counsellor_and_a_session_does_not_change_them(app):
    app.counsellor_unlocked = True
    app.show("counsellor")
    press(app, app.top.t("counsellor.room"))
    assert app.top.name == "settings"
    press(app, app.top.t("settings.contrast", value=app.top.t("settings.off")))
    assert Settings.load(app.services.store, GLOBAL).high_contrast
    app.show("agreement", names=["Inès", "Noé"], mode="vote", structure="ML")
    press(app, app.top.t("setup.agreed"))
    # the session starts with the room's defaults (each participant first says what they are good at, laptop passed)
    assert app.top.name == "handover" and app.top.params.get("then") == "strengths" and app.services.settings.high_contrast
    app.push("settings")
    press(app, app.top.t("settings.contrast", value=app.top.t("settings.on")))
    assert not app.services.settings.high_contrast
    assert Settings.load(app.services.store, GLOBAL).high_contrast  # ... and leaves them as the counsellor chose


def test_a_returning_participant_is_found_at_set_up_and_continues_their_map(app):
    services = app.services
    old = services.start_group(["Élodie", "Noé"], "vote", "Mission Locale de Lyon", "fr")
    services.end_session(old.session.id)
    app.counsellor_unlocked = True
    app.show("setup")
    setup = app.top
    setup.structure.text = "mission locale"
    setup.participant.text = "élo"
    press(app, setup.t("setup.find"))
    [match] = setup.match_buttons
    match.action()
    setup.participant.text = "Yanis"
    setup.add()
    assert [setup.label_of(n) for n in setup.names] == [setup.t("setup.returning", name="Élodie"), "Yanis"]
    setup.start()
    press(app, app.top.t("setup.agreed"))
    ids = [p.id for p in app.play.players]
    assert ids[0] == old.players[0].id and len({p.id for p in services.players()}) == 3


def test_a_setup_or_player_list_opened_without_the_pin_asks_for_it(app):
    for target in ("setup", "player_admin", "issuer"):
        app.counsellor_unlocked = False
        app.show(target)
        assert app.top.name == "pin" and app.top.params["then"] == target


def test_two_entries_of_the_same_person_are_merged_from_the_player_list(app):
    services = app.services
    a, b = services.create_player("Inès", "fr"), services.create_player("Inès B", "fr")
    app.counsellor_unlocked = True
    app.show("player_admin")
    app.top.select(a)
    press(app, app.top.t("admin.merge"))
    press(app, "Inès B")
    press(app, app.top.t("admin.merge_confirm", other="Inès B", name="Inès"))
    assert [p.id for p in services.players()] == [a.id]
