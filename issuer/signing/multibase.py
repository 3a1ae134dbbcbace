"""base58btc multibase (the `z…` strings of multikeys and proof values)."""
from __future__ import annotations

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {c: i for i, c in enumerate(ALPHABET)}


class MultibaseError(ValueError):
    """A string that is not base58btc multibase."""


def b58encode(data: bytes) -> str:
    zeros = len(data) - len(data.lstrip(b"\0"))
    n = int.from_bytes(data, "big")
    out = []
    while n:
        n, r = divmod(n, 58)
        out.append(ALPHABET[r])
    return "1" * zeros + "".join(reversed(out))


def b58decode(text: str) -> bytes:
    n = 0
    for c in text:
        try:
            n = n * 58 + _INDEX[c]
        except KeyError:
            raise MultibaseError(
                f"caractère {c!r} hors de l'alphabet base58btc / character {c!r} not in base58btc"
            ) from None
    zeros = len(text) - len(text.lstrip("1"))
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * zeros + body


def encode_z(data: bytes) -> str:
    """Multibase base58btc: 'z' + base58."""
    return "z" + b58encode(data)


def decode_z(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z") or len(text) < 2:
        raise MultibaseError(
            "valeur multibase base58btc attendue (commence par « z ») / "
            "expected a base58btc multibase value (starting with 'z')"
        )
    return b58decode(text[1:])
