"""Small helpers for the claim and public pages: level marks, and the endorsements a credential carries."""
from django import template

register = template.Library()


@register.filter
def marks(badge) -> str:
    """"●●●○" for level 3 of 4: shown beside the level in words, never alone."""
    total = max(badge.levels or 0, badge.level or 0)
    return "●" * (badge.level or 0) + "○" * (total - (badge.level or 0))


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, list) and value:
        return _text(value[0])
    return ""


@register.simple_tag
def endorsements_of(document) -> list[dict]:
    """The credential's embedded `endorsement[]`: who (name, role, organisation), what they said, when."""
    found = []
    items = document.get("endorsement") if isinstance(document, dict) else None
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        who = item.get("issuer") if isinstance(item.get("issuer"), dict) else {}
        subject = item.get("credentialSubject") if isinstance(item.get("credentialSubject"), dict) else {}
        found.append({
            "name": _text(who.get("name")),
            "role": _text(who.get("role") or who.get("description")),
            "organisation": _text(who.get("parentOrg") or who.get("organization") or who.get("organisation")),
            "comment": _text(subject.get("endorsementComment")),
            "date": _text(item.get("validFrom") or item.get("issuanceDate"))[:10],
        })
    return found


@register.simple_tag
def domain_of(competence_id: str):
    """The competence's domain from the referential (shape, colour, name), in the page's language."""
    from django.utils.translation import get_language

    from issuer.claim.takeaway import domain_of as lookup

    return lookup(competence_id or "", (get_language() or "fr")[:2])


@register.simple_tag
def claim_expiry(badge_request) -> dict:
    """When the request's claim link closes (renewal included), and whether it already has."""
    from django.utils import timezone

    from issuer.claim.models import expires_at

    until = expires_at(badge_request)
    return {"until": until, "expired": until <= timezone.now()}
