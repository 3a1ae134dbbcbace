"""The 1EdTech OB 3.0 eddsa-rdfc-2022 test vector, reproduced byte for byte (source named in the data file)."""
import hashlib

from issuer.signing import dataintegrity, keys
from signing_samples import vector, vector_private_key


def test_vector_key_pair_gives_the_published_multikey():
    v = vector()
    private_key = vector_private_key()
    assert private_key.public_key().public_bytes_raw().hex() == v["publicKeyHex"]
    assert keys.public_key_multibase(private_key.public_key()) == v["publicKeyMultibase"]
    assert keys.public_key_from_multibase(v["publicKeyMultibase"]).public_bytes_raw().hex() == v["publicKeyHex"]


def test_vector_canonical_document_and_hash():
    v = vector()
    canonical = dataintegrity.canonicalize(v["credential"])
    assert canonical == v["documentCanonical"]
    assert hashlib.sha256(canonical.encode()).hexdigest() == v["documentHashHex"]


def test_vector_canonical_proof_config_and_hash():
    v = vector()
    config = {
        "@context": v["credential"]["@context"],
        "type": "DataIntegrityProof",
        "created": v["created"],
        "verificationMethod": v["verificationMethod"],
        "cryptosuite": "eddsa-rdfc-2022",
        "proofPurpose": "assertionMethod",
    }
    canonical = dataintegrity.canonicalize(config)
    assert canonical == v["proofCanonical"]
    assert hashlib.sha256(canonical.encode()).hexdigest() == v["proofHashHex"]


def test_vector_signature_and_proof_value():
    v = vector()
    signed = dataintegrity.sign(v["credential"], vector_private_key(), v["verificationMethod"], created=v["created"])
    assert signed["proof"] == [{
        "type": "DataIntegrityProof",
        "created": v["created"],
        "verificationMethod": v["verificationMethod"],
        "cryptosuite": "eddsa-rdfc-2022",
        "proofPurpose": "assertionMethod",
        "proofValue": v["proofValue"],
    }]
    from issuer.signing.multibase import decode_z
    assert decode_z(v["proofValue"]).hex() == v["signatureHex"]
    assert {k: val for k, val in signed.items() if k != "proof"} == v["credential"]


def test_vector_signed_credential_verifies_and_a_changed_one_does_not():
    v = vector()
    signed = dataintegrity.sign(v["credential"], vector_private_key(), v["verificationMethod"], created=v["created"])
    public = keys.public_key_from_multibase(v["publicKeyMultibase"])
    assert dataintegrity.verify(signed, lambda method: public).ok
    signed["name"] = "Teamwork Badge!"
    result = dataintegrity.verify(signed, lambda method: public)
    assert not result.ok and "signature invalide" in result.errors[0]


def test_w3c_vc_di_eddsa_test_key_pair():
    """W3C vc-di-eddsa (Data Integrity EdDSA Cryptosuites v1.0) test vectors' key pair, both multikeys."""
    secret = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
    private_key = keys.private_key_from_multibase(secret)
    assert keys.private_key_multibase(private_key) == secret
    assert keys.public_key_multibase(private_key.public_key()) == "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
