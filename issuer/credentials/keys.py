"""A structure's signing identity: its Ed25519 key (encrypted at rest), its DID and DID document."""
from __future__ import annotations

import threading

from django.conf import settings

from issuer.signing import keys as K

_cache: dict[tuple[str, str], object] = {}
_lock = threading.Lock()


def new_sealed_key() -> str:
    """A fresh Ed25519 private key, encrypted with the platform's key secret."""
    return K.encrypt_private_key(K.generate_private_key(), settings.DIVA_KEY_SECRET)


def private_key(structure):
    """The structure's private key, decrypted once per process (never logged, never shown)."""
    cache_key = (structure.slug, structure.private_key_sealed)
    with _lock:
        key = _cache.get(cache_key)
    if key is None:
        key = K.decrypt_private_key(structure.private_key_sealed, settings.DIVA_KEY_SECRET)
        with _lock:
            _cache[cache_key] = key
    return key


def public_key(structure):
    return private_key(structure).public_key()


def did_web(structure) -> str:
    return K.did_web(settings.DIVA_BASE_URL, structure.slug)


def issuer_did(structure) -> str:
    """did:web under the platform's base URL (production), or did:key (local use), as DIVA_ISSUER_DID_METHOD says."""
    if settings.DIVA_DID_METHOD == "key":
        return K.did_key(public_key(structure))
    return did_web(structure)


def did_document(structure, did: str | None = None) -> dict:
    return K.did_document(did or issuer_did(structure), public_key(structure))


def verification_method(structure, did: str | None = None) -> str:
    """The id of the key: did:key's own fragment (its fingerprint), else as our DID document lists it."""
    did = did or issuer_did(structure)
    if did.startswith("did:key:"):
        return K.did_key_verification_method(public_key(structure))
    doc = did_document(structure, did)
    method = doc["assertionMethod"][0]
    return method if isinstance(method, str) else method["id"]


def issuer_profile(structure, did: str | None = None) -> dict:
    """The OB 3.0 Profile that replaces the issuer the game put in its request."""
    profile = {"id": did or issuer_did(structure), "type": ["Profile"], "name": structure.name}
    if structure.url:
        profile["url"] = structure.url
    if structure.email:
        profile["email"] = structure.email
    return profile
