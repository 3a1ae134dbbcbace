"""Credentials signed by issuer.signing verify in the independent Digital Bazaar verifier (tests/verifier-js)."""
import copy
import json

import pytest

from issuer.signing import dataintegrity, keys, statuslist
from signing_samples import DATA, LoopbackServer, diva_credential, endorsement_credential, vector


@pytest.fixture
def platform():
    """A loopback 'platform': a did:web structure with its DID document and a signed revocation list."""
    server = LoopbackServer()
    key = keys.generate_private_key()
    did = keys.did_web(server.base_url, "ml-lyon")
    server.documents["/issuers/ml-lyon/did.json"] = keys.did_document(did, key.public_key())
    list_url = f"{server.base_url}/status/1"
    bits = statuslist.new_bitstring()

    def publish():
        unsigned = statuslist.status_list_credential(list_url, did, bits, valid_from="2025-01-01T00:00:00Z")
        server.documents["/status/1"] = dataintegrity.sign(unsigned, key, f"{did}#key-1")

    publish()
    yield type("Platform", (), dict(server=server, key=key, did=did, list_url=list_url, bits=bits,
                                    publish=staticmethod(publish)))
    server.close()


def _write(tmp_path, name, document):
    path = tmp_path / name
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_did_key_credentials_verify_and_a_tampered_one_fails(tmp_path, js_verifier):
    key = keys.generate_private_key()
    method = keys.did_key_verification_method(key.public_key())
    credential = diva_credential(keys.did_key(key.public_key()))
    credential["evidence"][0]["narrative"] = "Élodie : « ça s'est bien passé »,\nmême\u0007 le tri\u0000 à 5 h !"
    signed = dataintegrity.sign(credential, key, method)
    assert "\u0007" not in signed["evidence"][0]["narrative"] and "\n" in signed["evidence"][0]["narrative"]
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["result"][0]["achievedLevel"] = tampered["credentialSubject"]["result"][0][
        "achievedLevel"].replace("level-2", "level-4")
    wrong_key = dataintegrity.sign(credential, keys.generate_private_key(), method)
    results = js_verifier([_write(tmp_path, "ok.json", signed), _write(tmp_path, "tampered.json", tampered),
                           _write(tmp_path, "wrong-key.json", wrong_key)])
    assert results[0]["verified"] is True and results[0]["errors"] == [] and results[0]["revoked"] is False
    assert results[1]["verified"] is False and results[1]["errors"]
    assert results[2]["verified"] is False


def test_the_1edtech_test_vector_verifies(js_verifier):
    v = vector()
    results = js_verifier([DATA / "ob30-vector-signed.json"], pins={v["verificationMethod"]: v["publicKeyMultibase"]})
    assert results[0]["verified"] is True, results[0]["errors"]
    # without the key pinned, the verifier has no way to reach example.edu: it must not say "verified"
    assert js_verifier([DATA / "ob30-vector-signed.json"])[0]["verified"] is False


def test_did_web_credential_with_status_verifies_then_is_revoked(tmp_path, platform, js_verifier):
    index = statuslist.random_index(set())
    credential = diva_credential(platform.did)
    credential["credentialStatus"] = statuslist.status_entry(platform.list_url, index)
    signed = dataintegrity.sign(credential, platform.key, f"{platform.did}#key-1")
    other = diva_credential(platform.did, id="urn:uuid:11111111-2222-4333-8444-555555555555")
    other["credentialStatus"] = statuslist.status_entry(platform.list_url, (index + 1) % statuslist.MIN_BITS)
    other_signed = dataintegrity.sign(other, platform.key, f"{platform.did}#key-1")
    paths = [_write(tmp_path, "a.json", signed), _write(tmp_path, "b.json", other_signed)]
    before = js_verifier(paths)
    assert [r["verified"] for r in before] == [True, True], before
    assert [r["revoked"] for r in before] == [False, False]

    statuslist.set_bit(platform.bits, index)
    platform.publish()
    after = js_verifier(paths)
    assert after[0]["revoked"] is True and after[1]["revoked"] is False, after

    # a status list changed without re-signing is refused
    platform.server.documents["/status/1"]["credentialSubject"]["encodedList"] = statuslist.encode_bitstring(
        statuslist.new_bitstring())
    assert js_verifier(paths[:1])[0]["verified"] is False


def test_did_web_key_not_in_the_did_document_fails(tmp_path, platform, js_verifier):
    intruder = keys.generate_private_key()
    signed = dataintegrity.sign(diva_credential(platform.did), intruder, f"{platform.did}#key-1")
    assert js_verifier([_write(tmp_path, "x.json", signed)])[0]["verified"] is False


def test_embedded_endorsement_verifies_and_a_tampered_one_fails(tmp_path, platform, js_verifier):
    endorser = keys.generate_private_key()
    credential = diva_credential(platform.did)
    endorsement = dataintegrity.sign(
        endorsement_credential(credential["id"], keys.did_key(endorser.public_key())), endorser,
        keys.did_key_verification_method(endorser.public_key()))
    credential["endorsement"] = [endorsement]
    signed = dataintegrity.sign(credential, platform.key, f"{platform.did}#key-1")
    tampered = copy.deepcopy(signed)
    tampered["endorsement"][0]["credentialSubject"]["endorsementComment"] = "Changé"
    # the outer proof covers the endorsement too: re-sign so only the endorsement's own proof is wrong
    resigned = dataintegrity.sign({k: v for k, v in tampered.items() if k != "proof"}, platform.key,
                                  f"{platform.did}#key-1")
    results = js_verifier([_write(tmp_path, "e.json", signed), _write(tmp_path, "t.json", resigned)])
    assert results[0]["verified"] is True, results[0]
    assert results[1]["verified"] is False and any("endorsement" in e for e in results[1]["errors"])


def test_the_undefined_term_trap_is_real(tmp_path, js_verifier, monkeypatch):
    """Signed without check_terms, a credential with an undefined term fails in the safe-mode verifier."""
    key = keys.generate_private_key()
    credential = diva_credential(keys.did_key(key.public_key()))
    credential["couleur"] = "bleu"
    with pytest.raises(dataintegrity.UndefinedTermError):
        dataintegrity.sign(credential, key, keys.did_key_verification_method(key.public_key()))
    from pyld import jsonld
    from issuer.signing.loader import document_loader
    monkeypatch.setattr(dataintegrity, "_expand_checked",  # the expansion without our check
                        lambda document: jsonld.expand(document, {"documentLoader": document_loader}))
    signed = dataintegrity.sign(credential, key, keys.did_key_verification_method(key.public_key()))
    assert dataintegrity.verify(signed, lambda m: key.public_key()).ok  # PyLD dropped the term silently
    result = js_verifier([_write(tmp_path, "undefined.json", signed)])[0]
    assert result["verified"] is False and any("couleur" in e or "safe mode" in e.lower() for e in result["errors"])


def test_the_control_character_trap_is_real(tmp_path, js_verifier, monkeypatch):
    """Signed without clean_text, a control character verifies in PyLD and fails in the JavaScript verifier."""
    key = keys.generate_private_key()
    credential = diva_credential(keys.did_key(key.public_key()))
    credential["evidence"][0]["narrative"] = "bip\u0007"
    monkeypatch.setattr(dataintegrity, "clean_text", lambda obj: obj)
    signed = dataintegrity.sign(credential, key, keys.did_key_verification_method(key.public_key()))
    assert signed["evidence"][0]["narrative"] == "bip\u0007"
    assert js_verifier([_write(tmp_path, "bell.json", signed)])[0]["verified"] is False


def test_did_web_base_maps_a_public_did_to_the_loopback_server(tmp_path, js_verifier):
    """--did-web-base: a did:web under a public host, served by the platform on loopback (as in a test)."""
    server = LoopbackServer()
    try:
        key = keys.generate_private_key()
        did = keys.did_web("https://badges.example.org", "ml-lyon")
        server.documents["/issuers/ml-lyon/did.json"] = keys.did_document(did, key.public_key())
        path = _write(tmp_path, "public.json", dataintegrity.sign(diva_credential(did), key, f"{did}#key-1"))
        assert js_verifier([path], did_web_base=server.base_url)[0]["verified"] is True
        refused = js_verifier([path])[0]  # without it: never fetched from badges.example.org
        assert refused["verified"] is False and any("boucle locale" in e for e in refused["errors"]), refused
    finally:
        server.close()
