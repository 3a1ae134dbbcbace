"""The badge request: OB 3.0 credentials valid against the official schema, the request against its own."""
from __future__ import annotations

import base64
import copy
import json
import re
import socket

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft201909Validator
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT201909

from export.request import (CREDENTIAL_SCHEMA, SCHEMA_DIR, Alignment, CompetenceAward, Endorser, LevelRubric,
                            RequestInput, build_badge_request, competence_and_level, hash_identity, identity_matches,
                            request_body, validate_credential, validate_request)
from export_samples import CREATED_AT, EMAIL, OFFICIAL_SCHEMA, REQUEST_ID, award, request_input, rubric


def _refuse(uri):
    raise NoSuchResource(ref=uri)


def official_validator() -> Draft201909Validator:
    """The official schema straight from ../shared, with a registry that can never fetch anything."""
    schema = json.loads(OFFICIAL_SCHEMA.read_text(encoding="utf-8"))
    registry = Registry(retrieve=_refuse).with_resource(
        schema["$id"], Resource.from_contents(schema, default_specification=DRAFT201909))
    return Draft201909Validator(schema, registry=registry)


def official_errors(credential: dict) -> list[str]:
    return [e.message for e in official_validator().iter_errors(credential)]


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the export package tried to open a network connection")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_vendored_schema_is_the_official_one():
    assert CREDENTIAL_SCHEMA.read_bytes() == OFFICIAL_SCHEMA.read_bytes()


def test_every_credential_validates_against_the_official_schema(validated_input, no_network):
    request = build_badge_request(validated_input, request_id=REQUEST_ID, created_at=CREATED_AT)
    assert len(request["credentials"]) == 2
    for credential in request["credentials"]:
        assert official_errors(credential) == []
        assert validate_credential(credential) == []
        assert validate_credential(credential, OFFICIAL_SCHEMA) == []
    assert validate_request(request) == []


def test_the_official_schema_catches_a_broken_credential(validated_input):
    credential = build_badge_request(validated_input)["credentials"][0]
    broken = copy.deepcopy(credential)
    del broken["issuer"]
    broken["credentialSubject"]["achievement"]["alignment"][0].pop("targetUrl")
    assert len(official_errors(broken)) == 2
    assert any("issuer" in e for e in validate_credential(broken))
    assert any("targetUrl" in e for e in validate_credential(broken))


def test_credential_carries_competence_level_rubric_and_evidence(validated_input):
    request = build_badge_request(validated_input, request_id=REQUEST_ID, created_at=CREATED_AT)
    credential = request["credentials"][0]
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["@context"][0] == "https://www.w3.org/ns/credentials/v2"
    assert "proof" not in credential
    assert credential["issuer"]["id"].startswith("urn:uuid:")
    assert credential["validFrom"] == CREATED_AT

    achievement = credential["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "Competency"
    rectec = [a for a in achievement["alignment"] if a["targetFramework"] == "RECTEC"]
    assert [(a["targetCode"], a["targetUrl"]) for a in rectec] == [
        ("O1", "https://rectec.example.org/competences/O1")]
    esco = [a for a in achievement["alignment"] if a["targetFramework"] == "ESCO"]
    assert esco and "pproximate" in esco[0]["targetDescription"]

    (description,) = achievement["resultDescription"]
    assert description["resultType"] == "RubricCriterionLevel"
    levels = description["rubricCriterionLevel"]
    assert [lv["level"] for lv in levels] == ["1", "2", "3", "4"]
    assert [lv["name"] for lv in levels] == [r.name for r in rubric()]
    (result,) = credential["credentialSubject"]["result"]
    assert result["resultDescription"] == description["id"]
    achieved = next(lv for lv in levels if lv["id"] == result["achievedLevel"])
    assert achieved["level"] == "2"
    assert competence_and_level(credential) == ("O1", 2)
    assert competence_and_level(request["credentials"][1]) == ("C3", 3)

    assert [(e["name"], e["narrative"]) for e in credential["evidence"]] == list(award().evidence)
    assert all(e["type"] == ["Evidence"] for e in credential["evidence"])
    assert credential["credentialSubject"]["narrative"] == "J'aime quand tout est prêt à l'heure."
    assert "narrative" not in request["credentials"][1]["credentialSubject"]


def test_request_envelope(validated_input):
    request = build_badge_request(validated_input, request_id=REQUEST_ID, created_at=CREATED_AT)
    assert request["id"] == REQUEST_ID
    assert request["type"] == "BadgeRequest"
    assert request["version"] == "1.1"
    assert request["createdAt"] == CREATED_AT
    assert request["structure"] == {"id": "ml-lyon", "name": "Mission locale de Lyon"}
    assert request["session"] == {"id": "sess-2025-03-14-a", "date": "2025-03-14", "mode": "solo"}
    assert request["learner"]["displayName"] == "Léa M."


def test_email_only_ever_sent_hashed(validated_input):
    request = build_badge_request(validated_input)
    body = request_body(request)
    assert EMAIL.encode() not in body and b"lea.martin" not in body
    identifier = request["learner"]["identifier"]
    assert identifier["identityHash"] == hash_identity(EMAIL, identifier["salt"])
    assert identifier["identityHash"].startswith("sha256$")
    assert identity_matches(identifier, "  LEA.Martin@example.org ")
    assert not identity_matches(identifier, "someone@example.org")
    for credential in request["credentials"]:
        assert credential["credentialSubject"]["identifier"] == [identifier]


def test_no_email_no_identifier():
    request = build_badge_request(request_input())
    assert "identifier" not in request["learner"]
    assert "identifier" not in request["credentials"][0]["credentialSubject"]
    assert validate_request(request) == []


def test_endorsement_when_validated(validated_input):
    request = build_badge_request(validated_input, request_id=REQUEST_ID, created_at=CREATED_AT)
    endorsement = request["endorsement"]
    o1 = request["credentials"][0]["id"]
    assert endorsement["validations"] == [{
        "credentialId": o1, "competenceId": "O1", "level": 2, "validatedBy": "Mme Durand (conseillère)",
        "validatedAt": "2025-03-14T11:00:00Z", "comment": "Très clair en débrief."}]
    assert endorsement["endorsementRequests"] == [{
        "credentialId": o1, "competenceId": "O1", "name": "Karim B.", "role": "entraîneur",
        "email": "karim@example.org"}]
    assert "endorsement" not in build_badge_request(request_input())


def test_image_goes_in_as_a_data_uri():
    png = b"\x89PNG\r\n\x1a\nfake"
    request = build_badge_request(request_input(award(image_png=png)))
    image = request["credentials"][0]["credentialSubject"]["achievement"]["image"]
    assert image["type"] == "Image"
    assert image["id"] == "data:image/png;base64," + base64.b64encode(png).decode()
    assert validate_credential(request["credentials"][0]) == []


def test_ids_new_per_build_unless_given():
    inp = request_input()
    first, second = build_badge_request(inp), build_badge_request(inp)
    assert first["id"] != second["id"]
    assert first["id"].startswith("urn:uuid:")
    again = [build_badge_request(inp, request_id=REQUEST_ID, created_at=CREATED_AT) for _ in range(2)]
    assert request_body(again[0]) == request_body(again[1])
    bare = build_badge_request(inp, request_id=REQUEST_ID[len("urn:uuid:"):], created_at=CREATED_AT)
    assert bare["id"] == REQUEST_ID
    with pytest.raises(ValueError):
        build_badge_request(inp, request_id="player-7")


def test_issuer_id_used_when_known():
    request = build_badge_request(request_input(issuer_id="https://badges.example.org/issuers/ml-lyon"))
    credential = request["credentials"][0]
    assert credential["issuer"]["id"] == "https://badges.example.org/issuers/ml-lyon"
    assert credential["credentialSubject"]["achievement"]["id"].startswith("https://badges.example.org/")
    with pytest.raises(ValueError):
        build_badge_request(request_input(issuer_id="not a uri"))


@pytest.mark.parametrize("bad", [
    dict(awards=(award(level=7),)),
    dict(session_mode="duel"),
    dict(awards=()),
    dict(awards=(award("O1"), award("O1", 3))),
    dict(lang="français"),
    dict(awards=(award(alignments=(Alignment("x", "https://esco.example", "ESCO", "S1"),)),)),
])
def test_invalid_inputs_are_refused(bad):
    inp = request_input()
    inp = RequestInput(**{**inp.__dict__, **bad})
    with pytest.raises(ValueError):
        build_badge_request(inp)


def test_request_body_is_canonical(validated_input):
    request = build_badge_request(validated_input)
    body = request_body(request)
    assert json.loads(body) == request
    assert body == json.dumps(request, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
    assert "Léa".encode("utf-8") in body  # utf-8, not \u escapes
    assert b'": ' not in body and b', "' not in body  # compact separators
    reordered = dict(reversed(list(request.items())))
    assert request_body(reordered) == body


@pytest.mark.parametrize("mutate, needle", [
    (lambda r: r["learner"].__setitem__("email", EMAIL), "email"),
    (lambda r: r.__setitem__("credentials", []), "credentials"),
    (lambda r: r["credentials"][0].pop("issuer"), "issuer"),
    (lambda r: r["credentials"][0].__setitem__("proof", [{"type": "DataIntegrityProof"}]), "credentials/0"),
    (lambda r: r["session"].__setitem__("mode", "duel"), "mode"),
    (lambda r: r["learner"]["identifier"].__setitem__("identityHash", EMAIL), "identityHash"),
    (lambda r: r.__setitem__("type", "Badge"), "type"),
])
def test_request_schema_refuses_broken_requests(validated_input, mutate, needle):
    request = build_badge_request(validated_input)
    assert validate_request(request) == []
    mutate(request)
    errors = validate_request(request)
    assert errors and any(needle in e for e in errors), errors


# --- every built request, whatever the data, is valid ------------------------------------------

_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_ids = st.from_regex(r"[A-Z][0-9]{1,2}", fullmatch=True)


@st.composite
def inputs(draw):
    ids = draw(st.lists(_ids, min_size=1, max_size=4, unique=True))
    awards = []
    for cid in ids:
        count = draw(st.integers(1, 4))
        awards.append(CompetenceAward(
            competence_id=cid, name=draw(_text), description=draw(_text), domain=draw(_text),
            level=draw(st.integers(1, count)),
            rubric=tuple(LevelRubric(n, draw(_text), draw(_text)) for n in range(1, count + 1)),
            alignments=(Alignment(draw(_text), f"https://rectec.example.org/{cid}", "RECTEC", cid),)
            + tuple(Alignment(draw(_text), "http://data.europa.eu/esco/skill/x", "ESCO", draw(_text))
                    for _ in range(draw(st.integers(0, 2)))),
            evidence=tuple(draw(st.lists(st.tuples(_text, _text), max_size=3))),
            narrative=draw(_text),
            image_png=draw(st.one_of(st.none(), st.binary(min_size=1, max_size=40))),
            validated_by=draw(st.sampled_from(["", "Mme Durand"])),
            validation_comment=draw(_text),
            endorsers=tuple(Endorser(draw(_text), draw(_text), draw(st.sampled_from(["", "x@example.org"])))
                            for _ in range(draw(st.integers(0, 2)))),
        ))
    return RequestInput(
        structure_id=draw(_text), structure_name=draw(_text), session_id=draw(_text.filter(bool)),
        session_date="2025-03-14", session_mode=draw(st.sampled_from(["solo", "turns", "vote"])),
        player_id=draw(_text), display_name=draw(_text), lang=draw(st.sampled_from(["fr", "en"])),
        awards=tuple(awards), recipient_email=draw(st.sampled_from(["", EMAIL])),
        issuer_id=draw(st.sampled_from(["", "https://badges.example.org/i/1"])),
    )


@settings(max_examples=40, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(inputs())
def test_every_built_request_validates(inp):
    request = build_badge_request(inp)
    assert validate_request(request) == []
    validator = official_validator()
    for award_, credential in zip(inp.awards, request["credentials"]):
        assert list(validator.iter_errors(credential)) == []
        assert competence_and_level(credential) == (award_.competence_id, award_.level)
    assert json.loads(request_body(request)) == request
    if inp.recipient_email:
        assert inp.recipient_email.encode() not in request_body(request)


def test_the_protocol_example_is_a_valid_request():
    text = (SCHEMA_DIR.parent / "PROTOCOL.md").read_text(encoding="utf-8")
    example = next(json.loads(block) for block in re.findall(r"```json\n(.*?)```", text, re.S)
                   if '"BadgeRequest"' in block)
    assert validate_request(example) == []
    for credential in example["credentials"]:
        assert official_errors(credential) == []
        assert competence_and_level(credential) == ("O1", 2)
