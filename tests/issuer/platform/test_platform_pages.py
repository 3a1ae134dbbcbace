"""Public pages: the credential's verification page and JSON, did.json, status lists, /verify, the claim page."""
import json

from issuer.credentials.issuing import approve, reject, revoke
from issuer.samples import sample_request
from platform_helpers import received


def _issued(client, secret, **kwargs):
    request = sample_request("ml-lyon", **kwargs)
    badge_request = received(client, secret, request)
    return badge_request, approve(badge_request, actor="t")


def test_public_page_says_valid_then_revoked_in_french_and_english(client, structure):
    _, secret = structure
    _, made = _issued(client, secret)
    page = client.get(made[0].public_path())
    html = page.content.decode()
    assert page.status_code == 200
    assert "Badge valide" in html and "Mission locale de Lyon" in html
    assert "S&#x27;organiser" in html or "S'organiser" in html
    assert "J&#x27;aime quand tout est prêt" in html  # the learner's words
    assert "Le festival" in html and "Mme Durand" in html  # evidence, counsellor's validation
    assert 'property="og:title"' in html and 'property="og:url"' in html
    english = client.get(made[0].public_path() + "?lang=en").content.decode()
    assert "Valid badge" in english
    revoke(made[0], actor="t", reason="erreur")
    client.cookies.clear()
    html = client.get(made[0].public_path()).content.decode()
    assert "Badge révoqué le" in html and "Badge valide" not in html
    assert "Revoked badge" in client.get(made[0].public_path(), HTTP_ACCEPT_LANGUAGE="en").content.decode() or \
        "Badge revoked on" in client.get(made[0].public_path(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # the others stay valid
    assert "Badge valide" in client.get(made[1].public_path()).content.decode()


def test_signed_json_with_accept_or_suffix(client, structure):
    _, secret = structure
    _, made = _issued(client, secret)
    by_accept = client.get(made[0].public_path(), HTTP_ACCEPT="application/json")
    by_suffix = client.get(made[0].public_path() + ".json")
    assert by_accept.status_code == by_suffix.status_code == 200
    assert json.loads(by_accept.content) == json.loads(by_suffix.content) == made[0].document
    assert client.get("/credentials/00000000-0000-4000-8000-000000000000").status_code == 404


def test_did_document_and_status_list(client, structure):
    _, secret = structure
    _, made = _issued(client, secret)
    did = client.get("/issuers/ml-lyon/did.json").json()
    assert did["id"] == "did:web:testserver:issuers:ml-lyon"
    assert did["assertionMethod"] == [made[0].document["proof"][0]["verificationMethod"]]
    status = client.get(made[0].document["credentialStatus"]["statusListCredential"].removeprefix("http://testserver"))
    assert status.status_code == 200
    assert "max-age=60" in status["Cache-Control"]
    assert status.json()["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert client.get("/issuers/nobody/did.json").status_code == 404


def test_claim_page_pending_issued_rejected(client, structure):
    _, secret = structure
    request = sample_request("ml-lyon")
    badge_request = received(client, secret, request)
    path = badge_request.claim_path()
    assert client.get(path, HTTP_ACCEPT="application/json").json() == {"status": "pending", "credentials": []}
    assert "vérifie vos badges" in client.get(path).content.decode()
    made = approve(badge_request, actor="t")
    data = client.get(path, HTTP_ACCEPT="application/json").json()
    assert data["status"] == "issued" and data["credentials"] == [c.document for c in made]
    html = client.get(path).content.decode()
    assert "voici vos 3 badges" in html and made[0].public_path() + ".json" in html
    other = received(client, secret, sample_request("ml-lyon", player=2, lang="en"))
    reject(other, actor="t", reason="séance incomplète")
    data = client.get(other.claim_path(), HTTP_ACCEPT="application/json").json()
    assert data == {"status": "rejected", "credentials": [], "reason": "séance incomplète"}
    assert "were not issued" in client.get(other.claim_path()).content.decode()  # the request's language
    assert client.get("/c/doesnotexist").status_code == 404


def test_verify_page_paste_and_upload(client, structure):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _, secret = structure
    _, made = _issued(client, secret)
    text = json.dumps(made[0].document)
    ok = client.post("/verify", {"credential": text})
    assert ok.status_code == 200 and "Badge valide" in ok.content.decode()
    tampered = json.loads(text)
    tampered["credentialSubject"]["narrative"] = "autre chose"
    ko = client.post("/verify", {"credential": json.dumps(tampered)})
    assert "Badge non valide" in ko.content.decode()
    upload = client.post("/verify", {"file": SimpleUploadedFile("b.json", text.encode(), "application/json")})
    assert "Badge valide" in upload.content.decode()
    revoke(made[0], actor="t", reason="erreur")
    assert "Badge révoqué" in client.post("/verify", {"credential": text}).content.decode()
    garbage = client.post("/verify", {"credential": "pas du json"})
    assert garbage.status_code == 400 and "JSON" in garbage.content.decode()
    as_json = client.post("/verify", {"credential": json.dumps(made[1].document)}, HTTP_ACCEPT="application/json").json()
    assert as_json["valid"] is True and as_json["revoked"] is False


def test_home_and_static_font(client, db):
    html = client.get("/").content.decode()
    assert "DIVA Badges" in html and "diva1=" in html
    css = client.get("/static/diva/css/diva.css")
    assert css.status_code == 200


def test_public_page_checks_the_stored_document_again(client, structure):
    from issuer.credentials.models import IssuedCredential

    _, secret = structure
    _, made = _issued(client, secret)
    IssuedCredential.objects.filter(pk=made[0].pk).update(
        document={**made[0].document, "name": "Expert en tout"})  # a database changed behind the platform's back
    html = client.get(made[0].public_path()).content.decode()
    assert "Badge non valide" in html and "Badge valide :" not in html
