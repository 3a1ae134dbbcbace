"""The structures' HMAC secrets, kept encrypted with the platform key so nobody can read them back."""
from __future__ import annotations

import base64
import hashlib
import secrets

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    key = hashlib.sha256(b"diva-issuer/hmac-secret/" + settings.DIVA_KEY_SECRET.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def new_secret() -> str:
    """A fresh structure secret: 32 random bytes, url-safe, easy to paste into the game."""
    return secrets.token_urlsafe(32)


def seal(secret: str) -> str:
    return _fernet().encrypt(secret.encode()).decode("ascii")


def unseal(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        raise ValueError("the structure's secret cannot be decrypted: DIVA_ISSUER_KEY_SECRET changed") from None
