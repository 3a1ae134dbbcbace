"""The structure's staff at work: the list of requests, one request in full, approve/reject/revoke."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from issuer.credentials.issuing import ReviewError, approve, reject, revoke
from issuer.credentials.models import IssuedCredential
from issuer.credentials.presentation import describe, endorsers_named, verdict
from issuer.endorsements.views import invitations_of
from issuer.intake.models import BadgeRequest
from issuer.structures.models import structures_of


def _requests_of(user):
    return BadgeRequest.objects.filter(structure__in=structures_of(user)).select_related("structure")


@login_required
def request_list(request):
    status = request.GET.get("status", "pending")
    requests = _requests_of(request.user)
    if status in dict(BadgeRequest.STATUSES):
        requests = requests.filter(status=status)
    return render(request, "review/list.html", {"requests": requests[:500], "status": status,
                                                "statuses": BadgeRequest.STATUSES,
                                                "structures": structures_of(request.user)})


@login_required
def request_detail(request, pk):
    badge_request = get_object_or_404(_requests_of(request.user), pk=pk)
    data = badge_request.data
    validations = {v.get("credentialId"): v for v in (data.get("endorsement") or {}).get("validations", [])}
    issued = {c.request_credential_id: c for c in badge_request.issued.all()}
    badges = []
    for position, credential in enumerate(badge_request.credentials):
        badge = describe(credential)
        signed = issued.get(credential.get("id"))
        badges.append({"position": position, "badge": badge, "validation": validations.get(credential.get("id")),
                       "endorsers": endorsers_named(badge_request, credential.get("id")),
                       "lower_levels": range(1, (badge.level or 1)), "signed": signed,
                       "verdict": verdict(signed) if signed else None})
    return render(request, "review/detail.html", {"req": badge_request, "data": data, "badges": badges,
                                                  "audit": badge_request.audit.all()[:50],
                                                  "invitations": invitations_of(badge_request)})


def _actor(request) -> str:
    return request.user.get_username()


@login_required
@require_POST
def approve_view(request, pk):
    badge_request = get_object_or_404(_requests_of(request.user), pk=pk)
    levels = {}
    for position in range(len(badge_request.credentials)):
        value = request.POST.get(f"level-{position}", "").strip()
        if value:
            try:
                levels[position] = (int(value), request.POST.get(f"reason-{position}", ""))
            except ValueError:
                pass
    return _act(request, badge_request.pk, lambda: approve(badge_request, actor=_actor(request), levels=levels),
                _("Impossible d'approuver : %(why)s"), lambda made: _("%(n)s badge(s) signé(s).") % {"n": len(made)})


def _act(request, request_pk, act, refused: str, done):
    """Approve, reject or revoke: the staff reads what the rules refused (ReviewError) or what was done,
    back on the request's page."""
    try:
        result = act()
    except ReviewError as exc:
        messages.error(request, refused % {"why": exc})
    else:
        messages.success(request, done(result))
    return redirect("review:detail", pk=request_pk)


@login_required
@require_POST
def reject_view(request, pk):
    badge_request = get_object_or_404(_requests_of(request.user), pk=pk)
    return _act(request, pk, lambda: reject(badge_request, actor=_actor(request), reason=request.POST.get("reason", "")),
                _("Impossible de refuser : %(why)s"), lambda _result: _("Demande refusée."))


@login_required
@require_POST
def revoke_view(request, uuid):
    credential = IssuedCredential.objects.filter(structure__in=structures_of(request.user), uuid=uuid).first()
    if credential is None:
        raise Http404
    return _act(request, credential.badge_request_id,
                lambda: revoke(credential, actor=_actor(request), reason=request.POST.get("reason", "")),
                _("Impossible de révoquer : %(why)s"), lambda _result: _("Badge révoqué."))
