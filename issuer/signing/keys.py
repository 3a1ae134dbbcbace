"""Ed25519 keys as multikeys, did:key and did:web identifiers and documents, private keys encrypted at rest."""
from __future__ import annotations

import base64
import ipaddress
import os
import re
from urllib.parse import quote, unquote, urlsplit

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .multibase import MultibaseError, decode_z, encode_z

ED25519_PUB_HEADER = b"\xed\x01"  # multicodec ed25519-pub (0xed) as a varint
ED25519_PRIV_HEADER = b"\x80\x26"  # multicodec ed25519-priv (0x1300) as a varint

DID_CONTEXTS = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$")
LOOPBACK_NAMES = {"localhost"}


class KeyFormatError(ValueError):
    """A multikey, DID or URL that is not what the platform can use."""


class KeyDecryptionError(Exception):
    """The encrypted private key cannot be opened with this secret (wrong secret or altered data)."""


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def _raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def _raw_private(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )


def public_key_multibase(public_key: Ed25519PublicKey) -> str:
    """'z6Mk…': multicodec ed25519-pub + the 32 key bytes, base58btc."""
    return encode_z(ED25519_PUB_HEADER + _raw_public(public_key))


def private_key_multibase(private_key: Ed25519PrivateKey) -> str:
    """'z3u2…': multicodec ed25519-priv + the 32-byte seed, base58btc."""
    return encode_z(ED25519_PRIV_HEADER + _raw_private(private_key))


def _key_bytes(value: str, header: bytes, expected: str) -> bytes:
    """The 32 key bytes of a multikey with this multicodec header; KeyFormatError saying what was `expected`."""
    try:
        raw = decode_z(value)
    except MultibaseError as exc:
        raise KeyFormatError(str(exc)) from None
    if raw[:2] != header or len(raw) != 34:
        raise KeyFormatError(expected)
    return raw[2:]


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(_key_bytes(value, ED25519_PUB_HEADER, (
        f"clé publique Ed25519 multikey attendue (z6Mk…), reçu {value[:16]!r} / "
        f"expected an Ed25519 multikey public key (z6Mk…)")))


def private_key_from_multibase(value: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(_key_bytes(
        value, ED25519_PRIV_HEADER, "clé privée Ed25519 multikey attendue / expected an Ed25519 multikey private key"))


def did_key(public_key: Ed25519PublicKey) -> str:
    return "did:key:" + public_key_multibase(public_key)


def did_key_verification_method(public_key: Ed25519PublicKey) -> str:
    """'did:key:z6Mk…#z6Mk…', the verification method id of a did:key."""
    fingerprint = public_key_multibase(public_key)
    return f"did:key:{fingerprint}#{fingerprint}"


def public_key_from_did_key(did: str) -> Ed25519PublicKey:
    """The key a did:key (or its verification method id) carries."""
    if not did.startswith("did:key:"):
        raise KeyFormatError(f"did:key attendu, reçu {did!r} / expected a did:key")
    base, _, fragment = did[len("did:key:"):].partition("#")
    if fragment and fragment != base:
        raise KeyFormatError(f"fragment inattendu dans {did!r} / unexpected fragment")
    return public_key_from_multibase(base)


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def did_web(base_url: str, slug: str) -> str:
    """'did:web:HOST[%3APORT][:PATH…]:issuers:SLUG' for a structure under the platform's base URL."""
    if not SLUG_RE.match(slug or ""):
        raise KeyFormatError(
            f"identifiant de structure invalide pour un did:web : {slug!r} (minuscules, chiffres, tirets) / "
            f"invalid structure slug for did:web"
        )
    try:
        parts = urlsplit(base_url)
        port = parts.port
    except (ValueError, TypeError, AttributeError):
        raise KeyFormatError(f"URL de base invalide : {base_url!r} / invalid base URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KeyFormatError(f"URL de base invalide : {base_url!r} / invalid base URL")
    host = parts.hostname
    if ":" in host:
        raise KeyFormatError("une adresse IPv6 ne peut pas servir de did:web / an IPv6 host cannot be a did:web")
    if port:
        host = f"{host}:{port}"
    segments = [quote(host, safe="")]
    segments += [quote(s, safe="") for s in parts.path.split("/") if s]
    segments += ["issuers", slug]
    return "did:web:" + ":".join(segments)


def did_web_url(did: str) -> str:
    """Where a did:web document lives: https, or http for a loopback host only."""
    if not did.startswith("did:web:"):
        raise KeyFormatError(f"did:web attendu, reçu {did!r} / expected a did:web")
    did = did.split("#", 1)[0]
    segments = [unquote(s) for s in did[len("did:web:"):].split(":")]
    if not segments or not segments[0] or any(not s or "/" in s for s in segments):
        raise KeyFormatError(f"did:web mal formé : {did!r} / malformed did:web")
    host = segments[0]
    hostname = host.rsplit(":", 1)[0] if ":" in host else host
    scheme = "http" if is_loopback_host(hostname) else "https"
    path = "/".join(quote(s, safe="") for s in segments[1:])
    return f"{scheme}://{host}/{path}/did.json" if path else f"{scheme}://{host}/.well-known/did.json"


def did_document(did: str, public_key: Ed25519PublicKey) -> dict:
    """A DID document with one Multikey 'DID#key-1' for assertions and authentication."""
    method_id = f"{did}#key-1"
    return {
        "@context": list(DID_CONTEXTS),
        "id": did,
        "verificationMethod": [
            {
                "id": method_id,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": public_key_multibase(public_key),
            }
        ],
        "assertionMethod": [method_id],
        "authentication": [method_id],
    }


# Private keys at rest: AES-256-GCM under a key derived from the environment's secret by scrypt.
_TOKEN_PREFIX = "v1"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def _derive(secret: str, salt: bytes) -> bytes:
    if not isinstance(secret, str) or not secret:
        raise KeyDecryptionError("secret de chiffrement vide / empty encryption secret")
    return Scrypt(salt=salt, length=32, **_SCRYPT).derive(secret.encode("utf-8"))


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def encrypt_private_key(private_key: Ed25519PrivateKey, secret: str) -> str:
    """'v1.SALT.NONCE.CIPHERTEXT' (base64url): the seed sealed with AES-GCM under scrypt(secret)."""
    salt, nonce = os.urandom(16), os.urandom(12)
    sealed = AESGCM(_derive(secret, salt)).encrypt(nonce, _raw_private(private_key), _TOKEN_PREFIX.encode())
    return ".".join([_TOKEN_PREFIX, _b64(salt), _b64(nonce), _b64(sealed)])


def decrypt_private_key(token: str, secret: str) -> Ed25519PrivateKey:
    try:
        prefix, salt, nonce, sealed = token.split(".")
        if prefix != _TOKEN_PREFIX:
            raise ValueError(prefix)
        seed = AESGCM(_derive(secret, _unb64(salt))).decrypt(_unb64(nonce), _unb64(sealed), prefix.encode())
        return Ed25519PrivateKey.from_private_bytes(seed)
    except KeyDecryptionError:
        raise
    except (InvalidTag, ValueError, TypeError, AttributeError):
        raise KeyDecryptionError(
            "clé privée illisible : secret incorrect ou donnée altérée / "
            "private key cannot be decrypted: wrong secret or altered data"
        ) from None
