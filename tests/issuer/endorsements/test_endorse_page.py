"""The endorser's page: what they read, the required fields, the signed EndorsementCredential, the re-issued
badge (same id, same claim URL), the public page, decline and withdrawal (revoked through the status list)."""
import copy

from django.core import mail
from django.utils.html import escape

from endorse_helpers import approved_with_endorser
from issuer.credentials.models import IssuedCredential
from issuer.credentials.verification import verify
from issuer.endorsements import documents
from issuer.endorsements.models import Invitation

FORM = {"action": "endorse", "name": "Karim Benali", "role": "entraîneur de foot", "organisation": "FC Lyon Sud",
        "comment": "Elle organise les déplacements de l'équipe depuis un an, sans jamais rien oublier.",
        "consent": "yes"}


def _invitation(client, secret, **kw):
    badge_request, made = approved_with_endorser(client, secret, **kw)
    return badge_request, made, Invitation.objects.get()


def test_the_page_says_who_asks_which_badge_with_evidence_and_words(client, structure):
    _, secret = structure
    badge_request, made, invitation = _invitation(client, secret)
    page = client.get(invitation.path())
    text = page.content.decode()
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert f"{badge_request.learner_name} vous demande de recommander son badge" in text
    assert "Mission locale de Lyon" in text and "S&#x27;organiser" in text
    assert "A réparti les tâches entre les bénévoles." in text                      # evidence
    assert "J&#x27;aime quand tout est prêt à l&#x27;heure." in text               # the learner's words
    assert 'value="Karim B."' in text and 'value="entraîneur de foot"' in text     # prefilled from the game
    assert "did:web:testserver:endorsers:" in text and "une clé qu'il garde pour vous" in text
    assert "<script" not in text
    english = client.get(invitation.path() + "?lang=en").content.decode()
    assert "asks you to endorse their badge" in english


def test_comment_and_consent_are_required(client, structure):
    _, secret = structure
    _, made, invitation = _invitation(client, secret)
    for missing, says in (("comment", "Écrivez un commentaire"), ("consent", "Cochez la case")):
        form = {k: v for k, v in FORM.items() if k != missing}
        response = client.post(invitation.path(), form)
        assert response.status_code == 400 and says in response.content.decode()
        assert escape(form.get("comment", "")) in response.content.decode()   # what they typed is kept
    invitation.refresh_from_db()
    assert invitation.status == "pending" and "endorsement" not in IssuedCredential.objects.get(pk=made[0].pk).document \
        or all(e["issuer"]["id"] == made[0].document["issuer"]["id"]
               for e in IssuedCredential.objects.get(pk=made[0].pk).document["endorsement"])


def test_endorsing_signs_an_endorsement_and_reissues_the_badge(client, structure):
    _, secret = structure
    badge_request, made, invitation = _invitation(client, secret)
    before = made[0].document
    response = client.post(invitation.path(), FORM)
    assert response.status_code == 302 and response["Location"] == invitation.path()
    invitation.refresh_from_db()
    assert invitation.status == "endorsed" and invitation.consent_public

    endorsement = invitation.endorsement
    assert endorsement["type"] == ["VerifiableCredential", "EndorsementCredential"]
    assert endorsement["credentialSubject"] == {"id": before["id"], "type": ["EndorsementSubject"],
                                                "endorsementComment": FORM["comment"]}
    issuer = endorsement["issuer"]
    assert issuer["id"].startswith("did:web:testserver:endorsers:e-") and issuer["name"] == "Karim Benali"
    assert issuer["description"] == "entraîneur de foot" and issuer["parentOrg"]["name"] == "FC Lyon Sud"
    assert documents.schema_problems(endorsement) == []
    alone = verify(endorsement)
    assert alone.valid, alone.to_dict()

    # the learner's credential: same id and claim URL, re-signed with the endorsement embedded
    credential = IssuedCredential.objects.get(pk=made[0].pk)
    after = credential.document
    assert after["id"] == before["id"] and after["proof"] != before["proof"]
    assert endorsement in after["endorsement"]
    report = verify(after)
    assert report.valid, report.to_dict()
    assert len(report.endorsements) == 2 and all(e.valid for e in report.endorsements)   # validation + Karim
    claim = client.get(badge_request.claim_path(), HTTP_ACCEPT="application/json").json()
    assert endorsement in next(c for c in claim["credentials"] if c["id"] == before["id"])["endorsement"]

    public = client.get(credential.public_path()).content.decode()
    assert "Karim Benali" in public and "entraîneur de foot" in public and "FC Lyon Sud" in public
    assert "sans jamais rien oublier" in public and "Badge valide" in public

    # the endorsement resolves on its own, and the endorser's DID document too
    assert client.get(f"/endorsements/{invitation.endorsement_uuid}").json() == endorsement
    did_path = "/endorsers/" + issuer["id"].rsplit(":", 1)[1] + "/did.json"
    assert client.get(did_path).json()["id"] == issuer["id"]

    done = client.get(invitation.path()).content.decode()
    assert "Merci" in done and "Retirer ma recommandation" in done
    again = client.post(invitation.path(), FORM)
    assert again.status_code == 400 and "déjà répondu" in again.content.decode()


def test_a_tampered_endorsement_does_not_verify(client, structure):
    _, secret = structure
    _, made, invitation = _invitation(client, secret)
    client.post(invitation.path(), FORM)
    invitation.refresh_from_db()
    forged = copy.deepcopy(invitation.endorsement)
    forged["credentialSubject"]["endorsementComment"] = "Je ne la connais pas."
    assert not verify(forged).valid
    credential = copy.deepcopy(IssuedCredential.objects.get(pk=made[0].pk).document)
    credential["endorsement"][-1] = forged
    assert not verify(credential).valid


def test_declining_records_the_answer_and_changes_nothing(client, structure):
    _, secret = structure
    _, made, invitation = _invitation(client, secret)
    before = IssuedCredential.objects.get(pk=made[0].pk).document
    assert client.post(invitation.path(), {"action": "decline"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "declined" and invitation.endorsement is None
    assert IssuedCredential.objects.get(pk=made[0].pk).document == before
    assert "Vous avez refusé" in client.get(invitation.path()).content.decode()


def test_withdrawing_revokes_through_the_status_list_and_reissues_without_it(client, structure):
    _, secret = structure
    _, made, invitation = _invitation(client, secret)
    client.post(invitation.path(), FORM)
    invitation.refresh_from_db()
    endorsement = invitation.endorsement
    assert client.post(invitation.path(), {"action": "withdraw"}).status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == "withdrawn" and invitation.withdrawn_at

    status_url = endorsement["credentialStatus"]["statusListCredential"]
    assert status_url.endswith("/status") and "/endorsers/" in status_url
    listed = client.get(status_url.replace("http://testserver", "")).json()
    assert listed["issuer"] == endorsement["issuer"]["id"]
    report = verify(endorsement)
    assert report.revoked and not report.valid

    credential = IssuedCredential.objects.get(pk=made[0].pk)
    assert endorsement not in credential.document.get("endorsement", [])
    assert verify(credential.document).valid
    assert "Karim Benali" not in client.get(credential.public_path()).content.decode()
    assert "révoquée" in client.get(invitation.path()).content.decode()


def test_one_endorser_key_for_two_badges_and_its_did_document(client, structure):
    _, secret = structure
    approved_with_endorser(client, secret, session="s1", player=0)
    approved_with_endorser(client, secret, session="s2", player=1)
    first, second = Invitation.objects.order_by("pk")
    client.post(first.path(), FORM)
    client.post(second.path(), FORM)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.endorser == second.endorser
    assert first.status_index != second.status_index
    assert len(mail.outbox) == 2


def test_a_revoked_badge_cannot_be_endorsed(client, structure):
    from issuer.credentials.issuing import revoke

    _, secret = structure
    _, made, invitation = _invitation(client, secret)
    revoke(made[0], actor="test", reason="erreur")
    assert "révoqué" in client.get(invitation.path()).content.decode()
    response = client.post(invitation.path(), FORM)
    assert response.status_code == 400
