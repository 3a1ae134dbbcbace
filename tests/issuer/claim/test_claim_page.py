"""The claim page through Django's test client: states, languages, expiry and renewal, the optional e-mail,
downloads that belong to the claim only, and the public page's endorsements section."""
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from issuer.claim.models import ClaimLink, expires_at
from issuer.credentials.issuing import approve, reject, revoke
from issuer.credentials.models import IssuedCredential
from issuer.intake.models import BadgeRequest
from issuer.review.models import AuditEntry
from issuer.samples import sample_request
from platform_helpers import received


@pytest.fixture
def pending(client, structure):
    _, secret = structure
    return received(client, secret, sample_request("ml-lyon"))


def _page(client, badge_request, **params) -> str:
    response = client.get(badge_request.claim_path(), params)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store" and response["Referrer-Policy"] == "same-origin"
    return response.content.decode()


def test_pending_then_issued_on_the_same_url(client, pending):
    page = _page(client, pending)
    assert "vérifie vos badges" in page and "Bonjour Joueuse 1" in page
    assert "contact@ml-lyon.example.org" in page   # who to ask
    approve(pending, actor="durand")
    page = _page(client, pending)
    assert "Joueuse 1, voici vos 3 badges" in page
    for credential in pending.issued.all():
        assert f"{pending.claim_path()}/{credential.uuid}.png" in page
        assert f"{pending.claim_path()}/{credential.uuid}.pdf" in page
        assert f"/credentials/{credential.uuid}.json" in page
        assert f'value="http://testserver/credentials/{credential.uuid}"' in page   # the link to copy
    assert "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME" in page
    assert "●●○○" in page and "Niveau 2 sur 4 : En progrès" in page   # level in marks and in words
    assert "J&#x27;aime quand tout est prêt à l&#x27;heure." in page   # the learner's words
    assert "Validé par Mme Durand, Mission locale de Lyon." in page
    assert "Learner Credential Wallet" in page
    assert "data-spot=\"endorsements\"" in page   # where the endorsement app adds its block
    # the CV line from the referential, with the public link
    assert "Organiser mes tâches habituelles et prendre des initiatives — badge vérifiable : http://testserver/" in page


def test_language_from_the_request_then_switchable(client, structure):
    _, secret = structure
    english = received(client, secret, sample_request("ml-lyon", lang="en", player=2))
    assert "is checking your badges" in _page(client, english)
    assert "vérifie vos badges" in _page(client, english, lang="fr")
    approve(english, actor="durand")
    client.cookies.clear()
    page = _page(client, english)
    assert "here are your 3 badges" in page and "Keep and show this badge" in page
    assert "verifiable badge: http://testserver/" in page
    assert "Plan what to do, in the right order." in page   # O1 in plain words, from the referential


def test_rejected_says_why_and_who_to_ask(client, pending):
    reject(pending, actor="durand", reason="Séance incomplète")
    page = _page(client, pending)
    assert "n'ont pas été délivrés" in page and "Séance incomplète" in page
    assert "Mission locale de Lyon" in page and "mailto:contact@ml-lyon.example.org" in page
    assert 'id="email"' not in page   # nothing to send again
    assert client.get(pending.claim_path(), HTTP_ACCEPT="application/json").json() == {
        "status": "rejected", "credentials": [], "reason": "Séance incomplète"}


def test_a_revoked_badge_says_so_on_the_claim_page(client, pending):
    approve(pending, actor="durand")
    credential = pending.issued.first()
    revoke(credential, actor="durand", reason="erreur")
    assert "Ce badge a été révoqué." in _page(client, pending)


def test_link_expires_after_the_structures_period_and_review_renews_it(client, pending, counsellor, structure):
    s, _ = structure
    s.claim_days = 30
    s.save()
    approve(pending, actor="durand")
    pending.refresh_from_db()
    assert expires_at(pending) == pending.reviewed_at + timedelta(days=30)
    BadgeRequest.objects.filter(pk=pending.pk).update(reviewed_at=timezone.now() - timedelta(days=31))
    pending.refresh_from_db()
    credential = pending.issued.first()
    gone = client.get(pending.claim_path())
    assert gone.status_code == 410
    page = gone.content.decode()
    assert "Ce lien a expiré" in page and "Mission locale de Lyon" in page and "voici vos" not in page
    assert client.get(pending.claim_path(), HTTP_ACCEPT="application/json").status_code == 410
    assert client.get(f"{pending.claim_path()}/{credential.uuid}.png").status_code == 410
    # the badge itself stays valid and public
    assert client.get(credential.public_path()).status_code == 200
    # the structure renews it from review
    assert client.post(f"/review/requests/{pending.pk}/renew-claim").status_code == 302   # login first
    assert client.login(username="durand", password="pw-durand-2026")
    review = client.get(f"/review/requests/{pending.pk}/").content.decode()
    assert "Prolonger le lien" in review and "Le lien de récupération a expiré le" in review
    response = client.post(f"/review/requests/{pending.pk}/renew-claim")
    assert response.status_code == 302
    link = ClaimLink.objects.get(badge_request=pending)
    assert link.renewed_by == "durand"
    assert abs(link.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    assert AuditEntry.objects.filter(badge_request=pending, action="claim-renewed").exists()
    assert "Le lien de récupération est ouvert jusqu" in client.get(f"/review/requests/{pending.pk}/").content.decode()
    client.logout()
    assert "voici vos 3 badges" in _page(client, pending)


def test_renewal_only_by_the_requests_structure(client, pending, other_structure):
    s, _ = other_structure
    stranger = User.objects.create_user("nord", password="pw-nord-2026")
    stranger.groups.add(s.group)
    assert client.login(username="nord", password="pw-nord-2026")
    assert client.post(f"/review/requests/{pending.pk}/renew-claim").status_code == 404
    assert client.get(f"/review/requests/{pending.pk}/renew-claim").status_code in (404, 405)


def test_files_belong_to_their_claim_only(client, structure, pending):
    _, secret = structure
    other = received(client, secret, sample_request("ml-lyon", player=3))
    assert client.get(f"{pending.claim_path()}/{'0' * 8}-0000-0000-0000-{'0' * 12}.png").status_code == 404
    approve(pending, actor="durand")
    approve(other, actor="durand")
    theirs = other.issued.first()
    assert client.get(f"{pending.claim_path()}/{theirs.uuid}.pdf").status_code == 404
    mine = pending.issued.first()
    assert client.get(f"{pending.claim_path()}/{mine.uuid}.pdf").status_code == 200


def test_email_needs_consent_and_stays_sealed(client, pending):
    back = client.post(f"{pending.claim_path()}/email", {"email": "lea@example.org"}, follow=True)
    assert "Cochez la case" in back.content.decode()
    assert not ClaimLink.objects.filter(badge_request=pending).exists()
    back = client.post(f"{pending.claim_path()}/email", {"email": "not an address", "consent": "1"}, follow=True)
    assert "ne semble pas correcte" in back.content.decode()
    back = client.post(f"{pending.claim_path()}/email", {"email": "Lea@Example.org", "consent": "1"}, follow=True)
    page = back.content.decode()
    assert "nous vous avons envoyé le lien" in page and "Effacer mon adresse" in page
    link = ClaimLink.objects.get(badge_request=pending)
    assert link.email == "Lea@Example.org" and "example.org" not in link.email_sealed and link.email_consent_at
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["Lea@Example.org"]
    assert pending.claim_url() in mail.outbox[0].body
    # the address never leaves the platform: not in the credentials, the JSON or the page
    approve(pending, actor="durand")
    assert "Lea@Example.org" not in client.get(pending.claim_path(), HTTP_ACCEPT="application/json").content.decode()
    assert "Lea@Example.org" not in _page(client, pending)
    client.post(f"{pending.claim_path()}/email", {"forget": "1"})
    assert ClaimLink.objects.get(badge_request=pending).email == ""


def test_email_checked_against_the_hashed_identifier(client, structure):
    _, secret = structure
    badge_request = received(client, secret, sample_request("ml-lyon", email="lea@example.org", player=5))
    assert "que votre accompagnateur a notée" in _page(client, badge_request)
    wrong = client.post(f"{badge_request.claim_path()}/email", {"email": "someone@example.org", "consent": "1"},
                        follow=True)
    assert "Ce n&#x27;est pas l&#x27;adresse" in wrong.content.decode()
    assert not ClaimLink.objects.filter(badge_request=badge_request).exclude(email_sealed="").exists()
    assert mail.outbox == []
    right = client.post(f"{badge_request.claim_path()}/email", {"email": " LEA@example.org ", "consent": "1"},
                        follow=True)
    assert "nous vous avons envoyé le lien" in right.content.decode()
    assert ClaimLink.objects.get(badge_request=badge_request).email == "LEA@example.org"


def test_email_form_needs_its_csrf_token(structure, pending):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert strict.post(f"{pending.claim_path()}/email", {"email": "a@example.org", "consent": "1"}).status_code == 403


def test_public_page_lists_endorsements_with_name_role_organisation_comment(client, pending):
    approve(pending, actor="durand")
    credential = pending.issued.first()
    page = client.get(credential.public_path()).content.decode()
    section = page[page.index('id="endorsements"'):]
    # the counsellor's validation is the structure's endorsement, shown once, in this list
    assert 'aria-labelledby="endorsements-title" hidden' not in page and "Compétence validée le" in section
    assert page.count("Mme Durand") == 1
    document = dict(credential.document)
    document["endorsement"] = [{
        "type": ["VerifiableCredential", "EndorsementCredential"], "validFrom": "2026-12-08T10:00:00Z",
        "issuer": {"id": "did:web:x", "type": ["Profile"], "name": "Karim B.", "description": "entraîneur de foot",
                   "parentOrg": {"type": ["Profile"], "name": "FC Vaise"}},
        "credentialSubject": {"type": ["EndorsementSubject"], "endorsementComment": "Toujours à l'heure."}}]
    IssuedCredential.objects.filter(pk=credential.pk).update(document=document)
    page = client.get(credential.public_path()).content.decode()
    section = page[page.index('id="endorsements"'):]
    assert "Karim B." in section and "entraîneur de foot" in section and "FC Vaise" in section
    assert "Toujours à l&#x27;heure." in section and "2026-12-08" in section


def test_public_page_verdict_first_with_who_and_what(client, pending):
    approve(pending, actor="durand")
    credential = pending.issued.first()
    page = client.get(credential.public_path()).content.decode()
    main = page[page.index("<main>"):]
    assert main.index("Badge valide") < main.index("<h1>")
    assert "Décerné à Joueuse 1 par Mission locale de Lyon." in page
    revoke(credential, actor="durand", reason="erreur")
    page = client.get(credential.public_path()).content.decode()
    main = page[page.index("<main>"):]
    assert main.index("Badge révoqué le") < main.index("<h1>")


def test_a_claim_code_cannot_send_mail_without_end(client, pending):
    from issuer.claim.models import MAX_EMAILS

    for n in range(MAX_EMAILS + 2):
        client.post(f"{pending.claim_path()}/email", {"email": f"x{n}@example.org", "consent": "1"})
    assert len(mail.outbox) == MAX_EMAILS
    last = client.post(f"{pending.claim_path()}/email", {"email": "y@example.org", "consent": "1"}, follow=True)
    assert "Trop d&#x27;e-mails" in last.content.decode()
