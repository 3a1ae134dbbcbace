"""Bitstring Status List v1.0: encoding properties, bit order, the list credential and the entry."""
import base64
import gzip

import pytest
from hypothesis import given, settings, strategies as st

from issuer.signing import dataintegrity, keys, statuslist

LIST = "https://badges.example.org/status/1"


@given(st.binary(min_size=0, max_size=4096))
@settings(max_examples=100, deadline=None)
def test_encode_decode_round_trip(bits):
    encoded = statuslist.encode_bitstring(bits)
    assert encoded.startswith("u") and "=" not in encoded and "+" not in encoded and "/" not in encoded
    assert statuslist.decode_bitstring(encoded) == bits
    body = encoded[1:]
    assert gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))) == bits


@given(st.sets(st.integers(min_value=0, max_value=statuslist.MIN_BITS - 1), max_size=50))
@settings(max_examples=60, deadline=None)
def test_set_bits_survive_encoding_and_only_they_are_set(indexes):
    bits = statuslist.new_bitstring()
    for i in indexes:
        statuslist.set_bit(bits, i)
    decoded = statuslist.decode_bitstring(statuslist.encode_bitstring(bits))
    assert {i for i in range(statuslist.MIN_BITS) if decoded[i // 8] and statuslist.is_set(decoded, i)} == indexes


def test_bit_zero_is_the_most_significant_bit_of_byte_zero():
    bits = statuslist.new_bitstring()
    statuslist.set_bit(bits, 0)
    assert bits[0] == 0x80
    statuslist.set_bit(bits, 7)
    statuslist.set_bit(bits, 9)
    assert bits[0] == 0x81 and bits[1] == 0x40
    statuslist.set_bit(bits, 0, False)
    assert bits[0] == 0x01 and not statuslist.is_set(bits, 0) and statuslist.is_set(bits, 9)


def test_minimum_size_and_empty_list_compresses_small():
    assert statuslist.MIN_BITS == 131072
    encoded = statuslist.encode_bitstring(statuslist.new_bitstring())
    assert len(encoded) < 200
    with pytest.raises(statuslist.StatusListError):
        statuslist.new_bitstring(1024)
    with pytest.raises(statuslist.StatusListError):
        statuslist.status_list_credential(LIST, "did:example:i", bytearray(16))


@pytest.mark.parametrize("bad", ["", "H4sI", "u!!!", "uAAAA", 12,
                                 "u" + base64.urlsafe_b64encode(b"not gzip").decode().rstrip("=")])
def test_bad_encodings_are_refused(bad):
    with pytest.raises(statuslist.StatusListError):
        statuslist.decode_bitstring(bad)


def test_gzip_bomb_is_refused():
    bomb = "u" + base64.urlsafe_b64encode(gzip.compress(bytes(statuslist.MAX_DECODED_BYTES + 1))).decode().rstrip("=")
    with pytest.raises(statuslist.StatusListError):
        statuslist.decode_bitstring(bomb)


@pytest.mark.parametrize("index", [-1, statuslist.MIN_BITS, True, "3"])
def test_out_of_range_index_is_refused(index):
    with pytest.raises(statuslist.StatusListError):
        statuslist.is_set(statuslist.new_bitstring(), index)


def test_entry_shape():
    entry = statuslist.status_entry(LIST, 4242)
    assert entry == {"id": f"{LIST}#4242", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
                     "statusListIndex": "4242", "statusListCredential": LIST}
    with pytest.raises(statuslist.StatusListError):
        statuslist.status_entry(LIST, 1, purpose="oubli")


def test_random_index_avoids_taken_ones():
    taken = set(range(statuslist.MIN_BITS - 3))
    for _ in range(20):
        assert statuslist.random_index(taken) >= statuslist.MIN_BITS - 3
    with pytest.raises(statuslist.StatusListError):
        statuslist.random_index(set(range(8)), size=8)


def test_list_credential_signs_with_every_term_defined_and_verifies():
    key = keys.generate_private_key()
    did = keys.did_key(key.public_key())
    bits = statuslist.new_bitstring()
    statuslist.set_bit(bits, 77)
    credential = statuslist.status_list_credential(LIST, did, bits, valid_from="2025-01-01T00:00:00Z")
    dataintegrity.check_terms(credential)
    signed = dataintegrity.sign(credential, key, keys.did_key_verification_method(key.public_key()))
    assert dataintegrity.verify(signed, lambda m: key.public_key()).ok
    decoded = statuslist.decode_bitstring(signed["credentialSubject"]["encodedList"])
    assert statuslist.is_set(decoded, 77) and not statuslist.is_set(decoded, 76)
