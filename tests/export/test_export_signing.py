"""HMAC-SHA256 signature over the exact body bytes."""
from __future__ import annotations

import hashlib
import hmac
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import export.signing as signing
from export.request import build_badge_request, request_body
from export.signing import sign, verify
from export_samples import SECRET, request_input


def test_signature_is_hmac_sha256_of_the_exact_body():
    body = request_body(build_badge_request(request_input()))
    header = sign(body, SECRET)
    assert re.fullmatch(r"sha256=[0-9a-f]{64}", header)
    assert header == "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert verify(body, SECRET, header)


@settings(database=None)
@given(st.binary(max_size=200), st.text(min_size=1, max_size=40), st.binary(min_size=1, max_size=5))
def test_any_change_breaks_the_signature(body, secret, extra):
    header = sign(body, secret)
    assert verify(body, secret, header)
    assert not verify(body + extra, secret, header)
    assert not verify(body, secret + "x", header)


def test_reformatted_json_does_not_verify():
    request = build_badge_request(request_input())
    body = request_body(request)
    pretty = __import__("json").dumps(request, indent=2).encode()
    assert not verify(pretty, SECRET, sign(body, SECRET))


@pytest.mark.parametrize("header", [None, "", "sha256=", "sha1=abc", "garbage"])
def test_missing_or_malformed_headers_fail(header):
    assert not verify(b"{}", SECRET, header)


def test_verify_compares_in_constant_time(monkeypatch):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(signing.hmac, "compare_digest", spy)
    assert verify(b"{}", SECRET, sign(b"{}", SECRET))
    assert len(calls) == 1


def test_empty_secret_cannot_sign():
    with pytest.raises(ValueError):
        sign(b"{}", "")
    assert not verify(b"{}", "", "sha256=" + "0" * 64)
