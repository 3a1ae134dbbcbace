"""QR codes decode to exactly their URL; the offline summary carries no personal data."""
from __future__ import annotations

import base64
import io
import json
import string
import zlib

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from export.qr import claim_qr_png, decode_offline_fragment, offline_claim_url, qr_matrix
from export.request import build_badge_request
from export_samples import CREATED_AT, EMAIL, REQUEST_ID, award, request_input

BASE = "https://badges.example.org/claim"


def read_qr(png: bytes):
    [code] = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return code


@pytest.fixture
def request_dict(validated_input):
    return build_badge_request(validated_input, request_id=REQUEST_ID, created_at=CREATED_AT)


@pytest.mark.parametrize("url", [
    "https://badges.example.org/c/Ab12Cd",
    "https://badges.mission-locale.fr/claim/2f9c7e1a-77b4-4d6e-9c11-0a1b2c3d4e5f?lang=fr",
    "http://127.0.0.1:8000/c/x",
])
def test_claim_qr_decodes_to_exactly_the_url(url):
    png = claim_qr_png(url)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    code = read_qr(png)
    assert code.text == url
    assert code.format == zxingcpp.BarcodeFormat.QRCode
    assert code.ec_level == "Q"


def test_offline_qr_decodes_to_exactly_the_url(request_dict):
    url = offline_claim_url(BASE, request_dict)
    assert read_qr(claim_qr_png(url, box_size=6)).text == url


def test_offline_summary_round_trip(request_dict):
    url = offline_claim_url(BASE + "#old", request_dict)
    assert url.startswith(BASE + "#diva1=")
    assert decode_offline_fragment(url) == {
        "requestId": REQUEST_ID,
        "sessionId": "sess-2025-03-14-a",
        "competences": [{"id": "O1", "level": 2}, {"id": "C3", "level": 3}],
    }


def test_offline_fragment_is_zlib_base64url(request_dict):
    payload = offline_claim_url(BASE, request_dict).split("#diva1=", 1)[1]
    assert set(payload) <= set(string.ascii_letters + string.digits + "-_")
    raw = json.loads(zlib.decompress(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))))
    assert set(raw) == {"r", "s", "c"}


def test_offline_url_holds_no_personal_data(request_dict):
    url = offline_claim_url(BASE, request_dict)
    summary = json.dumps(decode_offline_fragment(url), ensure_ascii=False)
    for private in ("Léa", EMAIL, "lea.martin", "Karim", "karim@example.org", "festival", "Mme Durand",
                    request_dict["learner"]["identifier"]["identityHash"]):
        assert private not in url and private not in summary


# Characters the URL or the decoded summary may hold anyway: a name made only of these could match
# by chance, so every generated name has at least one other character.
_PUBLIC = set(string.ascii_letters + string.digits + "-_:/.#=%?&" + '{}[]",: ')
_names = st.text(min_size=1, max_size=40).filter(lambda s: not set(s) <= _PUBLIC)
_emails = st.emails()


@settings(max_examples=60, deadline=None, database=None)
@given(name=_names, email=_emails)
def test_no_display_name_or_email_ever_in_the_qr_text(name, email):
    request = build_badge_request(request_input(award("O1", 2), award("E4", 1), display_name=name,
                                                recipient_email=email))
    url = offline_claim_url(BASE, request)
    summary = decode_offline_fragment(url)
    decoded_text = json.dumps(summary, ensure_ascii=False, separators=(",", ":"))
    assert name not in url and name not in decoded_text
    assert email not in url and email not in decoded_text
    assert "@" not in url
    assert set(summary) == {"requestId", "sessionId", "competences"}
    assert summary["competences"] == [{"id": "O1", "level": 2}, {"id": "E4", "level": 1}]


def test_offline_base_must_be_https(request_dict):
    with pytest.raises(ValueError):
        offline_claim_url("http://badges.example.org/claim", request_dict)


@pytest.mark.parametrize("url", [
    "https://badges.example.org/claim", "https://badges.example.org/claim#other",
    "https://badges.example.org/claim#diva1=!!!!", "https://badges.example.org/claim#diva1=" +
    base64.urlsafe_b64encode(zlib.compress(b'{"r": 1}')).decode(),
    "https://badges.example.org/claim#diva1=" + base64.urlsafe_b64encode(zlib.compress(b"0" * 100_000)).decode(),
])
def test_unreadable_fragments_raise_value_error(url):
    with pytest.raises(ValueError):
        decode_offline_fragment(url)


def test_matrix_draws_the_same_code():
    url = "https://badges.example.org/c/Ab12Cd"
    matrix = qr_matrix(url)
    size = len(matrix)
    assert all(len(row) == size for row in matrix)
    assert not any(matrix[0]) and not any(row[0] for row in matrix)  # quiet zone
    scale = 8
    image = Image.new("L", (size * scale, size * scale), 255)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                image.paste(0, (x * scale, y * scale, (x + 1) * scale, (y + 1) * scale))
    [code] = zxingcpp.read_barcodes(image)
    assert code.text == url and code.ec_level == "Q"


def test_png_size_and_pixels_follow_the_matrix():
    url = "https://badges.example.org/c/Ab12Cd"
    matrix = qr_matrix(url)
    image = Image.open(io.BytesIO(claim_qr_png(url, box_size=3)))
    assert image.size == (len(matrix) * 3, len(matrix) * 3)
    assert all(image.getpixel((x * 3 + 1, y * 3 + 1)) == (0 if dark else 255)
               for y, row in enumerate(matrix) for x, dark in enumerate(row))
