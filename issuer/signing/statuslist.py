"""W3C Bitstring Status List v1.0: the bitstring, its encoding, the list credential and the entry of a credential."""
from __future__ import annotations

import base64
import gzip
import secrets
import zlib
from datetime import datetime, timezone

MIN_BITS = 131072  # 16 KiB: the spec's minimum, so that one index says nothing about one person
MAX_DECODED_BYTES = 16 * 1024 * 1024  # refuse a "gzip bomb" far beyond any real list
PURPOSES = ("revocation", "suspension", "refresh", "message")
CONTEXT = "https://www.w3.org/ns/credentials/v2"


class StatusListError(ValueError):
    """An encoded list, an index or a purpose that the spec does not allow."""


def new_bitstring(size: int = MIN_BITS) -> bytearray:
    if size < MIN_BITS or size % 8:
        raise StatusListError(f"une liste compte au moins {MIN_BITS} bits, par octets entiers / "
                              f"a list holds at least {MIN_BITS} bits, in whole bytes")
    return bytearray(size // 8)


def encode_bitstring(bits: bytearray | bytes) -> str:
    """'u' + base64url (no padding) of the GZIP-compressed bitstring."""
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).rstrip(b"=").decode("ascii")


def decode_bitstring(encoded: str) -> bytes:
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise StatusListError("encodedList doit être du base64url multibase (préfixe « u ») / "
                              "encodedList must be multibase base64url (prefix 'u')")
    body = encoded[1:]
    try:
        compressed = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        bits = inflater.decompress(compressed, MAX_DECODED_BYTES)
        if inflater.unconsumed_tail:
            raise StatusListError("liste de statut trop grande / status list too large")
        if not inflater.eof:
            raise StatusListError("liste de statut tronquée / truncated status list")
    except (ValueError, zlib.error) as exc:
        if isinstance(exc, StatusListError):
            raise
        raise StatusListError(f"encodedList illisible ({exc}) / unreadable encodedList") from None
    return bits


def _check_index(bits, index: int) -> None:
    if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(bits) * 8:
        raise StatusListError(f"index {index!r} hors de la liste (0…{len(bits) * 8 - 1}) / index out of the list")


def is_set(bits: bytes | bytearray, index: int) -> bool:
    """Bit `index`, counted from the most significant bit of byte 0."""
    _check_index(bits, index)
    return bool(bits[index // 8] >> (7 - index % 8) & 1)


def set_bit(bits: bytearray, index: int, value: bool = True) -> None:
    _check_index(bits, index)
    mask = 1 << (7 - index % 8)
    if value:
        bits[index // 8] |= mask
    else:
        bits[index // 8] &= ~mask & 0xFF


def random_index(taken, size: int = MIN_BITS) -> int:
    """A random index not in `taken` (indexes are random so that they reveal no order of issue)."""
    if len(taken) >= size:
        raise StatusListError("liste de statut pleine / status list full")
    while True:
        index = secrets.randbelow(size)
        if index not in taken:
            return index


def _check_purpose(purpose: str) -> None:
    if purpose not in PURPOSES:
        raise StatusListError(f"statusPurpose inconnu : {purpose!r} (attendu : {', '.join(PURPOSES)}) / "
                              f"unknown statusPurpose")


def status_list_credential(list_url: str, issuer, bits: bytes | bytearray, purpose: str = "revocation",
                           valid_from: str | None = None) -> dict:
    """The unsigned BitstringStatusListCredential published at `list_url`."""
    _check_purpose(purpose)
    if len(bits) * 8 < MIN_BITS:
        raise StatusListError(f"une liste compte au moins {MIN_BITS} bits / a list holds at least {MIN_BITS} bits")
    valid_from = valid_from or datetime.now(timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "@context": [CONTEXT],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": f"{list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": purpose,
            "encodedList": encode_bitstring(bits),
        },
    }


def status_entry(list_url: str, index: int, purpose: str = "revocation") -> dict:
    """The `credentialStatus` of a credential whose status is bit `index` of the list at `list_url`."""
    _check_purpose(purpose)
    if not isinstance(index, int) or isinstance(index, bool) or index < 0:
        raise StatusListError(f"index invalide : {index!r} / invalid index")
    return {
        "id": f"{list_url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": purpose,
        "statusListIndex": str(index),
        "statusListCredential": list_url,
    }
