"""POST /badge-requests exactly as export/PROTOCOL.md says (test client; the game's real client is in test_platform_live)."""
import json

from export.request import request_body
from export.signing import sign
from issuer.intake.models import BadgeRequest
from issuer.review.models import AuditEntry
from issuer.samples import sample_request
from platform_helpers import post_request


def test_accepted_request_answers_201_with_a_short_claim_url(client, structure):
    s, secret = structure
    request = sample_request("ml-lyon")
    response = post_request(client, request, secret)
    assert response.status_code == 201
    data = response.json()
    assert data["id"] == request["id"] and data["status"] == "pending"
    assert data["claimUrl"].startswith("http://testserver/c/")
    assert len(data["claimUrl"]) <= 40
    stored = BadgeRequest.objects.get()
    assert bytes(stored.body) == request_body(request)
    assert stored.learner_name == "Joueuse 1" and len(stored.credentials) == 3
    assert AuditEntry.objects.filter(action="received", badge_request=stored).exists()


def test_replay_is_harmless_and_another_body_conflicts(client, structure):
    _, secret = structure
    request = sample_request("ml-lyon")
    first = post_request(client, request, secret).json()
    again = post_request(client, request, secret)
    assert again.status_code == 200 and again.json()["claimUrl"] == first["claimUrl"]
    changed = dict(request, lang="en")
    conflict = post_request(client, changed, secret)
    assert conflict.status_code == 409
    assert BadgeRequest.objects.count() == 1


def test_unknown_structure_403_bad_signature_401_garbage_400(client, structure):
    _, secret = structure
    unknown = sample_request("nowhere")
    response = post_request(client, unknown, secret)
    assert response.status_code == 403 and "nowhere" in response.json()["message"]
    request = sample_request("ml-lyon")
    assert post_request(client, request, "not-the-secret").status_code == 401
    assert post_request(client, request, secret, signature="").status_code == 401
    # the signature covers the exact bytes: re-serialised JSON no longer matches
    spaced = json.dumps(request, indent=1).encode()
    assert post_request(client, request, secret, body=spaced, signature=sign(request_body(request), secret)).status_code == 401
    assert post_request(client, request, secret, body=b"\x00not json{").status_code == 400
    assert post_request(client, request, secret, body=b'{"structure": 3}').status_code == 400
    assert BadgeRequest.objects.count() == 0


def test_schema_invalid_422_with_reason(client, structure):
    _, secret = structure
    request = sample_request("ml-lyon")
    del request["credentials"][0]["credentialSubject"]["achievement"]["criteria"]
    response = post_request(client, request, secret)
    assert response.status_code == 422
    assert "criteria" in response.json()["message"]
    request = sample_request("ml-lyon")
    request["credentials"][1]["id"] = request["credentials"][0]["id"]
    assert post_request(client, request, secret).status_code == 422
    request = sample_request("ml-lyon")
    assert post_request(client, request, secret, key="urn:uuid:00000000-0000-4000-8000-000000000000").status_code == 422
    assert BadgeRequest.objects.count() == 0


def test_messages_in_the_request_language(client, structure):
    _, secret = structure
    fr = post_request(client, sample_request("ml-lyon"), "wrong").json()["message"]
    en = post_request(client, sample_request("ml-lyon", lang="en"), "wrong").json()["message"]
    assert "Signature invalide" in fr
    assert "Bad signature" in en


def test_too_big_413(client, structure, settings):
    _, secret = structure
    settings.DIVA_MAX_REQUEST_BYTES = 2000
    response = post_request(client, sample_request("ml-lyon"), secret)
    assert response.status_code == 413


def test_missing_idempotency_key_400(client, structure):
    _, secret = structure
    request = sample_request("ml-lyon")
    body = request_body(request)
    response = client.post("/badge-requests", body, content_type="application/json",
                           HTTP_X_DIVA_SIGNATURE=sign(body, secret))
    assert response.status_code == 400


def test_only_post(client, db):
    assert client.get("/badge-requests").status_code == 405


def test_offline_qr_request_id_leads_to_the_claim_page(client, structure):
    _, secret = structure
    request = sample_request("ml-lyon")
    claim = post_request(client, request, secret).json()["claimUrl"]
    response = client.get("/r/" + request["id"].removeprefix("urn:uuid:"))
    assert response.status_code == 302 and claim.endswith(response["Location"])
    assert client.get("/r/0b7e6f52-3c2a-4d8e-9f10-5a6b7c8d9e0f").status_code == 404
