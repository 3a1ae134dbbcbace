"""Multikeys, did:key, did:web forms and documents, private keys encrypted at rest."""
import pytest

from issuer.signing import keys


def test_multikey_round_trip_and_prefixes():
    private_key = keys.generate_private_key()
    public = keys.public_key_multibase(private_key.public_key())
    assert public.startswith("z6Mk") and len(public) == 48
    assert keys.private_key_multibase(private_key).startswith("z3u2")
    assert keys.public_key_from_multibase(public).public_bytes_raw() == private_key.public_key().public_bytes_raw()
    back = keys.private_key_from_multibase(keys.private_key_multibase(private_key))
    assert back.public_key().public_bytes_raw() == private_key.public_key().public_bytes_raw()


@pytest.mark.parametrize("bad", ["", "6Mk", "z", "z0OIl", "zQmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",
                                 "z3u2XqMnz4u2o6Wu7kJhQyzVd5Qw9d3ffREwtjHsHdyEkM3R"])
def test_bad_multikeys_are_refused(bad):
    with pytest.raises(keys.KeyFormatError):
        keys.public_key_from_multibase(bad)


def test_did_key_and_its_verification_method():
    public = keys.generate_private_key().public_key()
    fingerprint = keys.public_key_multibase(public)
    assert keys.did_key(public) == f"did:key:{fingerprint}"
    assert keys.did_key_verification_method(public) == f"did:key:{fingerprint}#{fingerprint}"
    assert keys.public_key_from_did_key(keys.did_key_verification_method(public)).public_bytes_raw() == \
        public.public_bytes_raw()


@pytest.mark.parametrize("base,slug,did,url", [
    ("http://127.0.0.1:8000", "ml-lyon", "did:web:127.0.0.1%3A8000:issuers:ml-lyon",
     "http://127.0.0.1:8000/issuers/ml-lyon/did.json"),
    ("https://badges.example.org", "ml-lyon", "did:web:badges.example.org:issuers:ml-lyon",
     "https://badges.example.org/issuers/ml-lyon/did.json"),
    ("https://h/diva", "e2c", "did:web:h:diva:issuers:e2c", "https://h/diva/issuers/e2c/did.json"),
    ("https://h/diva/", "e2c", "did:web:h:diva:issuers:e2c", "https://h/diva/issuers/e2c/did.json"),
    ("https://h:8443/a/b", "s", "did:web:h%3A8443:a:b:issuers:s", "https://h:8443/a/b/issuers/s/did.json"),
    ("http://localhost:9000", "s", "did:web:localhost%3A9000:issuers:s", "http://localhost:9000/issuers/s/did.json"),
])
def test_did_web_forms(base, slug, did, url):
    assert keys.did_web(base, slug) == did
    assert keys.did_web_url(did) == url
    assert keys.did_web_url(did + "#key-1") == url


def test_did_web_uses_https_for_a_public_host_even_from_http():
    assert keys.did_web_url(keys.did_web("http://badges.example.org", "x")).startswith("https://")


@pytest.mark.parametrize("base,slug", [("ftp://h", "x"), ("https://h", "Bad Slug"), ("https://h", ""),
                                       ("not a url", "x"), ("https://h", "a/b"),
                                       ("https://h:99999", "x"), (None, "x")])
def test_did_web_refuses_bad_input(base, slug):
    with pytest.raises(keys.KeyFormatError):
        keys.did_web(base, slug)


def test_did_document_shape():
    public = keys.generate_private_key().public_key()
    did = keys.did_web("https://h", "ml-lyon")
    doc = keys.did_document(did, public)
    assert doc["@context"] == ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
    assert doc["id"] == did
    assert doc["verificationMethod"] == [{"id": f"{did}#key-1", "type": "Multikey", "controller": did,
                                          "publicKeyMultibase": keys.public_key_multibase(public)}]
    assert doc["assertionMethod"] == [f"{did}#key-1"] and doc["authentication"] == [f"{did}#key-1"]


def test_private_key_encryption_round_trip():
    private_key = keys.generate_private_key()
    token = keys.encrypt_private_key(private_key, "un secret de l'environnement")
    assert keys.private_key_multibase(private_key) not in token
    assert keys.encrypt_private_key(private_key, "un secret de l'environnement") != token  # fresh salt and nonce
    back = keys.decrypt_private_key(token, "un secret de l'environnement")
    assert back.private_bytes_raw() == private_key.private_bytes_raw()


@pytest.mark.parametrize("alter", [
    lambda t, s: (t, s + "x"),
    lambda t, s: (t, ""),
    lambda t, s: (t[:-2] + ("AA" if t[-2:] != "AA" else "BB"), s),
    lambda t, s: ("v2" + t[2:], s),
    lambda t, s: ("garbage", s),
])
def test_wrong_secret_or_altered_token_is_refused_without_leaking(alter):
    private_key = keys.generate_private_key()
    token = keys.encrypt_private_key(private_key, "secret")
    bad_token, bad_secret = alter(token, "secret")
    with pytest.raises(keys.KeyDecryptionError) as info:
        keys.decrypt_private_key(bad_token, bad_secret)
    assert private_key.private_bytes_raw().hex() not in str(info.value)
    assert keys.private_key_multibase(private_key) not in str(info.value)
    assert info.value.__cause__ is None and (info.value.__context__ is None or info.value.__suppress_context__)
