"""The claim page in Debian's Chromium on a Pixel-sized phone: pending, then issued; every download verifies
(ours and the independent JavaScript verifier); the LinkedIn link points at the public page, which says valid,
then revoked; nothing scrolls sideways at 360 px; it works without JavaScript. Screenshots: shots/claim/."""
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from issuer.credentials.issuing import approve, revoke
from issuer.credentials.verification import verify
from issuer.samples import sample_request
from platform_helpers import received

pytestmark = pytest.mark.timeout(600)

NO_SIDEWAYS = "document.documentElement.scrollWidth <= window.innerWidth"


def _no_sideways_scroll(page):
    widest = page.evaluate("""() => [...document.querySelectorAll('body *')]
        .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
    assert page.evaluate(NO_SIDEWAYS) and not widest, widest


def _download(page, locator, folder, name):
    with page.expect_download() as info:
        locator.click()
    path = folder / name
    info.value.save_as(path)
    return path


def test_claim_on_a_phone_from_pending_to_issued(live_server, settings, structure, client, page, artefacts,
                                                js_verifier_or_none):
    settings.DIVA_BASE_URL = live_server.url
    _, secret = structure
    badge_request = received(client, secret, sample_request("ml-lyon"))
    claim_url = live_server.url + badge_request.claim_path()

    page.goto(claim_url)
    assert "vérifie vos badges" in page.locator("[role=status]").inner_text()
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith('"Atkinson Hyperlegible"')
    _no_sideways_scroll(page)
    page.screenshot(path=artefacts / "1-pending-pixel.png", full_page=True)

    approve(badge_request, actor="durand")
    page.reload()
    assert re.search(r"Joueuse 1, voici vos 3 badges", page.locator("h1").inner_text())
    cards = page.locator("section.badge")
    assert cards.count() == 3
    _no_sideways_scroll(page)
    page.screenshot(path=artefacts / "2-issued-pixel.png", full_page=True)
    copy = page.locator(".copy-button").first
    assert copy.is_visible()   # JavaScript on: the copy buttons appear, and copy
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()") == page.locator("input.copy-field").first.input_value()
    assert copy.inner_text() == "Copié !"

    credentials = list(badge_request.issued.all())
    files = []
    for index, credential in enumerate(credentials):
        card = cards.nth(index)
        # the level in words and in marks, the learner's words, the structure
        assert "Niveau" in card.inner_text() and "●" in card.locator(".marks").inner_text()
        assert "J'aime quand tout est prêt à l'heure." in card.inner_text()
        assert "Mission locale de Lyon" in card.inner_text()
        png = _download(page, card.get_by_role("link", name=re.compile("image du badge")), artefacts, f"badge-{index}.png")
        document = json.loads(Image.open(png).text["openbadgecredential"])
        js = _download(page, card.get_by_role("link", name=re.compile("fichier du badge")), artefacts,
                       f"badge-{index}.json")
        assert json.loads(js.read_text(encoding="utf-8")) == document == credential.document
        pdf = _download(page, card.get_by_role("link", name=re.compile("imprimer")), artefacts, f"badge-{index}.pdf")
        assert pdf.read_bytes().startswith(b"%PDF")
        report = verify(document)
        assert report.valid and not report.revoked, report.to_dict()
        baked_json = artefacts / f"badge-{index}-from-png.json"
        baked_json.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        files += [js, baked_json]

        linkedin = card.get_by_role("link", name=re.compile("LinkedIn")).get_attribute("href")
        parts = urlsplit(linkedin)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        assert parts.netloc == "www.linkedin.com" and parts.path == "/profile/add"
        assert query["startTask"] == "CERTIFICATION_NAME" and query["certId"] == credential.document["id"]
        assert query["certUrl"] == live_server.url + credential.public_path()
        assert card.locator("input.copy-field").input_value() == query["certUrl"]
    if js_verifier_or_none:
        results = js_verifier_or_none(files)
        assert all(r["verified"] and not r["revoked"] for r in results), results

    # the employer follows the LinkedIn certUrl: a plain verdict first
    public = query["certUrl"]
    page.goto(public)
    assert page.locator(".verdict").first.inner_text().startswith("✔ Badge valide")
    _no_sideways_scroll(page)
    page.screenshot(path=artefacts / "3-public-valid-pixel.png", full_page=True)
    revoke(credentials[-1], actor="durand", reason="erreur de saisie")
    page.reload()
    assert page.locator(".verdict").first.inner_text().startswith("✘ Badge révoqué")
    page.screenshot(path=artefacts / "4-public-revoked-pixel.png", full_page=True)
    if js_verifier_or_none:
        revoked = js_verifier_or_none([files[-1]])
        assert revoked[0]["revoked"], revoked


def test_claim_at_360_px_in_english_without_javascript(live_server, settings, structure, client, browser, artefacts):
    settings.DIVA_BASE_URL = live_server.url
    _, secret = structure
    badge_request = received(client, secret, sample_request("ml-lyon", badges=4, lang="en"))
    approve(badge_request, actor="durand")
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  java_script_enabled=False, accept_downloads=True)
    page = context.new_page()
    try:
        page.goto(live_server.url + badge_request.claim_path())
        assert "here are your 4 badges" in page.locator("h1").inner_text()   # the request's language
        _no_sideways_scroll(page)
        assert not page.locator(".copy-button").first.is_visible()   # no JavaScript: a selectable field only
        assert page.locator("input.copy-field").count() == 4
        page.locator("summary").first.click()   # <details> opens without JavaScript
        assert "verifiable badge" in page.locator("textarea.copy-field").first.input_value()
        page.screenshot(path=artefacts / "5-issued-360-en-nojs.png", full_page=True)
        page.get_by_role("link", name="FR").click()
        assert "voici vos 4 badges" in page.locator("h1").inner_text()
        _no_sideways_scroll(page)
        credential = badge_request.issued.first()
        page.goto(live_server.url + credential.public_path())
        _no_sideways_scroll(page)
        page.screenshot(path=artefacts / "6-public-360.png", full_page=True)
    finally:
        context.close()


def test_refused_and_expired_links_say_why_and_whom_to_ask(live_server, settings, structure, client, page, artefacts):
    from datetime import timedelta

    from django.utils import timezone

    from issuer.credentials.issuing import reject
    from issuer.intake.models import BadgeRequest

    settings.DIVA_BASE_URL = live_server.url
    _, secret = structure
    refused = received(client, secret, sample_request("ml-lyon", player=6))
    reject(refused, actor="durand", reason="La séance n'a pas été terminée.")
    page.goto(live_server.url + refused.claim_path())
    assert "La séance n'a pas été terminée." in page.locator("[role=status]").inner_text()
    assert page.get_by_role("link", name="contact@ml-lyon.example.org").is_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=artefacts / "7-refused-pixel.png", full_page=True)

    old = received(client, secret, sample_request("ml-lyon", player=7))
    approve(old, actor="durand")
    BadgeRequest.objects.filter(pk=old.pk).update(reviewed_at=timezone.now() - timedelta(days=91))
    response = page.goto(live_server.url + old.claim_path())
    assert response.status == 410
    assert "Ce lien a expiré" in page.locator("h1").inner_text()
    _no_sideways_scroll(page)
    page.screenshot(path=artefacts / "8-expired-pixel.png", full_page=True)
