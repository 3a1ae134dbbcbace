"""What a person reads from a credential: competence, level, structure, evidence, words, endorsements, verdict."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone


@dataclass
class Badge:
    name: str = ""
    competence: str = ""
    competence_id: str = ""
    description: str = ""
    level: int | None = None
    level_name: str = ""
    level_description: str = ""
    levels: int = 0
    issuer: str = ""
    valid_from: str = ""
    image: str = ""
    narrative: str = ""
    evidence: list = field(default_factory=list)
    endorsements: list = field(default_factory=list)
    alignments: list = field(default_factory=list)

    @property
    def level_range(self) -> range:
        return range(self.level or 0)


def _first_text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and isinstance(value[0], str):
        return value[0]
    return ""


def describe(doc: dict) -> Badge:
    """A badge's readable parts, tolerant of credentials that are not ours (the /verify page shows any)."""
    badge = Badge()
    if not isinstance(doc, dict):
        return badge
    badge.name = _first_text(doc.get("name"))
    issuer = doc.get("issuer")
    badge.issuer = issuer.get("name", issuer.get("id", "")) if isinstance(issuer, dict) else _first_text(issuer)
    badge.valid_from = _first_text(doc.get("validFrom"))
    subject = doc.get("credentialSubject") if isinstance(doc.get("credentialSubject"), dict) else {}
    achievement = subject.get("achievement") if isinstance(subject.get("achievement"), dict) else {}
    badge.competence = _first_text(achievement.get("name"))
    badge.competence_id = _first_text(achievement.get("humanCode"))
    badge.description = _first_text(achievement.get("description"))
    image = achievement.get("image")
    image_id = image.get("id") if isinstance(image, dict) else image
    if isinstance(image_id, str) and image_id.startswith("data:image/png;base64,"):
        badge.image = image_id
    badge.narrative = _first_text(subject.get("narrative"))
    rubric = [r for d in achievement.get("resultDescription", []) if isinstance(d, dict)
              for r in d.get("rubricCriterionLevel", []) if isinstance(r, dict)]
    badge.levels = len(rubric)
    results = subject.get("result") if isinstance(subject.get("result"), list) else []
    achieved = results[0].get("achievedLevel") if results and isinstance(results[0], dict) else None
    for r in rubric:
        if r.get("id") == achieved:
            badge.level_name = _first_text(r.get("name"))
            badge.level_description = _first_text(r.get("description"))
            try:
                badge.level = int(r.get("level"))
            except (TypeError, ValueError):
                pass
    badge.evidence = [{"name": _first_text(e.get("name")), "narrative": _first_text(e.get("narrative"))}
                      for e in doc.get("evidence", []) if isinstance(e, dict)]
    badge.alignments = [{"name": _first_text(a.get("targetName")), "framework": _first_text(a.get("targetFramework")),
                         "code": _first_text(a.get("targetCode")), "url": _first_text(a.get("targetUrl")),
                         "note": _first_text(a.get("targetDescription"))}
                        for a in achievement.get("alignment", []) if isinstance(a, dict)]
    for e in doc.get("endorsement", []) if isinstance(doc.get("endorsement"), list) else []:
        if not isinstance(e, dict):
            continue
        who = e.get("issuer", {})
        who = who if isinstance(who, dict) else {}
        org = who.get("parentOrg") if isinstance(who.get("parentOrg"), dict) else {}
        badge.endorsements.append({
            "name": _first_text(who.get("name")),
            "role": _first_text(who.get("description")),    # issuer.endorsements puts the endorser's role there
            "organisation": _first_text(org.get("name")),
            "comment": _first_text((e.get("credentialSubject") or {}).get("endorsementComment")),
            "date": _first_text(e.get("validFrom"))[:10],
        })
    return badge


@dataclass
class Verdict:
    state: str   # "valid" | "revoked" | "expired"
    date: object = None
    reason: str = ""


def verdict(credential, check: bool = False) -> Verdict:
    """Revoked (when), expired, invalid or valid; with `check`, the signed document is verified again, not trusted."""
    if credential.revoked_at:
        return Verdict("revoked", credential.revoked_at, credential.revoke_reason)
    valid_until = credential.document.get("validUntil")
    if isinstance(valid_until, str):
        from django.utils.dateparse import parse_datetime

        until = parse_datetime(valid_until)
        if until is not None and until < timezone.now():
            return Verdict("expired", until)
    if check:
        from issuer.credentials.verification import verify

        report = verify(credential.document)
        if report.revoked:
            return Verdict("revoked", credential.revoked_at)
        if not report.valid:
            return Verdict("invalid", None, "; ".join(c.message_en for c in report.checks if not c.ok))
    return Verdict("valid", credential.issued_at)


def validation_of(credential) -> dict | None:
    """The counsellor's validation the game sent for this credential (who, when, what they said)."""
    endorsement = credential.badge_request.data.get("endorsement") or {}
    for v in endorsement.get("validations", []):
        if v.get("credentialId") == credential.request_credential_id:
            return v
    return None


def endorsers_named(badge_request, request_credential_id: str) -> list[dict]:
    """People the learner named to vouch for one credential: name and role only (never their e-mail)."""
    endorsement = badge_request.data.get("endorsement") or {}
    return [{"name": r.get("name", ""), "role": r.get("role", ""), "has_email": bool(r.get("email"))}
            for r in endorsement.get("endorsementRequests", []) if r.get("credentialId") == request_credential_id]
