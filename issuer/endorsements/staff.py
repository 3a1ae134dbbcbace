"""For the structure's staff: the dashboard (and its CSV for funders) and badges co-defined with partners."""
from __future__ import annotations

import csv
from collections import Counter, defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from issuer.credentials.models import IssuedCredential
from issuer.endorsements import services
from issuer.endorsements.models import BadgeDefinition, Invitation
from issuer.intake.models import BadgeRequest
from issuer.structures.models import structures_of

INDICATORS = ("people_reached", "requests", "badges_issued", "badges_revoked", "endorsements_asked",
              "endorsements_given", "endorsements_declined")


def _structure(request, slug: str):
    return get_object_or_404(structures_of(request.user), slug=slug)


def _month(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m")


def _person(badge_request) -> str:
    """A learner counted once: their hashed e-mail when given, else the player in that session."""
    identifier = (badge_request.data.get("learner") or {}).get("identifier") or {}
    return identifier.get("identityHash") or f"{badge_request.session_id}/{badge_request.learner_name}"


def figures(structure) -> list[tuple[str, str, str, str, int]]:
    """(month, indicator, competence, level, count) rows: counts only, nothing that names a person."""
    counts: Counter = Counter()
    people = defaultdict(set)
    for badge_request in BadgeRequest.objects.filter(structure=structure).only("received_at", "body", "session_id",
                                                                               "learner_name"):
        month = _month(badge_request.received_at)
        counts[(month, "requests", "", "")] += 1
        people[month].add(_person(badge_request))
    for month, persons in people.items():
        counts[(month, "people_reached", "", "")] = len(persons)
    for credential in IssuedCredential.objects.filter(structure=structure).only("issued_at", "revoked_at",
                                                                                 "competence_id", "level"):
        counts[(_month(credential.issued_at), "badges_issued", credential.competence_id, str(credential.level))] += 1
        if credential.revoked_at:
            counts[(_month(credential.revoked_at), "badges_revoked", credential.competence_id, str(credential.level))] += 1
    for invitation in Invitation.objects.filter(structure=structure).select_related("credential", "definition"):
        competence, level = ((invitation.credential.competence_id, str(invitation.credential.level))
                             if invitation.credential_id else
                             (invitation.definition.competence_id, str(invitation.definition.level)))
        counts[(_month(invitation.created_at), "endorsements_asked", competence, level)] += 1
        if invitation.status in (Invitation.ENDORSED, Invitation.WITHDRAWN) and invitation.responded_at:
            counts[(_month(invitation.responded_at), "endorsements_given", competence, level)] += 1
        if invitation.status == Invitation.DECLINED and invitation.responded_at:
            counts[(_month(invitation.responded_at), "endorsements_declined", competence, level)] += 1
    order = {name: i for i, name in enumerate(INDICATORS)}
    return sorted(((m, i, c, lv, n) for (m, i, c, lv), n in counts.items()),
                  key=lambda r: (r[0], order[r[1]], r[2], r[3]))


def _table(rows):
    """Per month: the totals of each indicator, and the badges by competence and level."""
    months = defaultdict(lambda: {"totals": Counter(), "badges": []})
    for month, indicator, competence, level, count in rows:
        months[month]["totals"][indicator] += count
        if indicator == "badges_issued":
            months[month]["badges"].append((competence, level, count))
    return [{"month": m, "totals": v["totals"], "badges": v["badges"]} for m, v in sorted(months.items(), reverse=True)]


@login_required
def dashboard(request, slug: str):
    structure = _structure(request, slug)
    return render(request, "endorsements/dashboard.html", {"structure": structure, "months": _table(figures(structure))})


@login_required
def dashboard_csv(request, slug: str):
    structure = _structure(request, slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="diva-{structure.slug}-indicateurs.csv"'
    writer = csv.writer(response)
    writer.writerow(["month", "indicator", "competence", "level", "count"])
    for row in figures(structure):
        writer.writerow(row)
    return response


def _partners(text: str) -> list[dict]:
    """One partner a line: `name; organisation; role; e-mail`."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    partners = []
    for number, line in enumerate((text or "").splitlines(), 1):
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split(";")]
        if len(parts) != 4 or not parts[0] or not parts[1]:
            raise services.InvitationError(f"Partenaire ligne {number} : écrire « nom ; organisation ; rôle ; e-mail ».",
                                           f"Partner line {number}: write \"name; organisation; role; e-mail\".")
        try:
            validate_email(parts[3])
        except ValidationError:
            raise services.InvitationError(f"Partenaire ligne {number} : adresse e-mail non valide.",
                                           f"Partner line {number}: invalid e-mail address.") from None
        partners.append({"name": parts[0], "organisation": parts[1], "role": parts[2], "email": parts[3]})
    return partners


def create_definition(structure, *, competence_id: str, level, criteria: str, partners_text: str, actor: str,
                      lang: str = "fr"):
    """A badge definition and its partners' invitations (sent after the commit)."""
    from referential import load_referential

    referential = load_referential()
    competence_id = (competence_id or "").strip()
    if not referential.has(competence_id):
        raise services.InvitationError(f"Compétence inconnue : {competence_id!r}.", f"Unknown competence: {competence_id!r}.")
    try:
        level = int(level)
        referential.competence(competence_id).level(level)
    except (TypeError, ValueError, KeyError):
        raise services.InvitationError("Niveau inconnu pour cette compétence.", "Unknown level for this competence.") from None
    criteria = (criteria or "").strip()
    if not criteria:
        raise services.InvitationError("Écrivez les critères.", "Write the criteria.")
    partners = _partners(partners_text)
    try:
        with transaction.atomic():
            definition = BadgeDefinition.objects.create(structure=structure, competence_id=competence_id, level=level,
                                                        criteria=criteria[:4000], created_by=actor)
            invitations = [Invitation.objects.create(structure=structure, definition=definition,
                                                     source=Invitation.PARTNER, lang=lang, **p) for p in partners]
    except IntegrityError:
        raise services.InvitationError("Ce badge est déjà défini pour ce niveau.",
                                       "This badge is already defined at this level.") from None
    services.send_all(invitations)
    return definition


@login_required
def criteria(request, slug: str):
    from referential import load_referential

    structure = _structure(request, slug)
    lang = "en" if (request.LANGUAGE_CODE or "").startswith("en") else "fr"
    if request.method == "POST":
        try:
            create_definition(structure, competence_id=request.POST.get("competence"), level=request.POST.get("level"),
                              criteria=request.POST.get("criteria"), partners_text=request.POST.get("partners"),
                              actor=request.user.get_username(), lang=lang)
        except services.InvitationError as exc:
            messages.error(request, exc.say(lang))
        else:
            messages.success(request, _("Badge défini ; les partenaires sont invités à le recommander."))
        return redirect("endorsements:criteria", slug=slug)
    referential = load_referential()
    competences = [(c.id, c.name.get(lang) or c.name.get("fr") or c.id) for c in referential.competences]
    definitions = BadgeDefinition.objects.filter(structure=structure).prefetch_related("invitations")
    return render(request, "endorsements/criteria.html", {
        "structure": structure, "definitions": definitions, "competences": competences,
        "levels": range(1, referential.max_level + 1)})
