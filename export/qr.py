"""QR codes for claiming badges: the issuer's claim URL, or offline a URL carrying a summary.

No personal data ever goes in a QR: the offline summary holds only the request id, the session
id and the competence ids with their levels.
"""
from __future__ import annotations

import base64
import json
import struct
import zlib
from functools import lru_cache
from urllib.parse import urlsplit

import qrcode
from qrcode.constants import ERROR_CORRECT_Q

from export.issuer import check_issuer_url
from export.request import competence_and_level

FRAGMENT_KEY = "diva1="
_MAX_SUMMARY_BYTES = 16_384


def _qr(url: str, box_size: int = 10, border: int = 4) -> qrcode.QRCode:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_Q, box_size=box_size, border=border)
    code.add_data(url)
    code.make(fit=True)
    return code


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def claim_qr_png(url: str, box_size: int = 10) -> bytes:
    """PNG bytes of a QR code (error correction Q) holding exactly `url`.

    Encoded here (8-bit greyscale) so that no imaging library is needed at run time.
    """
    if box_size < 1:
        raise ValueError("box_size must be at least 1 pixel")
    matrix = _matrix(url, 4)
    side = len(matrix) * box_size
    rows = bytearray()
    same_as_above = b"\x02" + bytes(side)  # PNG filter "Up", nothing added: the row above again
    for modules in matrix:
        rows += b"\x00" + b"".join((b"\x00" if dark else b"\xff") * box_size for dark in modules)
        rows += same_as_above * (box_size - 1)
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)  # 8-bit greyscale, no interlace
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(bytes(rows), 6)) + _png_chunk(b"IEND", b""))


def qr_matrix(url: str, border: int = 4) -> list[list[bool]]:
    """Rows of dark (True) / light modules, quiet zone included, for the game to draw itself."""
    return [list(row) for row in _matrix(url, border)]


@lru_cache(maxsize=64)
def _matrix(url: str, border: int) -> tuple[tuple[bool, ...], ...]:
    """The QR modules of `url`, encoded once (a session shows and writes each claim URL more than once)."""
    return tuple(tuple(row) for row in _qr(url, 1, border).get_matrix())


def request_summary(request: dict) -> dict:
    """The only things an offline QR may carry: ids and levels, nothing about the person."""
    return {
        "r": request["id"],
        "s": request["session"]["id"],
        "c": [list(competence_and_level(c)) for c in request["credentials"]],
    }


def offline_claim_url(base_url: str, request: dict) -> str:
    """`base_url` with a fragment holding the zlib + base64url summary of `request` (read offline)."""
    base = base_url.strip().split("#", 1)[0]
    problem = check_issuer_url(base.split("?", 1)[0])
    if problem:
        raise ValueError(problem)
    raw = json.dumps(request_summary(request), separators=(",", ":"), ensure_ascii=True).encode("ascii")
    payload = base64.urlsafe_b64encode(zlib.compress(raw, 9)).decode("ascii").rstrip("=")
    return f"{base}#{FRAGMENT_KEY}{payload}"


def decode_offline_fragment(url: str) -> dict:
    """The summary an offline claim URL carries: {"requestId", "sessionId", "competences": [{"id", "level"}]}."""
    fragment = urlsplit(url).fragment
    if not fragment.startswith(FRAGMENT_KEY):
        raise ValueError("this URL carries no DIVA offline summary")
    payload = fragment[len(FRAGMENT_KEY):]
    try:
        packed = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        inflater = zlib.decompressobj()
        raw = inflater.decompress(packed, _MAX_SUMMARY_BYTES)
        if inflater.unconsumed_tail:
            raise ValueError("summary too large")
        data = json.loads(raw.decode("ascii"))
        return {
            "requestId": str(data["r"]),
            "sessionId": str(data["s"]),
            "competences": [{"id": str(cid), "level": int(level)} for cid, level in data["c"]],
        }
    except (ValueError, KeyError, TypeError, zlib.error, UnicodeDecodeError) as exc:
        raise ValueError(f"unreadable DIVA offline summary ({type(exc).__name__})") from None
