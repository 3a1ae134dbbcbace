"""Approve → signed OB 3.0 credentials (our issuer, status entry, proof, schema); revoke → the status list says so."""
import json

import pytest

from export.request import validate_credential
from issuer.credentials.issuing import ReviewError, approve, find_credential, reject, revoke
from issuer.credentials.models import IssuedCredential, StatusList
from issuer.credentials.verification import fetch_status, verify
from issuer.review.models import AuditEntry
from issuer.samples import sample_request
from platform_helpers import received, status_bit


def _verify(doc):
    """Our verifier (signature, issuer key, dates, status) on a credential; `.ok` when all pass."""
    report = verify(doc)
    report.ok = report.valid and not report.revoked
    return report


def test_approve_signs_every_credential_as_the_structure(client, structure):
    s, secret = structure
    request = sample_request("ml-lyon")
    badge_request = received(client, secret, request)
    made = approve(badge_request, actor="tester")
    assert len(made) == 3
    badge_request.refresh_from_db()
    assert badge_request.status == "issued" and badge_request.reviewed_by == "tester"
    indexes = set()
    for credential, original in zip(made, request["credentials"]):
        doc = credential.document
        assert doc["issuer"]["id"] == "did:web:testserver:issuers:ml-lyon"
        assert doc["issuer"]["name"] == "Mission locale de Lyon"
        assert doc["id"] == f"http://testserver/credentials/{credential.uuid}"
        assert doc["credentialSubject"]["achievement"]["id"].startswith("http://testserver/issuers/ml-lyon/achievements/")
        assert doc["credentialSubject"]["result"][0]["achievedLevel"].startswith(doc["credentialSubject"]["achievement"]["id"] + "#level-")
        assert doc["credentialStatus"]["type"] == "BitstringStatusListEntry"
        assert doc["credentialStatus"]["statusListCredential"] == credential.status_list.url()
        assert int(doc["credentialStatus"]["statusListIndex"]) == credential.status_index
        assert isinstance(doc["proof"], list) and doc["proof"][0]["cryptosuite"] == "eddsa-rdfc-2022"
        assert doc["credentialSubject"]["narrative"] == original["credentialSubject"]["narrative"]
        assert validate_credential(doc) == []
        assert _verify(doc).ok
        indexes.add(credential.status_index)
    assert len(indexes) == 3 and max(indexes) > 3  # random, not 0, 1, 2
    assert AuditEntry.objects.filter(action="approved", actor="tester").count() == 1


def test_a_tampered_credential_fails(client, structure):
    _, secret = structure
    made = approve(received(client, secret, sample_request("ml-lyon")), actor="t")
    doc = json.loads(json.dumps(made[0].document))
    doc["credentialSubject"]["achievement"]["name"] = "Tout savoir faire"
    assert not _verify(doc).ok


def test_text_with_control_characters_is_cleaned_before_signing(client, structure):
    _, secret = structure
    request = sample_request("ml-lyon")
    request["credentials"][0]["credentialSubject"]["narrative"] = "Prêt\x07 à l'heure\x1b"
    made = approve(received(client, secret, request), actor="t")
    assert made[0].document["credentialSubject"]["narrative"] == "Prêt à l'heure"
    assert _verify(made[0].document).ok


def test_lower_a_level_with_a_reason(client, structure):
    _, secret = structure
    request = sample_request("ml-lyon")
    badge_request = received(client, secret, request)
    with pytest.raises(ReviewError, match="why"):
        approve(badge_request, actor="t", levels={0: (1, "")})
    with pytest.raises(ReviewError, match="lowered"):
        approve(badge_request, actor="t", levels={0: (4, "trop")})
    made = approve(badge_request, actor="t", levels={0: (1, "vu une seule fois")})
    assert made[0].level == 1 and made[0].requested_level == 2 and made[0].level_reason == "vu une seule fois"
    assert made[0].document["credentialSubject"]["result"][0]["achievedLevel"].endswith("#level-1")
    assert made[0].document["name"].endswith(": Découverte")
    assert _verify(made[0].document).ok
    entry = AuditEntry.objects.get(action="level_lowered")
    assert entry.detail == {"competence": "O1", "from": 2, "to": 1, "reason": "vu une seule fois"}


def test_reject_needs_a_reason_and_ends_the_request(client, structure):
    _, secret = structure
    badge_request = received(client, secret, sample_request("ml-lyon"))
    with pytest.raises(ReviewError):
        reject(badge_request, actor="t", reason="  ")
    reject(badge_request, actor="t", reason="séance incomplète")
    with pytest.raises(ReviewError, match="already rejected"):
        approve(badge_request, actor="t")
    assert not IssuedCredential.objects.exists()


def test_approve_twice_signs_once(client, structure):
    _, secret = structure
    badge_request = received(client, secret, sample_request("ml-lyon"))
    approve(badge_request, actor="t")
    with pytest.raises(ReviewError, match="already issued"):
        approve(badge_request, actor="t")
    assert IssuedCredential.objects.count() == 3


def test_revoke_sets_only_that_bit_in_the_signed_status_list(client, structure):
    _, secret = structure
    made = approve(received(client, secret, sample_request("ml-lyon")), actor="t")
    status_list = StatusList.objects.get()
    assert _verify(status_list.signed).valid
    assert not any(status_bit(status_list.signed, c.status_index) for c in made)
    with pytest.raises(ReviewError, match="reason"):
        revoke(made[1], actor="t", reason="")
    revoke(find_credential(made[1].credential_id), actor="t", reason="erreur de saisie")
    signed = fetch_status(made[1].status_list.url())
    assert _verify(signed).valid
    assert signed["credentialSubject"]["statusPurpose"] == "revocation"
    assert [status_bit(signed, c.status_index) for c in made] == [False, True, False]
    assert [(_verify(c.document).valid, _verify(c.document).revoked) for c in made] == [(True, False), (False, True), (True, False)]
    with pytest.raises(ReviewError, match="already revoked"):
        revoke(made[1], actor="t", reason="encore")
    assert AuditEntry.objects.filter(action="revoked", credential=made[1]).get().detail == {"reason": "erreur de saisie"}


def test_find_credential_by_uuid_id_or_page(client, structure):
    _, secret = structure
    made = approve(received(client, secret, sample_request("ml-lyon")), actor="t")[0]
    assert find_credential(str(made.uuid)) == made
    assert find_credential(made.credential_id) == made
    assert find_credential(made.credential_id + ".json") == made
    assert find_credential("nothing") is None


def test_did_key_when_asked(client, structure, settings):
    settings.DIVA_DID_METHOD = "key"
    _, secret = structure
    made = approve(received(client, secret, sample_request("ml-lyon")), actor="t")
    assert made[0].document["issuer"]["id"].startswith("did:key:z6Mk")
    assert _verify(made[0].document).ok


def test_private_key_is_encrypted_at_rest(structure, settings):
    s, secret = structure
    assert s.private_key_sealed.startswith("v1.")
    assert secret not in s.secret_sealed
    assert s.hmac_secret() == secret
