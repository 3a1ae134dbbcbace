"""Receiving one badge request: the checks of export/PROTOCOL.md, in the order it sets."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _, override

from export.request import competence_and_level, validate_request
from export.signing import verify as verify_hmac
from issuer.intake.models import BadgeRequest
from issuer.structures.models import Structure


@dataclass
class Outcome:
    """An HTTP status and its JSON answer."""

    status: int
    body: dict = field(default_factory=dict)
    request: BadgeRequest | None = None


def _refuse(status: int, message: str) -> Outcome:
    return Outcome(status, {"message": message})


def _lang(data: object) -> str:
    lang = data.get("lang") if isinstance(data, dict) else None
    return "en" if isinstance(lang, str) and lang.startswith("en") else "fr"


def receive(raw: bytes, signature: str | None, idempotency_key: str | None) -> Outcome:
    """The answer to one `POST /badge-requests`, given the exact bytes received and two headers."""
    if len(raw) > settings.DIVA_MAX_REQUEST_BYTES:
        return too_big()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return _refuse(400, "Le corps de la demande n'est pas du JSON UTF-8 valide. "
                            "(The request body is not valid UTF-8 JSON.)")
    with override(_lang(data)):
        structure_id = data.get("structure", {}).get("id") if isinstance(data, dict) and isinstance(data.get("structure"), dict) else None
        if not isinstance(structure_id, str) or not structure_id:
            return _refuse(400, _("La demande ne dit pas de quelle structure elle vient (structure.id)."))
        structure = Structure.objects.filter(slug=structure_id).first()
        if structure is None:
            return _refuse(403, _("Structure inconnue %(id)s : demandez son secret à la plateforme de badges.")
                           % {"id": structure_id[:80]})
        # only the bytes as received are signed: trust nothing in them before this check
        if not verify_hmac(raw, structure.hmac_secret(), signature):
            return _refuse(401, _("Signature invalide : vérifiez le secret de la structure dans les réglages du jeu."))
        if not idempotency_key:
            return _refuse(400, _("L'en-tête Idempotency-Key manque."))
        digest = hashlib.sha256(raw).hexdigest()
        earlier = BadgeRequest.objects.filter(structure=structure, idempotency_key=idempotency_key).first()
        if earlier is not None:
            return _replayed(earlier, digest)
        problems = validate_request(data)
        if not problems and data["id"] != idempotency_key:
            problems = [_("l'Idempotency-Key doit être l'identifiant de la demande (id)")]
        if not problems:
            problems = _semantic_problems(data)
        if problems:
            return _refuse(422, _("Demande non conforme : %(problems)s") % {"problems": "; ".join(problems[:5])[:600]})
        try:
            with transaction.atomic():
                badge_request = BadgeRequest.objects.create(
                    structure=structure, idempotency_key=idempotency_key, request_id=data["id"], body=raw,
                    body_sha256=digest, lang=_lang(data), learner_name=data["learner"]["displayName"][:200],
                    session_id=data["session"]["id"][:200], badges=len(data["credentials"]))
        except IntegrityError:
            # a concurrent retry of the same request won the race: answer as for a replay
            earlier = BadgeRequest.objects.filter(structure=structure, idempotency_key=idempotency_key).first()
            if earlier is None:
                raise
            return _replayed(earlier, digest)
        from issuer.review.audit import record

        record(badge_request, "received", actor="", detail={"badges": len(data["credentials"])})
        return Outcome(201, _answer(badge_request), badge_request)


def too_big() -> Outcome:
    limit = settings.DIVA_MAX_REQUEST_BYTES // 1024
    return _refuse(413, f"La demande dépasse {limit} Kio. (The request is larger than {limit} KiB.)")


def _replayed(earlier: BadgeRequest, digest: str) -> Outcome:
    if earlier.body_sha256 != digest:
        return _refuse(409, _("Cette Idempotency-Key a déjà servi pour une autre demande."))
    return Outcome(200, _answer(earlier), earlier)


def _answer(badge_request: BadgeRequest) -> dict:
    return {"id": badge_request.request_id, "status": badge_request.status, "claimUrl": badge_request.claim_url()}


def _semantic_problems(data: dict) -> list[str]:
    """What the schemas cannot say: one credential per id, a level from its own rubric."""
    problems, seen = [], set()
    for index, credential in enumerate(data["credentials"]):
        if credential["id"] in seen:
            problems.append(_("credentials/%(i)s : identifiant répété") % {"i": index})
        seen.add(credential["id"])
        try:
            competence_and_level(credential)
        except (KeyError, IndexError, StopIteration, ValueError, TypeError):
            problems.append(_("credentials/%(i)s : compétence RECTEC ou niveau atteint introuvable") % {"i": index})
    return problems
