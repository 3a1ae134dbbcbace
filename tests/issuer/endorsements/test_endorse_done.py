"""The issue's "done when", end to end: `diva-issuer serve` (gunicorn) with DIVA_ISSUER_EMAIL_URL pointing at an SMTP
server on loopback; the game's request (its own builder and client) approved from the command line sends the
invitation; its /e/<token> link, opened in Chromium on a phone without JavaScript, lets the endorser comment and
endorse; the learner's credential (same claim URL) then carries the signed EndorsementCredential with that comment;
both verify in our verifier over HTTP and in the independent JavaScript verifier; the public page shows it."""
import json
import subprocess

import pytest
import requests

from endorse_helpers import PHONE, link_in
from export.issuer import SENT, IssuerConfig
from export.send import send_request
from export.request import request_body
from issuer.samples import sample_request
from platform_helpers import ROOT, http_verify, served_platform
from smtp_loopback import SmtpServer

COMMENT = "Elle a organisé les déplacements de l'équipe toute la saison, sans rien oublier."


@pytest.fixture
def platform(tmp_path):
    """The platform served by gunicorn on loopback, its e-mail going to an aiosmtpd server."""
    with SmtpServer() as smtp, served_platform(tmp_path, DIVA_ISSUER_KEY_SECRET="done-test-key-secret",
                                               DIVA_ISSUER_EMAIL_URL=f"smtp://127.0.0.1:{smtp.port}") as (url, cli, env):
        def run(*args):
            done = subprocess.run(cli + list(args), cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stderr
            return done.stdout

        yield url, run, smtp.inbox


def test_approve_mail_endorse_in_chromium_verify_and_show(platform, browser, shots_dir, tmp_path, js_verifier_or_none):
    url, run, inbox = platform
    secret = run("structure", "add", "--id", "ml-lyon", "--name", "Mission locale de Lyon",
                 "--email", "contact@ml-lyon.example.org").strip().splitlines()[-1]
    request = sample_request("ml-lyon", "Mission locale de Lyon", endorser_email="karim@example.org")
    body = request_body(request)
    sent = send_request(IssuerConfig(kind="diva", url=url, structure_id="ml-lyon", secret=secret), body, request["id"])
    assert sent.status == SENT, sent
    run("requests", "approve", "--all")

    [message] = inbox.wait(1)
    assert message["To"] == "karim@example.org" and message["List-Unsubscribe"]
    link = link_in(message.get_content())
    assert link.startswith(url + "/e/")

    # the endorser, on a phone, without JavaScript
    context = browser.new_context(**PHONE, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(link)
    assert page.get_by_text("vous demande de recommander son badge").is_visible()
    page.screenshot(path=str(shots_dir / "endorse-1-invitation.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]   # nothing sideways
    page.fill("#name", "Karim Benali")
    page.fill("#role", "entraîneur de foot")
    page.fill("#organisation", "FC Lyon Sud")
    page.get_by_role("button", name="Je recommande").click()        # the comment is missing: said plainly
    assert "Écrivez un commentaire" in page.wait_for_selector("[role=alert]").inner_text()
    assert page.input_value("#name") == "Karim Benali"
    page.fill("#comment", COMMENT)
    page.check("#consent")
    page.get_by_role("button", name="Je recommande").click()
    page.wait_for_selector("text=Merci")
    page.screenshot(path=str(shots_dir / "endorse-2-thanks.png"), full_page=True)
    context.close()

    # the learner's credential, from the same claim URL, now carries the signed endorsement
    claim_url = sent.claim_url
    claimed = requests.get(claim_url, headers={"Accept": "application/json"}, timeout=10).json()
    credential = next(c for c in claimed["credentials"] if c.get("endorsement")
                      and any(e["credentialSubject"].get("endorsementComment") == COMMENT for e in c["endorsement"]))
    endorsement = next(e for e in credential["endorsement"] if e["credentialSubject"]["endorsementComment"] == COMMENT)
    assert endorsement["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert endorsement["credentialSubject"]["id"] == credential["id"]
    assert endorsement["issuer"]["id"].startswith("did:web:127.0.0.1%3A") and ":endorsers:" in endorsement["issuer"]["id"]
    assert endorsement["issuer"]["name"] == "Karim Benali"

    for document in (credential, endorsement):
        report = http_verify(document)
        assert report.valid, report.to_dict()
    files = [tmp_path / "credential.json", tmp_path / "endorsement.json"]
    files[0].write_text(json.dumps(credential, ensure_ascii=False), encoding="utf-8")
    files[1].write_text(json.dumps(endorsement, ensure_ascii=False), encoding="utf-8")
    if js_verifier_or_none is not None:
        results = js_verifier_or_none(files, did_web_base=url)
        assert [r["verified"] for r in results] == [True, True], results

    # the public verification page, as an employer opens it on a phone
    public = credential["id"].replace("/credentials/", "/credentials/")
    context = browser.new_context(**PHONE, locale="fr-FR")
    page = context.new_page()
    page.goto(public)
    text = page.inner_text("main")
    for shown in ("Badge valide", "Karim Benali", "entraîneur de foot", "FC Lyon Sud", COMMENT, "Mme Durand"):
        assert shown in text, shown
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(shots_dir / "endorse-3-public.png"), full_page=True)
    context.close()

    # later, the learner asks one more person from the claim page (a phone, no JavaScript)
    context = browser.new_context(**PHONE, java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    page.goto(claim_url)
    page.fill("#invite-name", "Mme Leroy")
    page.fill("#invite-role", "tutrice de stage")
    page.fill("#invite-email", "leroy@example.org")
    page.screenshot(path=str(shots_dir / "endorse-4-claim-invite.png"), full_page=True)
    page.get_by_role("button", name="Envoyer l'invitation").click()
    page.wait_for_selector("text=Invitation envoyée à Mme Leroy")
    context.close()
    second = inbox.wait(2)[1]
    assert second["To"] == "leroy@example.org" and link_in(second.get_content()).startswith(url + "/e/")
