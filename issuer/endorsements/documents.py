"""EndorsementCredentials: built, signed (issuer.signing) and checked against the official OB 3.0 definition."""
from __future__ import annotations

import json
import uuid
from functools import lru_cache

from django.conf import settings

from export.request import CREDENTIAL_SCHEMA, OB_CONTEXT
from issuer.signing import dataintegrity, keys as K, statuslist

_NS = uuid.UUID("2d0c1f57-6a43-4b8e-9e3a-71c4b5d0e8a2")


class EndorsementError(ValueError):
    """An endorsement that cannot be made (a term no context defines, a schema problem): said plainly."""


# --- the endorser's identity: a did:web under the platform, a key the platform holds --------------

def endorser_did(endorser) -> str:
    """did:web:HOST:endorsers:SLUG, resolved at /endorsers/SLUG/did.json."""
    structure_like = K.did_web(settings.DIVA_BASE_URL, endorser.slug)
    return structure_like[: -len(f":issuers:{endorser.slug}")] + f":endorsers:{endorser.slug}"


def endorser_key(endorser):
    return K.decrypt_private_key(endorser.private_key_sealed, settings.DIVA_KEY_SECRET)


def endorser_document(endorser) -> dict:
    return K.did_document(endorser_did(endorser), endorser_key(endorser).public_key())


def organisation_profile(name: str) -> dict:
    """The endorser's organisation as an OB Profile (a stable urn:uuid from its name: it has no DID of its own)."""
    return {"id": f"urn:uuid:{uuid.uuid5(_NS, name.strip().lower())}", "type": ["Profile"], "name": name.strip()}


def endorser_profile(endorser) -> dict:
    """The OB 3.0 Profile of an endorser: name, role as its description, organisation as its parentOrg."""
    profile = {"id": endorser_did(endorser), "type": ["Profile"], "name": endorser.name}
    if endorser.role:
        profile["description"] = endorser.role
    if endorser.organisation:
        profile["parentOrg"] = organisation_profile(endorser.organisation)
    return profile


def sign_endorser_status_list(endorser, now: str) -> None:
    did = endorser_did(endorser)
    unsigned = statuslist.status_list_credential(endorser.status_url(), did, bytearray(endorser.status_bits),
                                                 "revocation", now)
    endorser.status_signed = dataintegrity.sign(unsigned, endorser_key(endorser), f"{did}#key-1")


# --- the EndorsementCredential ---------------------------------------------------------------------

def endorsement_credential(*, endorsement_id: str, issuer: dict, subject_id: str, comment: str, name: str,
                           valid_from: str, status: dict | None = None) -> dict:
    """An unsigned OB 3.0 EndorsementCredential about `subject_id` (a credential or an Achievement)."""
    doc = {
        "@context": list(OB_CONTEXT),
        "id": endorsement_id,
        "type": ["VerifiableCredential", "EndorsementCredential"],
        "name": name,
        "issuer": issuer,
        "validFrom": valid_from,
        "credentialSubject": {"id": subject_id, "type": ["EndorsementSubject"], "endorsementComment": comment},
    }
    if status:
        doc["credentialStatus"] = status
    return doc


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft201909Validator, FormatChecker

    schema = json.loads(CREDENTIAL_SCHEMA.read_text(encoding="utf-8"))
    definition = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/EndorsementCredential"}
    return Draft201909Validator(definition, format_checker=FormatChecker())


def schema_problems(doc: dict) -> list[str]:
    """Problems of an EndorsementCredential against the official schema's own EndorsementCredential definition."""
    return [f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message}"
            for e in _validator().iter_errors(doc)]


def sign(doc: dict, private_key, verification_method: str) -> dict:
    try:
        signed = dataintegrity.sign(doc, private_key, verification_method)
    except dataintegrity.UndefinedTermError as exc:
        raise EndorsementError(f"cannot sign the endorsement: {exc}") from None
    problems = schema_problems(signed)
    if problems:
        raise EndorsementError("the endorsement does not fit the OB 3.0 schema: " + "; ".join(problems[:3]))
    return signed
