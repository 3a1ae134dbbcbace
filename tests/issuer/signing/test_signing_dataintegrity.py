"""Sign and verify DIVA credentials: round trip, tampering, text cleaning, undefined terms, proof sets."""
import copy

import pytest
from hypothesis import given, settings, strategies as st

from issuer.signing import dataintegrity, keys
from issuer.signing.loader import ContextNotAvailable
from signing_samples import diva_credential


@pytest.fixture(scope="module")
def key():
    return keys.generate_private_key()


def _resolver(public_key):
    def resolve(method):
        return public_key
    return resolve


def _signed(key, credential=None):
    did = keys.did_key(key.public_key())
    credential = credential or diva_credential(did)
    return dataintegrity.sign(credential, key, keys.did_key_verification_method(key.public_key()))


def test_round_trip_and_proof_shape(key):
    signed = _signed(key)
    proof = signed["proof"]
    assert isinstance(proof, list) and len(proof) == 1
    assert proof[0]["type"] == "DataIntegrityProof" and proof[0]["cryptosuite"] == "eddsa-rdfc-2022"
    assert proof[0]["proofValue"].startswith("z") and proof[0]["created"].endswith("Z")
    assert dataintegrity.verify(signed, _resolver(key.public_key())) == dataintegrity.VerifyResult(True, [])


def test_sign_returns_a_new_document(key):
    credential = diva_credential("did:example:x")
    before = copy.deepcopy(credential)
    dataintegrity.sign(credential, key, "did:example:x#key-1")
    assert credential == before


@pytest.mark.parametrize("change", [
    lambda c: c.__setitem__("name", c["name"] + " "),
    lambda c: c["credentialSubject"]["result"][0].__setitem__("achievedLevel", c["credentialSubject"]["result"][0]["achievedLevel"].replace("level-2", "level-4")),
    lambda c: c["evidence"][0].__setitem__("narrative", "Autre chose"),
    lambda c: c.__setitem__("validFrom", "2030-01-01T00:00:00Z"),
    lambda c: c["proof"][0].__setitem__("created", "2001-01-01T00:00:00Z"),
])
def test_tampered_credential_fails(key, change):
    signed = _signed(key)
    change(signed)
    result = dataintegrity.verify(signed, _resolver(key.public_key()))
    assert not result.ok and result.errors


def test_wrong_key_fails(key):
    signed = _signed(key)
    other = keys.generate_private_key().public_key()
    assert not dataintegrity.verify(signed, _resolver(other)).ok


def test_unresolvable_key_and_missing_proof_are_errors(key):
    signed = _signed(key)

    def refuse(method):
        raise LookupError("inconnue")
    result = dataintegrity.verify(signed, refuse)
    assert not result.ok and "introuvable" in result.errors[0]
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    assert dataintegrity.verify(unsigned, _resolver(key.public_key())).errors == ["aucune preuve / no proof"]


def test_second_proof_is_appended_and_both_verify(key):
    other = keys.generate_private_key()
    signed = _signed(key)
    both = dataintegrity.sign(signed, other, "did:example:endorser#key-1")
    assert len(both["proof"]) == 2 and both["proof"][0] == signed["proof"][0]
    by_method = {keys.did_key_verification_method(key.public_key()): key.public_key(),
                 "did:example:endorser#key-1": other.public_key()}
    assert dataintegrity.verify(both, by_method.__getitem__).ok
    both["proof"][1]["proofValue"] = signed["proof"][0]["proofValue"]
    assert not dataintegrity.verify(both, by_method.__getitem__).ok


def test_control_characters_and_lone_surrogates_are_cleaned_and_verify(key):
    credential = diva_credential("did:example:x")
    credential["evidence"][0]["narrative"] = "Élodie a dit\u0007 « ça va »\n\tet\u0000 puis\ud800 fin\u007f\ufffe."
    signed = _signed(key, credential)
    assert signed["evidence"][0]["narrative"] == "Élodie a dit « ça va »\n\tet puis fin."
    assert dataintegrity.verify(signed, _resolver(key.public_key())).ok
    # the same text with the character still in fails: what was signed is the cleaned text
    signed["evidence"][0]["narrative"] = "Élodie a dit\u0007 « ça va »\n\tet puis fin."
    assert not dataintegrity.verify(signed, _resolver(key.public_key())).ok


@given(st.text())
@settings(max_examples=200, deadline=None)
def test_clean_text_leaves_only_safe_characters(text):
    cleaned = dataintegrity.clean_text(text)
    assert all(c in "\t\n\r" or (0x20 <= ord(c) != 0x7F and not 0xD800 <= ord(c) <= 0xDFFF
                                  and c not in "\ufffe\uffff") for c in cleaned)
    cleaned.encode("utf-8")  # no lone surrogate left
    assert dataintegrity.clean_text(cleaned) == cleaned
    safe = "".join(c for c in text if c in "\t\n\r" or (0x20 <= ord(c) != 0x7F
                   and not 0xD800 <= ord(c) <= 0xDFFF and c not in "\ufffe\uffff"))
    assert cleaned == safe


def test_clean_text_walks_nested_structures():
    assert dataintegrity.clean_text({"a\u0001": ["x\u0002", {"b": "y\u001f"}], "n": 3, "t": True}) == \
        {"a": ["x", {"b": "y"}], "n": 3, "t": True}


@pytest.mark.parametrize("where,path", [
    (lambda c: c.__setitem__("couleur", "bleu"), "couleur"),
    (lambda c: c["credentialSubject"]["achievement"]["criteria"].__setitem__("note", "x"),
     "credentialSubject.achievement.criteria.note"),
    (lambda c: c["evidence"][0].__setitem__("auteur", "x"), "evidence[0].auteur"),
    (lambda c: c["type"].append("DivaBadge"), "type"),
])
def test_undefined_term_is_refused(key, where, path):
    credential = diva_credential("did:example:x")
    where(credential)
    with pytest.raises(dataintegrity.UndefinedTermError) as info:
        dataintegrity.sign(credential, key, "did:example:x#key-1")
    assert info.value.path == path and path in str(info.value)


def test_every_term_of_a_diva_credential_is_defined():
    dataintegrity.check_terms(diva_credential("did:example:x"))


def test_unknown_context_is_refused_never_fetched(key):
    credential = diva_credential("did:example:x")
    credential["@context"] = credential["@context"] + ["https://example.org/my-context.jsonld"]
    with pytest.raises(Exception) as info:
        dataintegrity.sign(credential, key, "did:example:x#key-1")
    chain = [info.value]
    while chain[-1].__cause__ is not None:
        chain.append(chain[-1].__cause__)
    assert any(isinstance(e, ContextNotAvailable) for e in chain)
    signed = _signed(key)
    signed["@context"] = signed["@context"] + ["https://example.org/my-context.jsonld"]
    assert not dataintegrity.verify(signed, _resolver(key.public_key())).ok
