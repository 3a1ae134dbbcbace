"""Our verifier's report: valid, tampered, expired, revoked, wrong key, foreign key, schema, endorsements."""
import copy
from datetime import datetime, timezone

import pytest

from issuer.signing import dataintegrity, keys, statuslist
from issuer.signing.verifier import verify_credential
from signing_samples import diva_credential, endorsement_credential

BASE = "https://badges.example.org"
NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)


class Platform:
    """What the platform's database would answer: DID documents and signed status lists, as dicts."""

    def __init__(self):
        self.key = keys.generate_private_key()
        self.did = keys.did_web(BASE, "ml-lyon")
        self.dids = {self.did: keys.did_document(self.did, self.key.public_key())}
        self.list_url = f"{BASE}/status/1"
        self.bits = statuslist.new_bitstring()
        self.lists = {}
        self.publish()

    def publish(self):
        unsigned = statuslist.status_list_credential(self.list_url, self.did, self.bits,
                                                     valid_from="2025-01-01T00:00:00Z")
        self.lists[self.list_url] = dataintegrity.sign(unsigned, self.key, f"{self.did}#key-1")

    def issue(self, index=7, **changes):
        credential = diva_credential(self.did, **changes)
        credential["credentialStatus"] = statuslist.status_entry(self.list_url, index)
        return dataintegrity.sign(credential, self.key, f"{self.did}#key-1")

    def verify(self, credential, now=NOW):
        return verify_credential(credential, resolve_did=self.dids.__getitem__,
                                 fetch_status=self.lists.__getitem__, now=now)


@pytest.fixture
def platform():
    return Platform()


def test_valid_credential_passes_every_check_in_order(platform):
    report = platform.verify(platform.issue())
    assert [c.name for c in report.checks] == ["schema", "proof", "issuer_key", "dates", "status"]
    assert all(c.ok for c in report.checks), [c.message_en for c in report.checks if not c.ok]
    assert report.valid and not report.revoked and not report.expired
    assert all(c.message_fr and c.message_en and c.message_fr != c.message_en for c in report.checks)
    as_dict = report.to_dict()
    assert as_dict["valid"] is True and as_dict["issuer"] == platform.did and len(as_dict["checks"]) == 5


def test_tampered_credential_fails_the_proof(platform):
    credential = platform.issue()
    credential["credentialSubject"]["result"][0]["achievedLevel"] = \
        credential["credentialSubject"]["result"][0]["achievedLevel"].replace("level-2", "level-4")
    report = platform.verify(credential)
    assert not report.valid and not report.check("proof").ok
    assert "Signature invalide" in report.check("proof").message_fr


def test_expired_and_not_yet_valid(platform):
    expired = platform.issue(validUntil="2025-05-01T00:00:00Z")
    report = platform.verify(expired)
    assert report.expired and not report.valid and not report.check("dates").ok
    assert report.check("proof").ok and "2025-05-01" in report.check("dates").message_fr
    future = platform.issue(validFrom="2025-07-01T00:00:00Z")
    report = platform.verify(future)
    assert not report.valid and not report.expired and "Pas encore valide" in report.check("dates").message_fr


def test_revoked_through_the_signed_status_list_while_others_stay_valid(platform):
    revoked, kept = platform.issue(index=7), platform.issue(index=8)
    statuslist.set_bit(platform.bits, 7)
    platform.publish()
    report = platform.verify(revoked)
    assert report.revoked and not report.valid and report.check("proof").ok
    assert report.check("status").message_fr == "Badge révoqué par son émetteur."
    assert platform.verify(kept).valid


def test_status_list_not_signed_by_the_issuer_is_refused(platform):
    credential = platform.issue()
    forged = copy.deepcopy(platform.lists[platform.list_url])
    bits = statuslist.new_bitstring()
    statuslist.set_bit(bits, 7)  # someone "revokes" it by editing the list without the issuer's key
    forged["credentialSubject"]["encodedList"] = statuslist.encode_bitstring(bits)
    platform.lists[platform.list_url] = forged
    report = platform.verify(credential)
    assert not report.valid and not report.check("status").ok and not report.revoked
    platform.lists.clear()
    report = platform.verify(credential)
    assert not report.check("status").ok and "introuvable" in report.check("status").message_fr


def test_wrong_key_fails(platform):
    intruder = keys.generate_private_key()
    credential = diva_credential(platform.did)
    signed = dataintegrity.sign(credential, intruder, f"{platform.did}#key-1")
    report = platform.verify(signed)
    assert not report.valid and not report.check("proof").ok


def test_key_of_someone_else_is_not_the_issuer_key(platform):
    other = keys.generate_private_key()
    credential = diva_credential(platform.did)
    signed = dataintegrity.sign(credential, other, keys.did_key_verification_method(other.public_key()))
    report = platform.verify(signed)
    assert report.check("proof").ok  # a real signature…
    assert not report.check("issuer_key").ok and not report.valid  # …but not by the issuer


def test_key_not_listed_for_assertions_is_refused(platform):
    platform.dids[platform.did]["assertionMethod"] = []
    report = platform.verify(platform.issue())
    assert report.check("proof").ok and not report.check("issuer_key").ok


def test_unknown_did_fails_clearly(platform):
    credential = platform.issue()
    report = verify_credential(credential, resolve_did=lambda did: (_ for _ in ()).throw(LookupError(did)),
                               fetch_status=platform.lists.__getitem__, now=NOW)
    assert not report.valid and "introuvable" in report.check("proof").message_fr


def test_did_key_issuer_verifies_without_any_resolver():
    key = keys.generate_private_key()
    credential = dataintegrity.sign(diva_credential(keys.did_key(key.public_key())), key,
                                    keys.did_key_verification_method(key.public_key()))

    def nothing(_):
        raise AssertionError("did:key resolves locally")
    report = verify_credential(credential, resolve_did=nothing, fetch_status=nothing, now=NOW)
    assert report.valid, report.to_dict()


def test_schema_failure_is_reported(platform):
    credential = diva_credential(platform.did)
    del credential["credentialSubject"]["achievement"]["criteria"]
    signed = dataintegrity.sign(credential, platform.key, f"{platform.did}#key-1")
    report = platform.verify(signed)
    assert not report.check("schema").ok and report.check("proof").ok and not report.valid


def test_embedded_endorsements_are_verified_alike(platform):
    endorser = keys.generate_private_key()
    credential = diva_credential(platform.did)
    credential["endorsement"] = [dataintegrity.sign(
        endorsement_credential(credential["id"], keys.did_key(endorser.public_key())), endorser,
        keys.did_key_verification_method(endorser.public_key()))]
    signed = dataintegrity.sign(credential, platform.key, f"{platform.did}#key-1")
    report = platform.verify(signed)
    assert report.valid and len(report.endorsements) == 1 and report.endorsements[0].valid
    assert [c.name for c in report.endorsements[0].checks] == ["proof", "issuer_key", "dates", "status"]

    credential["endorsement"][0]["credentialSubject"]["endorsementComment"] = "Changé"
    resigned = dataintegrity.sign(credential, platform.key, f"{platform.did}#key-1")
    report = platform.verify(resigned)
    assert report.check("proof").ok and not report.endorsements[0].valid and not report.valid


@pytest.mark.parametrize("garbage", [None, [], "texte", {"@context": 3}, {}])
def test_garbage_gets_a_report_not_a_traceback(platform, garbage):
    report = platform.verify(garbage)
    assert not report.valid and report.checks
