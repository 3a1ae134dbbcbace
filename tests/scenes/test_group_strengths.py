"""Before and after in a group session (issue 19): each participant answers "what are you good at?" in
turn ("Au tour de …") and in private (the laptop passed) before the group plays (those who never
answered), and again in their private moment at the end, before their map; the counsellor's dashboard sums the answers per competence."""
from __future__ import annotations

import pygame

from game.core.model import AFTER, BEFORE
from game.services.context import open_services
from game.ui.app import App
from scenes import scene_class


def group_app(tmp_path, names):
    pygame.display.init()
    pygame.font.init()
    services = open_services(tmp_path / "data")
    app = App(services, (1280, 720), scenes=scene_class)
    app.show("agreement", names=list(names), mode="vote", structure="Mission Locale")
    return app, services


def pick(app, cids):
    scene = app.top
    for cid in cids:
        next(b for b in scene.cards if b.competence == cid).action()
    app.frame([], 1 / 60)
    return scene


def test_each_participant_says_what_they_are_good_at_in_turn_before_and_at_the_end(tmp_path):
    returning_services = open_services(tmp_path / "data")
    yanis = returning_services.create_player("Yanis", "fr")
    earlier = returning_services.start_solo(yanis).session
    returning_services.save_self_assessment(yanis, earlier.id, BEFORE, ["C1"])   # answered in an earlier session
    returning_services.close()

    app, services = group_app(tmp_path, ["Inès", services_player(tmp_path, "Yanis"), "Noé"])
    try:
        app.top.start()                                     # the group agreed: the session starts
        app.frame([], 1 / 60)
        play = app.play
        ines, _yanis, noe = play.players
        assert app.top.name == "handover" and app.top.player.id == ines.id   # in private: the laptop is passed first
        app.top.ready()
        app.frame([], 1 / 60)
        scene = app.top
        assert scene.name == "strengths" and scene.moment == BEFORE and scene.player.id == ines.id
        assert "Au tour d'Inès." in app.screen_text or "Au tour d’Inès." in app.screen_text
        pick(app, ["O1", "C2"]).done()
        app.frame([], 1 / 60)
        assert app.top.name == "handover" and app.top.player.id == noe.id    # Yanis said it already
        app.top.ready()
        app.frame([], 1 / 60)
        scene = app.top
        assert scene.name == "strengths" and scene.player.id == noe.id and scene.chosen == []   # Yanis said it already
        assert "Au tour de Noé." in app.screen_text
        pick(app, ["O1"]).done()
        assert app.top.name == "hub"
        sums = services.strengths_in_session(play.session.id)
        assert sums[BEFORE] == {"": 3, "O1": 2, "C2": 1, "C1": 1}
        assert sums[AFTER] == {"": 0}

        app.show("handover", player=1)                     # the end: Yanis's private moment
        app.top.ready()
        scene = app.top
        assert scene.name == "strengths" and scene.moment == AFTER and scene.player.id == _yanis.id
        pick(app, ["C1", "RA1"]).done()
        assert app.top.name == "skillmap" and app.top.flow == "end" and app.top.player.id == _yanis.id
        app.show("handover", player=1)                     # asked once: straight to the map the second time
        app.top.ready()
        assert app.top.name == "skillmap"
        assert services.strengths_in_session(play.session.id)[AFTER] == {"": 1, "C1": 1, "RA1": 1}

        app.counsellor_unlocked = True
        app.show("dashboard")
        app.frame([], 1 / 60)
        text = " ".join(app.screen_text.split())
        assert "réponses : 3 avant, 1 après" in text.replace("\u202f", " ").replace("\u00a0", " ") and "C1\u00a01\u00a0puis\u00a01" in app.screen_text
    finally:
        services.close()


def services_player(tmp_path, name):
    """The returning participant, as the set-up screen hands them in (a Player, not a new name)."""
    services = open_services(tmp_path / "data")
    try:
        return next(p for p in services.players() if p.display_name == name)
    finally:
        services.close()
