"""Badges co-built with the player: their yes, their words, a picture, who vouches."""
import base64
import io
import json
import re

import jsonschema
import pygame
import pytest

from game.services.badges import prepare_requests
from game.cli import build_parser
from game.services.cobuild import candidates, clean_endorser, clean_narrative, sentences
from game.core.model import BadgeDraft, Evidence, Validation
from game.store.sqlite import Store
from referential import load_referential
from tests.conftest import ROOT, solo_app

SCHEMA = json.loads((ROOT.parent / "shared" / "reference" / "openbadges" / "ob_v3p0_achievementcredential_schema.json").read_text())
WHY = {"fr": "Tu t'organises.", "en": "You get organised."}


@pytest.fixture
def ref():
    return load_referential()


def seeded(tmp_path):
    store = Store.open(tmp_path)
    player = store.create_player("Inès")
    session = store.start_session("solo", [player.id])
    store.record_evidence([
        Evidence(player.id, session.id, "O1", 2, "played", "festival", "s1", "a", WHY),
        Evidence(player.id, session.id, "O1", 2, "played", "festival", "s3", "c", WHY),   # a level counts in 2 situations
        Evidence(player.id, session.id, "C1", 3, "played", "festival", "s2", "b", WHY),
        Evidence(player.id, session.id, "C1", 3, "played", "retard", "s4", "d", WHY),
        Evidence(player.id, session.id, "RA2", 3, "played", "festival", "s5", "e", WHY),  # seen once: not a badge yet
        Evidence(player.id, session.id, "C1", 2, "declared", "festival", "moi", "sport:x",
                 {"fr": "Tu as raconté : Sport (M'entraîner). « Je parle »", "en": "You told us about: Sport (Train). “I talk”"}),
    ])
    return store, player, session


def test_candidates_are_what_was_reached_and_the_counsellor_suggests_the_validated_and_the_strongest(tmp_path, ref):
    store, player, session = seeded(tmp_path)
    found = {c.status.competence: c.suggested for c in candidates(store, ref, player.id, session.id)}
    assert found == {"O1": False, "C1": True}
    store.add_validation(Validation(player.id, session.id, "O1", 2, "Conseiller"))
    found = {c.status.competence: c.suggested for c in candidates(store, ref, player.id, session.id)}
    assert found == {"O1": True, "C1": True}


def test_sentences_come_from_the_players_own_choices_and_experiences(tmp_path, ref):
    store, player, session = seeded(tmp_path)
    status = next(c.status for c in candidates(store, ref, player.id, session.id) if c.status.competence == "C1")
    said = sentences(status, ref, {"festival": {"fr": "Le festival", "en": "The festival"}}, "fr")
    from game.i18n.typeset import tr

    assert said[0] == tr(ref.competence("C1").level(3).descriptor, "fr")  # the level's own first-person words
    assert any("Le festival" in s for s in said)
    assert any("Sport (M'entraîner)" in s for s in said)


def test_clean_inputs():
    assert clean_narrative("  J'ai\x00 aidé\n\n au festival  ") == "J'ai aidé au festival"
    assert len(clean_narrative("x" * 5000)) == 400
    assert clean_narrative("Je parle partout\u202f: j'explique.\n") == "Je parle partout\u202f: j'explique."   # French spacing kept
    assert clean_endorser("  Mme  Durand ", "tutor", "not-an-email") == {"name": "Mme Durand", "role": "tutor", "email": ""}
    assert clean_endorser("", "tutor", "a@b.c") is None
    assert clean_endorser("Karim", "boss", "karim@club.fr")["role"] == "other"


def test_nothing_is_requested_without_the_players_yes(tmp_path, ref):
    from game.content.scenarios import check_library

    store, player, session = seeded(tmp_path)
    library, _ = check_library(None, ref)
    assert prepare_requests(store, ref, library, session, [player], "fr", "s", "S") == []
    store.save_draft(BadgeDraft(player.id, session.id, "C1", chosen=True, narrative="J'ai parlé au groupe."))
    store.save_draft(BadgeDraft(player.id, session.id, "O1", chosen=False))
    assert len(prepare_requests(store, ref, library, session, [player], "fr", "s", "S")) == 1
    request = json.loads(store.outbox_items()[0].body)
    assert [c["credentialSubject"]["achievement"]["alignment"][0]["targetCode"] for c in request["credentials"]] == ["C1"]


def test_the_badge_picture_shows_the_level(ref):
    pygame.display.init()
    pygame.font.init()
    pygame.display.set_mode((10, 10))
    from game.ui.badge_image import SIZE, png_bytes, render_badge
    from game.ui.fonts import Fonts
    from game.ui.icons import Icons

    fonts, icons = Fonts(), Icons()
    low, high = render_badge(ref, "O1", 1, "fr", fonts, icons), render_badge(ref, "O1", 4, "fr", fonts, icons)
    assert low.get_size() == (SIZE, SIZE)
    white = lambda s: sum(1 for x in range(0, SIZE, 2) for y in range(300, 360, 2) if tuple(s.get_at((x, y)))[:3] == (255, 255, 255))  # noqa: E731
    assert white(high) > white(low)  # more filled level marks
    png = png_bytes(low)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and pygame.image.load(io.BytesIO(png)).get_size() == (SIZE, SIZE)


def test_an_autoplayed_group_exports_requests_built_with_each_player(tmp_path, httpserver):
    from game.autoplay.driver import run_autoplay

    received = []

    def handler(request):
        from werkzeug import Response

        received.append(json.loads(request.get_data()))
        return Response(json.dumps({"claimUrl": "https://issuer.example.org/c/1"}), status=201, content_type="application/json")

    httpserver.expect_request("/badge-requests", method="POST").respond_with_handler(handler)
    args = build_parser().parse_args(["autoplay", "--players", "3", "--scenario", "festival", "--data-dir", str(tmp_path / "d"),
                                      "--issuer", httpserver.url_for("").rstrip("/"), "--issuer-secret", "s3cr3t",
                                      "--screenshots", str(tmp_path / "shots")])
    assert run_autoplay(args) == 0
    assert len(received) == 3
    validator = jsonschema.Draft201909Validator(SCHEMA)
    vouchers = set()
    for request in received:
        asked = request["endorsement"]["endorsementRequests"]
        assert {(e["name"], e["role"]) for e in asked} == {("Tuteur Autoplay", "tutor")}
        emails = {e["email"] for e in asked}
        assert len(emails) == 1 and re.fullmatch(r"vouch-\d+@example\.org", next(iter(emails)))
        vouchers |= emails
        for credential in request["credentials"]:
            assert not list(validator.iter_errors(credential))
            assert credential["credentialSubject"]["narrative"]
            image = credential["credentialSubject"]["achievement"]["image"]["id"]
            assert image.startswith("data:image/png;base64,")
            assert base64.b64decode(image.split(",", 1)[1])[:4] == b"\x89PNG"
    assert len(vouchers) == 3  # one person per player, each at an address of their own
    shots = " ".join(p.name for p in (tmp_path / "shots").iterdir())
    for phase in ("choose", "tell", "picture", "endorse", "use"):
        assert f"-{phase}-" in shots, phase


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pdf_portfolio_suggests_a_cv_line_for_each_competence_shown(tmp_path, ref, lang):
    from export.portfolio import build_portfolio_pdf
    from game.i18n.typeset import typeset
    from game.ui.portfolio import portfolio_texts
    from game.core.skills import compute_skill_map
    from referential.cv import load_cv_lines
    from tests.game.ui.test_portfolio import norm, page_count, pdf_text

    lines = load_cv_lines(ref)
    smap = compute_skill_map(ref.ids(), [Evidence("p", "s", "O1", 2, "played", "festival", step, "b", WHY) for step in ("a", "c")])
    path = build_portfolio_pdf(tmp_path / "p.pdf", player_name="Inès", lang=lang, referential=ref, skill_map=smap,
                               scenario_titles={}, date="3 mars 2026", texts=portfolio_texts(lang), typeset=typeset, cv_lines=lines)
    text = norm(pdf_text(path))
    assert page_count(path) == 1
    assert norm(lines.line("O1", 2, lang)) in text
    assert norm(lines.line("C1", 1, lang)) not in text  # nothing for what was not shown


def _phase(app, phase: str):
    """Go on through the co-build phases (the primary button of each) until `phase` shows."""
    for _ in range(40):
        scene = app.top
        if scene.phase == phase:
            return scene
        if scene.phase == "choose" and not scene.cobuild.chosen:
            scene.activate(scene.toggles[0])   # the player's yes for one badge
        assert scene.nav[-1].enabled, scene.phase
        scene.activate(scene.nav[-1])
        app.frame([], 1 / 60)
    raise AssertionError(f"never reached {phase}")


@pytest.fixture
def played(tmp_path):
    """(app, services): a player who showed two competences, at the first co-build phase (choose)."""
    app, services = solo_app(tmp_path, "Inès")
    _play_one(app, services)
    app.show("cobuild")
    app.frame([], 1 / 60)
    yield app, services
    services.close()


def _play_one(app, services):
    """Some evidence in the player's session, so that there are badges to ask for."""
    play = app.play
    me, session = play.players[0].id, play.session.id
    services.store.record_evidence([   # (a level counts once shown in two situations)
        Evidence(me, session, "O1", 2, "played", "festival", "s1", "a", WHY),
        Evidence(me, session, "O1", 2, "played", "festival", "s3", "c", WHY),
        Evidence(me, session, "C1", 3, "played", "festival", "s2", "b", WHY),
        Evidence(me, session, "C1", 3, "played", "retard", "s4", "d", WHY),
    ])


def test_a_person_typed_to_vouch_is_kept_when_moving_on(played):
    app, services = played
    scene = _phase(app, "endorse")
    nobody = services.i18n.t("cobuild.skip")
    assert scene.primary.label == nobody
    scene.name_field.text, scene.email_field.text = "Mme Durand", "durand@club.fr"
    app.frame([], 1 / 60)
    assert scene.primary.label == services.i18n.t("cobuild.add_and_next")   # not "Personne pour l'instant"
    scene.primary.action()
    assert app.top.phase == "use"
    assert scene.cobuild.endorsers == [{"name": "Mme Durand", "role": "tutor", "email": "durand@club.fr"}]


def test_a_person_typed_wrongly_to_vouch_is_neither_lost_nor_kept_silently(played):
    app, services = played
    scene = _phase(app, "endorse")
    scene.name_field.text, scene.email_field.text = "Karim", "karim-at-club"
    scene.primary.action()
    assert app.top is scene and scene.cobuild.endorsers == []            # stays, says why
    assert scene.problem == services.i18n.t("cobuild.endorser_problem_email")
    assert scene.name_field.text == "Karim" and scene.email_field.text == "karim-at-club"
    scene.email_field.text = ""                                        # cleared on purpose: kept without e-mail
    scene.primary.action()
    assert app.top.phase == "use" and scene.cobuild.endorsers[0]["name"] == "Karim"


def _key(key: int) -> list:
    return [pygame.event.Event(pygame.KEYDOWN, key=key, mod=0, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=key, mod=0, unicode="", scancode=0)]


def _type(text: str) -> list:
    return [pygame.event.Event(pygame.TEXTINPUT, text=ch, window=None) for ch in text]


def test_each_phase_is_a_scene_on_the_stack_and_back_shows_the_one_before_as_the_player_left_it(played):
    app, services = played
    choose = app.top
    for i in range(len(choose.toggles)):   # both badges
        choose.activate(choose.toggles[i])
    assert sorted(choose.cobuild.chosen) == ["C1", "O1"]
    _phase(app, "endorse")
    assert [s.name for s in app.stack] == ["cobuild", "cobuild_tell", "cobuild_picture", "cobuild_tell",
                                           "cobuild_picture", "cobuild_endorse"]
    covered = [f for scene in app.stack[:-1] for f in scene.fields]
    assert len(covered) == 2 and not any(f.entry.visible for f in covered)   # the stories below: kept, out of sight
    endorse = app.top
    endorse.name_field.text, endorse.email_field.text = "Mme Durand", "durand@"
    app.frame(_key(pygame.K_BACKSPACE), 1 / 60)      # deletes in the field, never goes back
    assert app.top is endorse and endorse.name_field.text == "Mme Duran"   # (the name field has the keyboard)
    endorse.name_field.text, endorse.email_field.text = "Mme Durand", "durand@"
    app.frame(_key(pygame.K_PAGEUP), 1 / 60)         # the clicker's "back": what is typed goes along
    assert app.top.phase == "picture" and app.top.index == 1
    app.top.activate(app.top.nav[0])                # the Retour button: back again, to the second story
    app.frame([], 1 / 60)
    tell = app.top
    assert tell.phase == "tell" and tell.index == 1
    tell.field.focus()
    app.frame(_key(pygame.K_END) + _type(" Et j'aide."), 1 / 60)
    story = tell.field.text
    assert story.endswith("Et j'aide.")
    tell.back()
    app.frame([], 1 / 60)
    assert app.top.phase == "picture" and app.top.index == 0
    app.top.activate(app.top.nav[-1])               # on again: the story as it was left
    app.frame([], 1 / 60)
    assert app.top.phase == "tell" and app.top.field.text == story
    endorse = _phase(app, "endorse")
    assert (endorse.name_field.text, endorse.email_field.text) == ("Mme Durand", "durand@")   # the typed person too
    assert services.store.drafts_for(app.play.players[0].id, app.play.session.id)[app.top.cobuild.chosen[1]].narrative \
        == story.strip()


def test_the_menu_over_a_phase_keeps_what_is_typed(played):
    app, services = played
    endorse = _phase(app, "endorse")
    app.frame(_type("Karim"), 1 / 60)
    app.frame(_key(pygame.K_ESCAPE), 1 / 60)   # leaves the field ...
    assert app.top is endorse and not endorse.takes_text
    app.frame(_key(pygame.K_ESCAPE), 1 / 60)   # ... then the menu
    assert app.top.name == "pause" and not endorse.name_field.focused
    app.frame(_type("x"), 1 / 60)             # (the menu has the keyboard)
    assert endorse.name_field.text == "Karim"
    app.push("settings")                      # a setting changed: a new pygame_gui manager
    app.services.settings.text_scale = 1.3
    app.apply_settings()
    app.back()
    app.back()
    app.frame([], 1 / 60)
    assert app.top is endorse and endorse.name_field.text == "Karim"


def test_no_badge_today_asks_for_nothing_even_what_was_ticked(played):
    app, services = played
    choose = app.top
    choose.activate(choose.toggles[0])
    assert choose.cobuild.chosen
    choose.activate(choose.nav[0])            # "Pas de badge aujourd'hui"
    app.frame([], 1 / 60)
    drafts = services.store.drafts_for(app.play.players[0].id, app.play.session.id)
    assert drafts and not any(d.chosen for d in drafts.values())
    assert services.outbox_items(app.play.session.id) == []


def test_a_sixth_person_is_not_dropped_silently(played):
    app, services = played
    scene = _phase(app, "endorse")
    for n in range(5):
        scene.name_field.text = f"Personne {n}"
        assert scene.add_endorser()
    scene.name_field.text = "Une de trop"
    scene.primary.action()
    assert app.top is scene and len(scene.cobuild.endorsers) == 5 and scene.name_field.text == "Une de trop"
    assert scene.problem == services.i18n.t("cobuild.endorser_problem_full") != "cobuild.endorser_problem_full"
    scene.name_field.text = ""                       # cleared on purpose: on with the five
    scene.primary.action()
    assert app.top.phase == "use"


STORY = ("J'ai organisé le stand du festival avec trois amis. J'ai appelé le fournisseur quand il manquait des tables, "
         "et j'ai expliqué les règles aux nouveaux bénévoles. Le soir, on a tout rangé ensemble.")


@pytest.fixture(scope="module")
def shared_services(tmp_path_factory):
    """One data folder for the story box cases (a new player and window for each)."""
    _, services = solo_app(tmp_path_factory.mktemp("story"), "Inès")
    yield services
    services.close()


def _tell_screen(services, window, scale=1.0, dyslexic=False):
    """The story phase of a player who showed one competence in three situations, at this window and text size."""
    from game.ui.app import App
    from scenes import scene_class
    from scenes.menus.players import begin_solo

    services.settings.text_scale, services.settings.dyslexic_font = scale, dyslexic
    app = App(services, window, scenes=scene_class)
    begin_solo(app, services.create_player("Inès", "fr"))
    play = app.play
    services.store.record_evidence([Evidence(play.players[0].id, play.session.id, "C1", 3, "played", scenario, "s2", "b", WHY)
                                    for scenario in ("festival", "retard", "cv")])
    choose = app.show("cobuild")
    app.frame([], 1 / 60)
    choose.activate(choose.toggles[0])
    choose.activate(choose.nav[-1])
    app.frame([], 1 / 60)
    assert app.top.phase == "tell"
    return app, app.top


STORY_CASES = [(w, s, d) for w in ((1024, 768), (1920, 1080)) for s in (1.0, 1.15, 1.3) for d in (False, True)]


@pytest.mark.parametrize("window,scale,dyslexic", STORY_CASES,
                         ids=[f"{w[0]}x{w[1]}-{s}-{'dyslexic' if d else 'atkinson'}" for w, s, d in STORY_CASES])
def test_the_story_box_shows_a_long_story_whole_on_several_lines(shared_services, window, scale, dyslexic):
    """Issue 21: the young person reads their own words. Typed, a long story wraps onto lines in a box
    that grows for it (the sentences to pick give way): every word in sight, nothing scrolled sideways."""
    app, tell = _tell_screen(shared_services, window, scale, dyslexic)
    click = tell.field.rect.center
    app.frame([pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=click, button=1, touch=False),
               pygame.event.Event(pygame.MOUSEBUTTONUP, pos=click, button=1, touch=False)], 1 / 60)
    assert tell.takes_text
    app.frame(_key(pygame.K_END) + [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_BACKSPACE, mod=0, unicode="", scancode=0)] * 200, 1 / 60)
    app.frame(_type(STORY), 1 / 60)
    app.frame([], 1 / 60)
    box = tell.field
    assert box.text == STORY and tell.story.text == STORY and tell.story.typed
    rows = box.rows()
    assert len(rows) >= 3                                          # several lines, not one that scrolls sideways
    assert all(width <= box.text_width() for width, _ in rows)     # each line within the box
    assert not box.scrolls and box.height_for_text() <= box.rect.height   # the whole story in sight
    screen = pygame.Rect((0, 0), app.size)
    assert screen.contains(box.rect) and box.rect.bottom <= tell.nav_top()
    assert all(not b.rect.colliderect(box.rect) for b in tell.buttons)
    assert STORY in tell.speech_text()                             # read aloud with the screen


def test_the_story_box_keeps_the_sentences_while_they_are_the_story_and_stops_at_the_longest_story(shared_services):
    """The tightest screen (4:3, largest text, dyslexia font): the sentences that do not fit above the
    box are a page away; picking one keeps them where they are."""
    app, tell = _tell_screen(shared_services, (1024, 768), 1.3, True)
    assert len(tell.sentences) == 4 and 1 <= len(tell.toggles) < 4 and not tell.story.typed
    more = next(b for b in tell.nav if b.label == tell.t("nav.see_more"))
    tell.activate(more)                                            # the next sentences
    assert tell.page == 1 and tell.shown[0] == tell.sentences[tell.pages[1][0]]
    shown, box = list(tell.shown), pygame.Rect(tell.field.rect)
    app.frame(_key(pygame.K_1), 1 / 60)                            # one of them, picked: the story follows
    assert len(tell.story.picked) == 2 and tell.field.text == " ".join(tell.story.picked)
    assert tell.shown == shown and tell.field.rect == box          # the sentences stay (the box scrolls if need be)
    tell.field.focus()
    app.frame(_key(pygame.K_END) + _type("x" * 600), 1 / 60)
    assert len(tell.field.text) == 400                             # typing stops at the longest story
    assert tell.field.scrolls and all(w <= tell.field.text_width() for w, _ in tell.field.rows())   # up and down only
    app.frame(_key(pygame.K_RETURN), 1 / 60)                       # Enter: on to the badge's picture, the story saved
    assert app.top.phase == "picture"
    saved = shared_services.store.drafts_for(app.play.players[0].id, app.play.session.id)
    assert len(saved[tell.cid].narrative) == 400


def _tab(backwards: bool = False) -> list:
    mod = pygame.KMOD_LSHIFT if backwards else 0
    return [pygame.event.Event(pygame.KEYDOWN, key=pygame.K_TAB, mod=mod, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=pygame.K_TAB, mod=mod, unicode="", scancode=0)]


def _ringed(app, rect: pygame.Rect) -> bool:
    """The focus ring (drawn just outside) around `rect` on the screen."""
    focus = tuple(app.ui.palette.focus)
    ring = rect.inflate(12, 12)
    return tuple(app.screen.get_at((ring.centerx, ring.top + 2)))[:3] == focus


def test_the_story_box_is_reached_with_keys_alone_after_esc_left_it(shared_services):
    """Keyboard or clicker only: Tab goes sentences -> story box -> bottom bar (Shift+Tab back); the box
    shows the focus ring, Esc leaves it, and the keys bring the player back into it to type."""
    app, tell = _tell_screen(shared_services, (1024, 768))
    box = tell.field
    assert not box.focused and tell.focus == len(tell.buttons) - 1          # (on the way on, as every phase)
    app.frame(_tab(), 1 / 60)                                              # past the last button: the first sentence
    assert tell.focus == 0 and not box.focused
    for _ in range(len(tell.toggles)):                                     # through the sentences, then the box
        app.frame(_tab(), 1 / 60)
    assert box.focused and tell.takes_text
    app.frame([], 1.0)                                                     # (the screen has slid in)
    assert _ringed(app, box.rect) and tell.focused_button() is None        # the box shows the focus, no button does
    app.frame(_key(pygame.K_ESCAPE), 1 / 60)                               # Esc leaves the box ...
    assert app.top is tell and not box.focused
    app.frame([], 1 / 60)
    assert not _ringed(app, box.rect) and tell.focused_button() == len(tell.toggles) - 1   # (the last sentence shows it)
    app.frame(_tab(), 1 / 60)                                              # ... Tab: back into it, to type
    assert box.focused
    app.frame(_key(pygame.K_END) + _type(" Et j'aide."), 1 / 60)
    assert box.text.endswith(" Et j'aide.") and tell.story.text == box.text
    app.frame(_tab(), 1 / 60)                                              # Tab: the bottom bar
    assert not box.focused and tell.focus == len(tell.toggles)
    app.frame(_tab(backwards=True), 1 / 60)                                # Shift+Tab: the box again
    assert box.focused
    app.frame(_tab(backwards=True), 1 / 60)                                # Shift+Tab again: the last sentence
    assert not box.focused and tell.focus == len(tell.toggles) - 1
    app.frame(_type("zz"), 1 / 60)                                         # (the box no longer takes the keys)
    assert box.text.endswith(" Et j'aide.")
    app.frame(_tab() + _tab() + _key(pygame.K_RETURN), 1 / 60)             # box, bar (Retour), Enter: back
    assert app.top.phase == "choose"


def test_the_person_to_vouch_for_is_typed_with_tab_between_the_fields(played):
    """On the endorse phase, Tab goes name -> e-mail -> the buttons, and Shift+Tab back."""
    app, _ = played
    endorse = _phase(app, "endorse")
    assert endorse.name_field.focused
    app.frame(_type("Karim") + _tab() + _type("karim@club.fr"), 1 / 60)
    assert (endorse.name_field.text, endorse.email_field.text) == ("Karim", "karim@club.fr")
    app.frame(_tab(), 1 / 60)
    assert not endorse.takes_text and endorse.buttons[endorse.focus] is endorse.role_button
    app.frame(_tab(backwards=True) + _tab(backwards=True), 1 / 60)
    assert endorse.name_field.focused


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_badge_today_is_told_kindly_on_the_last_screen_not_to_play_first(played, lang):
    """Issue 21: "Pas de badge aujourd'hui" is not answered "Joue une situation d'abord"."""
    app, services = played
    services.i18n.set_lang(lang)
    choose = app.top
    choose.activate(choose.nav[0])                 # "No badge today"
    app.frame([], 1 / 60)
    export = app.top
    assert export.name == "export"
    status = export.shown()[2]
    assert status == services.i18n.t("export.declined") != services.i18n.t("export.nothing")
    assert status in app.screen_text                # drawn (and read aloud)
    assert services.i18n.t("export.no_issuer") not in app.screen_text   # nothing to send: no word about sending


def test_a_player_with_nothing_played_is_told_to_play_first(tmp_path):
    app, services = solo_app(tmp_path, "Inès")
    try:
        choose = app.show("cobuild")               # no competence shown yet: nothing to choose
        app.frame([], 1 / 60)
        assert choose.options == [] and not choose.nav[-1].enabled
        choose.activate(choose.nav[0])
        app.frame([], 1 / 60)
        assert app.top.shown()[2] == services.i18n.t("export.nothing")
    finally:
        services.close()


def test_every_sentence_is_on_some_page_even_one_taller_than_the_room():
    from scenes.badges.tell import pages_of

    assert pages_of([80, 80, 80], 170) == [(0, 2), (2, 3)]
    assert pages_of([80, 200, 80], 170) == [(0, 1), (1, 2), (2, 3)]   # the tall one alone, not out of reach
    assert pages_of([200, 80], 170) == []                               # the first does not fit: the story has the room
