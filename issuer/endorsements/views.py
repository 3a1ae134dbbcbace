"""The endorser's page `/e/{token}`, the learner's "invite someone", review's resend, endorsers' DIDs and lists."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from issuer.credentials.presentation import describe, validation_of
from issuer.credentials.views import _json
from issuer.endorsements import documents, services
from issuer.endorsements.models import Endorser, Invitation
from issuer.intake.models import BadgeRequest
from issuer.pages import activate_language, private
from issuer.structures.models import structures_of


@require_http_methods(["GET", "POST"])
def endorse_page(request, token: str):
    invitation = get_object_or_404(Invitation.objects.select_related("structure", "credential__badge_request",
                                                                     "definition", "endorser"), token=token)
    lang = activate_language(request, invitation.lang)
    error, status, form = "", 200, {"name": invitation.name, "role": invitation.role,
                                     "organisation": invitation.organisation, "comment": "", "consent": False}
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = {k: request.POST.get(k, "") for k in ("name", "role", "organisation", "comment")}
        form["consent"] = request.POST.get("consent") == "yes"
        try:
            if action == "endorse":
                invitation = services.endorse(invitation, **form)
            elif action == "decline":
                invitation = services.decline(invitation)
            elif action == "withdraw":
                invitation = services.withdraw(invitation)
            else:
                raise services.InvitationError("Choisissez : recommander ou refuser.", "Choose: endorse or decline.")
        except services.InvitationError as exc:
            error, status = exc.say(lang), 400
        except documents.EndorsementError as exc:
            error, status = str(exc), 500
        else:
            return redirect(invitation.path())
    context = {"inv": invitation, "structure": invitation.structure, "error": error, "form": form,
               "lang": lang}
    if invitation.credential_id:
        credential = invitation.credential
        context.update(credential=credential, badge=describe(credential.document),
                       learner=credential.badge_request.learner_name, validation=validation_of(credential),
                       revoked=bool(credential.revoked_at))
    else:
        context.update(definition=invitation.definition)
    if invitation.endorser_id:
        context["endorser_did"] = documents.endorser_did(invitation.endorser)
    else:
        context["did_pattern"] = documents.endorser_did(Endorser(slug="e-" + "0" * 16)).rsplit(":", 1)[0] + ":…"
    return private(render(request, "endorsements/endorse.html", context, status=status))


@csrf_exempt   # RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" with no cookie
@require_http_methods(["GET", "POST"])
def unsubscribe_page(request, token: str):
    invitation = get_object_or_404(Invitation, token=token)
    activate_language(request, invitation.lang)
    done = request.method == "POST"
    if done:
        services.unsubscribe(invitation)
    return private(render(request, "endorsements/unsubscribe.html", {"inv": invitation, "done": done}))


def endorsement_json(request, uuid):
    """An endorsement on its own (its id resolves): withdrawn ones stay, their status list says so."""
    invitation = get_object_or_404(Invitation, endorsement_uuid=uuid)
    return _json(invitation.endorsement, content_type="application/ld+json")


def endorser_did_json(request, slug: str):
    endorser = get_object_or_404(Endorser, slug=slug)
    return _json(documents.endorser_document(endorser), cache="public, max-age=300", content_type="application/did+json")


def endorser_status(request, slug: str):
    endorser = get_object_or_404(Endorser, slug=slug)
    if not endorser.status_signed:
        raise Http404
    return _json(endorser.status_signed, cache="public, max-age=60")


@require_POST
def invite_from_claim(request, code: str):
    """The learner's "ask someone to vouch for this badge" form on the claim page."""
    badge_request = get_object_or_404(BadgeRequest, claim_code=code, status=BadgeRequest.ISSUED)
    lang = activate_language(request, badge_request.lang)
    try:
        invitation = services.invite_from_claim(badge_request, request.POST.get("credential", ""),
                                                name=request.POST.get("name", ""), role=request.POST.get("role", ""),
                                                email=request.POST.get("email", ""))
    except services.InvitationError as exc:
        messages.error(request, exc.say(lang))
    else:
        if invitation.sent_at:
            messages.success(request, _("Invitation envoyée à %(name)s.") % {"name": invitation.name})
        else:
            messages.warning(request, _("L'invitation n'a pas pu partir : votre structure pourra la renvoyer."))
    return redirect(badge_request.claim_path() + "#invite")


@login_required
@require_POST
def resend_view(request, pk: int):
    invitation = get_object_or_404(Invitation.objects.filter(structure__in=structures_of(request.user)), pk=pk)
    try:
        sent = services.resend(invitation, actor=request.user.get_username())
    except services.InvitationError as exc:
        messages.error(request, exc.say(translation.get_language()))
    else:
        if sent:
            messages.success(request, _("Invitation renvoyée à %(name)s.") % {"name": invitation.name})
        else:
            messages.error(request, _("Invitation non envoyée : %(why)s") % {"why": invitation.send_error})
    if invitation.credential_id:
        return redirect("review:detail", pk=invitation.credential.badge_request_id)
    return redirect("endorsements:criteria", slug=invitation.structure.slug)


def invitations_of(badge_request):
    return Invitation.objects.filter(credential__badge_request=badge_request).select_related("credential")
