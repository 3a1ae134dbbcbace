"""HMAC-SHA256 signature of a request body, as webhooks do (header X-DIVA-Signature)."""
from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-DIVA-Signature"
_PREFIX = "sha256="


def sign(body: bytes, secret: str) -> str:
    """"sha256=<hex>" HMAC-SHA256 of the exact body bytes with the structure's secret."""
    if not secret:
        raise ValueError("an empty secret cannot sign a request")
    return _PREFIX + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str | None) -> bool:
    """Whether `header` is the signature of `body` with `secret` (constant-time comparison)."""
    if not secret or not header:
        return False
    expected = sign(body, secret).encode("ascii")
    given = header.strip().lower().encode("utf-8", "replace")
    return hmac.compare_digest(expected, given)
