"""Which contexts each kind of credential needs: every term lives in credentials v2 and OB 3.0.3."""
import pytest

from issuer.signing import dataintegrity, keys, statuslist
from signing_samples import diva_credential, endorsement_credential, vector

V2 = "https://www.w3.org/ns/credentials/v2"
OB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"


def _signed_with_proof(document):
    key = keys.generate_private_key()
    return dataintegrity.sign(document, key, keys.did_key_verification_method(key.public_key()))


@pytest.mark.parametrize("name,document,contexts", [
    ("test vector", vector()["credential"], [V2, OB]),
    ("DIVA badge", diva_credential("did:example:i"), [V2, OB]),
    ("endorsement", endorsement_credential("urn:uuid:1", "did:example:e"), [V2, OB]),
    ("status list", statuslist.status_list_credential("https://h/status/1", "did:example:i",
                                                      statuslist.new_bitstring(), valid_from="2025-01-01T00:00:00Z"),
     [V2]),
])
def test_every_term_is_defined_by_v2_and_ob(name, document, contexts):
    assert document["@context"] == contexts
    signed = _signed_with_proof(document)
    dataintegrity.check_terms(signed)  # the proof's terms too (DataIntegrityProof lives in credentials v2)


def test_status_entry_and_endorsement_inside_a_badge_are_defined():
    credential = diva_credential("did:example:i")
    credential["credentialStatus"] = statuslist.status_entry("https://h/status/1", 3)
    credential["endorsement"] = [_signed_with_proof(endorsement_credential(credential["id"], "did:example:e"))]
    dataintegrity.check_terms(_signed_with_proof(credential))


def test_did_document_terms_are_defined_by_did_and_multikey():
    did = keys.did_web("https://h", "s")
    dataintegrity.check_terms(keys.did_document(did, keys.generate_private_key().public_key()))


def test_without_the_ob_context_badge_terms_are_undefined():
    credential = diva_credential("did:example:i")
    credential["@context"] = [V2]
    with pytest.raises(dataintegrity.UndefinedTermError):
        dataintegrity.check_terms(credential)
