"""Writing the audit log (never the request's personal data, only what was done and why)."""
from __future__ import annotations

from issuer.review.models import AuditEntry


def record(badge_request, action: str, *, actor: str, detail: dict | None = None, credential=None) -> AuditEntry:
    structure = badge_request.structure if badge_request is not None else credential.structure
    return AuditEntry.objects.create(structure=structure, badge_request=badge_request, credential=credential,
                                     action=action, actor=actor, detail=detail or {})
