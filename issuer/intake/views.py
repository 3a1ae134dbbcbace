"""`POST /badge-requests` (PROTOCOL.md) and the offline QR's request-id lookup."""
from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from export.signing import SIGNATURE_HEADER
from issuer.intake.models import BadgeRequest
from issuer.intake.receive import receive, too_big


@csrf_exempt
@require_http_methods(["POST"])
def badge_requests(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.DIVA_MAX_REQUEST_BYTES:
        outcome = too_big()
    else:
        outcome = receive(request.body, request.headers.get(SIGNATURE_HEADER), request.headers.get("Idempotency-Key"))
    response = JsonResponse(outcome.body, status=outcome.status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    return response


def by_request_id(request, request_uuid):
    """The offline QR carries only the request id (in its fragment): lead from it to the claim page."""
    found = BadgeRequest.objects.filter(request_id=f"urn:uuid:{request_uuid}").first()
    if found is None:
        raise Http404("request not received yet")
    return HttpResponseRedirect(found.claim_path())
