"""Approving a request: each credential gets the structure's issuer, an id, a status entry, and a proof."""
from __future__ import annotations

import copy
import uuid
from datetime import datetime, timezone

from django.conf import settings
from django.db import transaction
from django.utils import timezone as dj_timezone

from export.request import CREDENTIAL_SCHEMA, _validator, competence_and_level, validate_credential
from issuer.credentials import keys
from issuer.credentials.models import IssuedCredential, StatusList
from issuer.intake.models import BadgeRequest
from issuer.review.audit import record
from issuer.signing import dataintegrity, statuslist

PURPOSE = "revocation"


class ReviewError(ValueError):
    """An action that cannot be done (already reviewed, a level raised, no reason): said plainly."""


def iso_now(now: datetime | None = None) -> str:
    return (now or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- status lists ------------------------------------------------------------------------------

def _sign(structure, document: dict) -> dict:
    """A Data Integrity proof (eddsa-rdfc-2022) by the structure's key; text cleaned and every term checked first."""
    did = document["issuer"]["id"] if isinstance(document["issuer"], dict) else document["issuer"]
    try:
        return dataintegrity.sign(document, keys.private_key(structure), keys.verification_method(structure, did))
    except dataintegrity.UndefinedTermError as exc:
        raise ReviewError(f"cannot sign: {exc}") from None


def sign_status_list(status_list: StatusList) -> None:
    """Re-sign the list's BitstringStatusListCredential from its bits (on creation and each revocation)."""
    structure = status_list.structure
    unsigned = statuslist.status_list_credential(status_list.url(), keys.issuer_profile(structure)["id"],
                                                 bytearray(status_list.bits), status_list.purpose, iso_now())
    status_list.signed = _sign(structure, unsigned)


def _open_list(structure) -> StatusList:
    """The structure's current list, locked; a new one once half its bits are used (random indexes stay cheap)."""
    current = StatusList.objects.select_for_update().filter(structure=structure, purpose=PURPOSE).order_by("-pk").first()
    if current is None or current.entries.count() * 2 >= current.size:
        current = StatusList.objects.create(structure=structure, purpose=PURPOSE, size=statuslist.MIN_BITS,
                                            bits=bytes(statuslist.new_bitstring(statuslist.MIN_BITS)))
        sign_status_list(current)
        current.save(update_fields=["signed"])
    return current


def _free_index(status_list: StatusList, taken: set[int]) -> int:
    """A random unused index: its position says nothing about when or to whom it was issued."""
    index = statuslist.random_index(taken, status_list.size)
    taken.add(index)
    return index


# --- one credential ----------------------------------------------------------------------------

def _rewrite_ids(value, old: str, new: str):
    if isinstance(value, str):
        return new + value[len(old):] if value == old or value.startswith(old + "#") else value
    if isinstance(value, list):
        return [_rewrite_ids(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _rewrite_ids(v, old, new) for k, v in value.items()}
    return value


def lower_level(credential: dict, level: int) -> dict:
    """The credential with a lower achieved level (from its own rubric) and its name saying so."""
    credential = copy.deepcopy(credential)
    subject = credential["credentialSubject"]
    achievement = subject["achievement"]
    rubric = [r for d in achievement.get("resultDescription", []) for r in d.get("rubricCriterionLevel", [])]
    target = next((r for r in rubric if str(r.get("level")) == str(level)), None)
    if target is None:
        raise ReviewError(f"level {level} is not in the rubric of {achievement.get('name')}")
    subject["result"][0]["achievedLevel"] = target["id"]
    credential["name"] = f"{achievement['name']}: {target['name']}"
    return credential


def build_credential(badge_request: BadgeRequest, credential: dict, *, public_uuid: uuid.UUID, status_list: StatusList,
                     index: int, issued: str) -> dict:
    """The request's unsigned credential made ours: issuer, id, achievement ids, dates, status entry."""
    structure = badge_request.structure
    doc = copy.deepcopy(credential)
    doc.pop("proof", None)
    competence, _ = competence_and_level(doc)
    old_achievement = doc["credentialSubject"]["achievement"].get("id")
    new_achievement = f"{settings.DIVA_BASE_URL}/issuers/{structure.slug}/achievements/rectec/{competence}"
    if old_achievement:
        doc["credentialSubject"] = _rewrite_ids(doc["credentialSubject"], old_achievement, new_achievement)
    doc["credentialSubject"]["achievement"]["id"] = new_achievement
    doc["id"] = f"{settings.DIVA_BASE_URL}/credentials/{public_uuid}"
    doc["issuer"] = keys.issuer_profile(structure)
    doc["validFrom"] = issued
    doc["credentialStatus"] = statuslist.status_entry(status_list.url(), index, PURPOSE)
    return doc


def sign_credential(structure, doc: dict) -> dict:
    """Signed, then checked against the official OB 3.0 schema (a quick yes first; the reasons only on a no)."""
    signed = _sign(structure, doc)
    if _credential_validator().is_valid(signed):
        return signed
    problems = validate_credential(signed)
    if problems:
        raise ReviewError("the signed credential does not fit the OB 3.0 schema: " + "; ".join(problems[:3]))
    return signed


def _credential_validator():
    from pathlib import Path

    return _validator(Path(CREDENTIAL_SCHEMA))   # export.request's cached validator of the official schema


# --- review actions ----------------------------------------------------------------------------

def approve(badge_request: BadgeRequest, *, actor: str, levels: dict[int, tuple[int, str]] | None = None) -> list[IssuedCredential]:
    """Sign every credential of a pending request; `levels` lowers some: {position: (level, reason)}."""
    from issuer.endorsements import services as endorsements

    levels = levels or {}
    with transaction.atomic():
        locked = BadgeRequest.objects.select_for_update().select_related("structure").get(pk=badge_request.pk)
        if locked.status != BadgeRequest.PENDING:
            raise ReviewError(f"request {locked.request_id} is already {locked.status}")
        structure = locked.structure
        status_list = _open_list(structure)
        taken = set(status_list.entries.values_list("status_index", flat=True))
        now = dj_timezone.now()
        issued = iso_now(now)
        made = []
        for position, credential in enumerate(locked.credentials):
            competence, requested = competence_and_level(credential)
            level, reason = requested, ""
            if position in levels and levels[position][0] != requested:
                level, reason = levels[position]
                reason = (reason or "").strip()
                if level > requested or level < 1:
                    raise ReviewError(f"{competence}: a level can only be lowered (asked {requested}, got {level})")
                if not reason:
                    raise ReviewError(f"{competence}: say why the level is lowered")
                credential = lower_level(credential, level)
            public_uuid = uuid.uuid4()
            index = _free_index(status_list, taken)
            doc = build_credential(locked, credential, public_uuid=public_uuid, status_list=status_list,
                                   index=index, issued=issued)
            doc = _with_endorsements(locked, credential, doc, competence, level, issued)
            signed = sign_credential(structure, doc)
            made.append(IssuedCredential.objects.create(
                uuid=public_uuid, badge_request=locked, structure=structure, position=position,
                request_credential_id=credential["id"], credential_id=signed["id"], competence_id=competence,
                level=level, requested_level=requested, level_reason=reason, document=signed,
                status_list=status_list, status_index=index, issued_at=now))
            if reason:
                record(locked, "level_lowered", actor=actor, credential=made[-1],
                       detail={"competence": competence, "from": requested, "to": level, "reason": reason})
        locked.status = BadgeRequest.ISSUED
        locked.reviewed_at = now
        locked.reviewed_by = actor
        locked.save(update_fields=["status", "reviewed_at", "reviewed_by"])
        record(locked, "approved", actor=actor, detail={"credentials": [str(c.uuid) for c in made]})
        invitations = endorsements.invite_named(locked, made)
    endorsements.send_all(invitations)   # after the commit: a mail server down never undoes an approval
    return made


# --- endorsements (issuer.endorsements) ---------------------------------------------------------

def _apply_definition(doc: dict, definition) -> dict:
    """A badge co-defined with partners: its own Achievement id, the partners' criteria and their endorsements."""
    from issuer.endorsements import services as endorsements

    subject = doc["credentialSubject"]
    old, new = subject["achievement"].get("id"), definition.achievement_id()
    if old and old != new:
        doc["credentialSubject"] = subject = _rewrite_ids(subject, old, new)
    achievement = subject["achievement"]
    achievement["id"] = new
    achievement["criteria"] = {"narrative": definition.criteria}
    partners = endorsements.partner_endorsements(definition)
    if partners:
        achievement["endorsement"] = partners
    else:
        achievement.pop("endorsement", None)
    return doc


def _with_endorsements(badge_request: BadgeRequest, credential: dict, doc: dict, competence: str, level: int,
                       issued: str) -> dict:
    """Before signing: the structure's criteria co-defined with partners, the counsellor's validation as an
    endorsement by the structure (an employer sees who validated, signed by the structure)."""
    from issuer.endorsements import services as endorsements

    definition = endorsements.definition_for(badge_request.structure, competence, level)
    if definition is not None:
        doc = _apply_definition(doc, definition)
    for validation in (badge_request.data.get("endorsement") or {}).get("validations", []):
        if validation.get("credentialId") == credential.get("id"):
            doc["endorsement"] = [endorsements.validation_endorsement(badge_request.structure, doc, validation,
                                                                      badge_request.lang, issued)]
            break
    return doc


def reissue(credential: IssuedCredential, *, actor: str) -> IssuedCredential:
    """Sign the learner's credential again, same id, same claim URL, with the endorsements standing now."""
    from issuer.endorsements import services as endorsements

    with transaction.atomic():
        locked = IssuedCredential.objects.select_for_update().select_related("structure").get(pk=credential.pk)
        structure = locked.structure
        doc = copy.deepcopy(locked.document)
        doc.pop("proof", None)
        own = keys.issuer_profile(structure)["id"]
        kept = [e for e in doc.get("endorsement", []) if isinstance(e, dict)
                and (e.get("issuer") or {}).get("id") == own]   # the structure's own (the counsellor's validation)
        doc["endorsement"] = kept + endorsements.person_endorsements(locked)
        if not doc["endorsement"]:
            doc.pop("endorsement")
        definition = endorsements.definition_for(structure, locked.competence_id, locked.level)
        if definition is not None and doc["credentialSubject"]["achievement"].get("id") == definition.achievement_id():
            doc = _apply_definition(doc, definition)
        locked.document = sign_credential(structure, doc)
        locked.save(update_fields=["document"])
        record(locked.badge_request, "reissued", actor=actor, credential=locked,
               detail={"endorsements": len(doc.get("endorsement", []))})
    credential.document = locked.document
    return locked


def reject(badge_request: BadgeRequest, *, actor: str, reason: str) -> None:
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("a reason is required to reject a request")
    with transaction.atomic():
        locked = BadgeRequest.objects.select_for_update().get(pk=badge_request.pk)
        if locked.status != BadgeRequest.PENDING:
            raise ReviewError(f"request {locked.request_id} is already {locked.status}")
        locked.status = BadgeRequest.REJECTED
        locked.reject_reason = reason
        locked.reviewed_at = dj_timezone.now()
        locked.reviewed_by = actor
        locked.save(update_fields=["status", "reject_reason", "reviewed_at", "reviewed_by"])
        record(locked, "rejected", actor=actor, detail={"reason": reason})


def revoke(credential: IssuedCredential, *, actor: str, reason: str) -> None:
    """Set the credential's bit in its status list and re-sign the list; a reason is required."""
    reason = (reason or "").strip()
    if not reason:
        raise ReviewError("a reason is required to revoke a badge")
    with transaction.atomic():
        status_list = StatusList.objects.select_for_update().select_related("structure").get(pk=credential.status_list_id)
        locked = IssuedCredential.objects.select_for_update().get(pk=credential.pk)
        if locked.revoked_at:
            raise ReviewError(f"badge {locked.uuid} was already revoked on {locked.revoked_at:%Y-%m-%d}")
        bits = bytearray(status_list.bits)
        statuslist.set_bit(bits, locked.status_index)
        status_list.bits = bytes(bits)
        sign_status_list(status_list)
        status_list.save(update_fields=["bits", "signed", "updated_at"])
        locked.revoked_at = dj_timezone.now()
        locked.revoke_reason = reason
        locked.save(update_fields=["revoked_at", "revoke_reason"])
        record(locked.badge_request, "revoked", actor=actor, credential=locked, detail={"reason": reason})
    credential.revoked_at, credential.revoke_reason = locked.revoked_at, reason


def find_credential(id_or_uuid: str) -> IssuedCredential | None:
    """A credential by its public uuid, its full id (URL) or its public page URL."""
    value = (id_or_uuid or "").strip()
    found = IssuedCredential.objects.filter(credential_id=value).first()
    if found:
        return found
    tail = value.rstrip("/").rsplit("/", 1)[-1].removesuffix(".json").removeprefix("urn:uuid:")
    try:
        return IssuedCredential.objects.filter(uuid=uuid.UUID(tail)).first()
    except ValueError:
        return None
