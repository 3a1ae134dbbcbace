"""`GET {claimUrl}`: the learner's badges once signed, a kind wait before, the reason if refused; per badge the
baked PNG and the PDF; the optional e-mail; the structure's renewal of an expired link."""
from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.formats import date_format
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from export.request import identity_matches
from issuer.claim import takeaway
from issuer.claim.models import MAX_EMAILS, ClaimLink, expires_at, renew
from issuer.credentials.presentation import describe, validation_of, verdict
from issuer.credentials.views import _json, wants_json
from issuer.intake.models import BadgeRequest
from issuer.pages import activate_language, private
from issuer.structures.models import structures_of

log = logging.getLogger(__name__)


def _request_of(code: str) -> BadgeRequest:
    return get_object_or_404(BadgeRequest.objects.select_related("structure"), claim_code=code)


def _expired_page(request, badge_request, until):
    if wants_json(request):
        return private(_json({"status": "expired", "expired": until.isoformat()}, status=410))
    activate_language(request, badge_request.lang)
    return private(render(request, "claim/expired.html", {"req": badge_request, "structure": badge_request.structure,
                                                           "until": until}, status=410))


def _public_url(credential) -> str:
    return settings.DIVA_BASE_URL + credential.public_path()


def _item(credential, badge_request, lang: str) -> dict:
    badge = describe(credential.document)
    public_url = _public_url(credential)
    validation = validation_of(credential) or {}
    return {
        "credential": credential, "badge": badge, "verdict": verdict(credential), "public_url": public_url,
        "json_url": public_url + ".json",
        "domain": takeaway.domain_of(badge.competence_id, lang),
        "plain": takeaway.plain_words(badge.competence_id, lang),
        "linkedin": takeaway.linkedin_url(credential.document, badge, public_url=public_url,
                                          structure=badge_request.structure),
        "cv_line": takeaway.cv_line(badge, lang, public_url),
        "interview": takeaway.interview_line(badge, lang),
        "validated_by": validation.get("validatedBy", ""),
        "slug": f"badge-{badge.competence_id or credential.position}-{str(credential.uuid)[:8]}",
    }


def claim_page(request, code: str):
    badge_request = _request_of(code)
    until = expires_at(badge_request)
    if timezone.now() >= until:
        return _expired_page(request, badge_request, until)
    issued = list(badge_request.issued.all()) if badge_request.status == BadgeRequest.ISSUED else []
    if wants_json(request):
        body = {"status": badge_request.status, "credentials": [c.document for c in issued]}
        if badge_request.status == BadgeRequest.REJECTED:
            body["reason"] = badge_request.reject_reason
        return private(_json(body, cache="no-store"))
    lang = activate_language(request, badge_request.lang)
    link = ClaimLink.objects.filter(badge_request=badge_request).first()
    context = {"req": badge_request, "structure": badge_request.structure, "until": until, "lang": lang,
               "badges": [_item(c, badge_request, lang) for c in issued],
               "has_email": bool(link and link.email_sealed),
               "asks_identity": _identifier(badge_request) is not None}
    return private(render(request, "claim/claim.html", context))


def _credential_of(badge_request, uuid):
    if badge_request.status != BadgeRequest.ISSUED:
        raise Http404("no badge yet")
    credential = badge_request.issued.filter(uuid=uuid).first()
    if credential is None:
        raise Http404("not a badge of this claim")
    return credential


def claim_file(request, code: str, uuid, kind: str):
    """The baked PNG (the picture carrying the signed credential) or the one-page PDF of one badge."""
    badge_request = _request_of(code)
    until = expires_at(badge_request)
    if timezone.now() >= until:
        return _expired_page(request, badge_request, until)
    credential = _credential_of(badge_request, uuid)
    lang = activate_language(request, badge_request.lang)
    item = _item(credential, badge_request, lang)
    if kind == "png":
        response = HttpResponse(takeaway.baked_png(credential.document, item["badge"]), content_type="image/png")
    else:
        pdf = takeaway.badge_pdf(credential.document, item["badge"], learner=badge_request.learner_name,
                                 structure_name=badge_request.structure.name, public_url=item["public_url"],
                                 lang=lang, validated_by=item["validated_by"])
        response = HttpResponse(pdf, content_type="application/pdf")
    if request.GET.get("inline") != "1":
        response["Content-Disposition"] = f'attachment; filename="{item["slug"]}.{kind}"'
    return private(response)


def _identifier(badge_request) -> dict | None:
    """The hashed e-mail the counsellor entered in the game, when there is one (the same in every credential)."""
    learner = (badge_request.data.get("learner") or {}).get("identifier")
    if isinstance(learner, dict) and learner.get("identityHash"):
        return learner
    for credential in badge_request.credentials:
        for identifier in (credential.get("credentialSubject") or {}).get("identifier") or []:
            if isinstance(identifier, dict) and identifier.get("identityType") == "emailAddress":
                return identifier
    return None


@require_http_methods(["POST"])
def claim_email(request, code: str):
    """The learner's optional address, to receive the links again: with consent, checked against the hashed
    identifier when the game sent one; kept sealed on the platform, only ever used to write to the learner."""
    from issuer.structures.secrets import seal

    badge_request = _request_of(code)
    until = expires_at(badge_request)
    if timezone.now() >= until:
        return _expired_page(request, badge_request, until)
    activate_language(request, badge_request.lang)
    address = request.POST.get("email", "").strip()
    back = redirect(badge_request.claim_path() + "#email")
    if request.POST.get("forget") == "1":
        ClaimLink.objects.filter(badge_request=badge_request).update(email_sealed="", email_consent_at=None)
        messages.success(request, _("Votre adresse e-mail a été effacée."))
        return back
    try:
        validate_email(address)
    except ValidationError:
        messages.error(request, _("Cette adresse e-mail ne semble pas correcte. Vérifiez-la et recommencez."))
        return back
    if request.POST.get("consent") != "1":
        messages.error(request, _("Cochez la case pour accepter que la structure garde votre adresse."))
        return back
    identifier = _identifier(badge_request)
    if identifier is not None and not identity_matches(identifier, address):
        messages.error(request, _("Ce n'est pas l'adresse que votre accompagnateur a notée. Essayez l'autre, "
                                  "ou demandez-lui."))
        return back
    link, _created = ClaimLink.objects.get_or_create(badge_request=badge_request)
    if link.emails_sent >= MAX_EMAILS:
        messages.error(request, _("Trop d'e-mails envoyés pour ce lien. Demandez à votre accompagnateur."))
        return back
    link.email_sealed, link.email_consent_at = seal(address), timezone.now()
    link.emails_sent += 1
    link.save(update_fields=["email_sealed", "email_consent_at", "emails_sent"])
    body = _("Bonjour,\n\nVoici le lien vers vos badges (%(who)s) :\n%(url)s\n\nGardez ce message : ce lien "
             "vous permet de télécharger vos badges jusqu'au %(until)s.\n") % {
        "who": badge_request.structure.name, "url": badge_request.claim_url(),
        "until": date_format(timezone.localtime(until), "j F Y")}
    try:
        send_mail(_("Vos badges DIVA"), body, None, [address])
    except OSError:   # no mail server right now: the address is kept, the structure can send the link later
        log.exception("claim e-mail not sent for request %s", badge_request.pk)
        messages.warning(request, _("Adresse enregistrée, mais l'e-mail n'a pas pu partir pour l'instant."))
    else:
        messages.success(request, _("C'est noté : nous vous avons envoyé le lien par e-mail."))
    return back


@login_required
@require_POST
def renew_link(request, pk):
    """Review: open an expired (or soon expiring) claim link again for the structure's period."""
    from issuer.review.audit import record

    badge_request = get_object_or_404(BadgeRequest.objects.filter(structure__in=structures_of(request.user)), pk=pk)
    until = renew(badge_request, actor=request.user.get_username())
    record(badge_request, "claim-renewed", actor=request.user.get_username(), detail={"until": until.isoformat()})
    messages.success(request, _("Lien de récupération prolongé jusqu'au %(until)s.") % {
        "until": date_format(timezone.localtime(until), "j F Y")})
    return redirect("review:detail", pk=pk)
