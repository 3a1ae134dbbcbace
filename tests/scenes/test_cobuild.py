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


def _endorse_screen(tmp_path):
    """The cobuild scene of a player who played, at its 'who can vouch' step."""
    app, services = solo_app(tmp_path, "Inès")
    scene = app.show("cobuild")
    scene.show_endorse()
    app.frame([], 1 / 60)
    return app, services, scene


def test_a_person_typed_to_vouch_is_kept_when_moving_on(tmp_path):
    app, services, scene = _endorse_screen(tmp_path)
    try:
        nobody = services.i18n.t("cobuild.skip")
        assert scene.primary.label == nobody
        scene.name_field.text, scene.email_field.text = "Mme Durand", "durand@club.fr"
        app.frame([], 1 / 60)
        assert scene.primary.label == services.i18n.t("cobuild.add_and_next")   # not "Personne pour l'instant"
        scene.primary.action()
        assert scene.phase == "use"
        assert scene.endorsers == [{"name": "Mme Durand", "role": "tutor", "email": "durand@club.fr"}]
    finally:
        services.close()


def test_a_person_typed_wrongly_to_vouch_is_neither_lost_nor_kept_silently(tmp_path):
    app, services, scene = _endorse_screen(tmp_path)
    try:
        scene.name_field.text, scene.email_field.text = "Karim", "karim-at-club"
        scene.primary.action()
        assert scene.phase == "endorse" and scene.endorsers == []          # stays, says why
        assert scene.endorse_problem == services.i18n.t("cobuild.endorser_problem_email")
        assert scene.name_field.text == "Karim" and scene.email_field.text == "karim-at-club"
        scene.email_field.text = ""                                        # cleared on purpose: kept without e-mail
        scene.primary.action()
        assert scene.phase == "use" and scene.endorsers[0]["name"] == "Karim"
    finally:
        services.close()
