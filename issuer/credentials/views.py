"""Public pages: a credential's verification page and JSON, status lists, DID documents, /verify."""
from __future__ import annotations

import json

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from issuer.credentials import keys
from issuer.credentials.models import IssuedCredential, StatusList
from issuer.credentials.presentation import describe, verdict
from issuer.credentials.verification import verify
from issuer.structures.models import Structure

JSON_TYPES = ("application/json", "application/ld+json", "application/vc+ld+json")
MAX_VERIFY_BYTES = 512 * 1024


def wants_json(request) -> bool:
    accept = request.headers.get("Accept", "")
    return any(t in accept for t in JSON_TYPES) and "text/html" not in accept.split(",")[0]


def _json(data, status: int = 200, cache: str = "no-cache", content_type: str = "application/json") -> JsonResponse:
    response = JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False},
                            content_type=content_type)
    response["Cache-Control"] = cache
    response["Access-Control-Allow-Origin"] = "*"
    return response


def credential_page(request, uuid, as_json: bool = False):
    credential = get_object_or_404(IssuedCredential.objects.select_related("structure", "badge_request"), uuid=uuid)
    if as_json or wants_json(request):
        return _json(credential.document, content_type="application/ld+json" if as_json else "application/json")
    context = {"credential": credential, "badge": describe(credential.document), "verdict": verdict(credential, check=True),
               "page_url": request.build_absolute_uri(credential.public_path())}
    response = render(request, "credentials/public.html", context)
    response["Vary"] = "Accept, Accept-Language, Cookie"
    return response


def status_list(request, pk: int):
    found = get_object_or_404(StatusList, pk=pk)
    if not found.signed:
        raise Http404("status list not signed yet")
    # short: a revocation must be seen within a minute by anyone checking
    return _json(found.signed, cache="public, max-age=60")


def did_json(request, slug: str):
    structure = get_object_or_404(Structure, slug=slug)
    return _json(keys.did_document(structure, keys.did_web(structure)), cache="public, max-age=300",
                 content_type="application/did+json")


@require_http_methods(["GET", "POST"])
def verify_page(request):
    context: dict = {}
    if request.method == "POST":
        text = request.POST.get("credential", "")
        upload = request.FILES.get("file")
        if upload is not None:
            if upload.size > MAX_VERIFY_BYTES:
                context["error"] = _("Le fichier est trop gros (plus de 512 Kio).")
            else:
                text = _uploaded_text(upload.read())
        if not context.get("error"):
            try:
                credential = json.loads(text)
                if not isinstance(credential, dict):
                    raise ValueError
            except ValueError:
                context["error"] = _("Ce n'est pas un badge au format JSON : collez le contenu du fichier .json du badge.")
            else:
                report = verify(credential)
                context.update(report=report, badge=describe(credential), pasted=text)
                if wants_json(request):
                    return _json(report_json(report))
        if context.get("error") and wants_json(request):
            return _json({"message": context["error"]}, status=400)
    return render(request, "credentials/verify.html", context, status=400 if context.get("error") else 200)


def _uploaded_text(data: bytes) -> str:
    """A .json file as text, or the credential baked in an OB 3.0 PNG (iTXt `openbadgecredential`)."""
    from issuer.claim.takeaway import PNG_SIGNATURE, NotAPng, unbake

    if data.startswith(PNG_SIGNATURE):
        try:
            return unbake(data) or ""
        except NotAPng:
            return ""
    return data.decode("utf-8", "replace")


def report_json(report) -> dict:
    return report.to_dict()
