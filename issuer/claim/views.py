"""`GET {claimUrl}`: the learner's badges once signed, a kind wait before, the reason if refused."""
from __future__ import annotations

from django.shortcuts import get_object_or_404, render
from django.utils import translation

from issuer.credentials.presentation import describe, verdict
from issuer.credentials.views import _json, wants_json
from issuer.intake.models import BadgeRequest


def claim_page(request, code: str):
    badge_request = get_object_or_404(BadgeRequest.objects.select_related("structure"), claim_code=code)
    issued = list(badge_request.issued.all()) if badge_request.status == BadgeRequest.ISSUED else []
    if wants_json(request):
        body = {"status": badge_request.status, "credentials": [c.document for c in issued]}
        if badge_request.status == BadgeRequest.REJECTED:
            body["reason"] = badge_request.reject_reason
        return _json(body, cache="no-store")
    # the request's language unless the learner chose another (?lang= or the language cookie)
    lang = request.GET.get("lang")
    if lang not in ("fr", "en"):
        lang = request.COOKIES.get("django_language") or badge_request.lang
    translation.activate(lang if lang in ("fr", "en") else "fr")
    request.LANGUAGE_CODE = translation.get_language()
    badges = [{"credential": c, "badge": describe(c.document), "verdict": verdict(c)} for c in issued]
    response = render(request, "claim/claim.html", {"req": badge_request, "badges": badges,
                                                    "structure": badge_request.structure})
    response["Cache-Control"] = "no-store"
    response["Vary"] = "Accept, Cookie"
    response["Referrer-Policy"] = "no-referrer"
    return response
