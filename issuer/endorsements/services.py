"""What happens to an invitation: created and sent, endorsed (signed, then the badge re-issued), declined, withdrawn."""
from __future__ import annotations

import logging
import uuid
from datetime import timedelta
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from issuer.credentials import keys as structure_keys
from issuer.credentials.issuing import iso_now
from issuer.credentials.presentation import describe
from issuer.endorsements import documents
from issuer.endorsements.models import INVITATION_DAYS, BadgeDefinition, Endorser, Invitation, OptOut, email_hash
from issuer.signing import keys as K, statuslist

log = logging.getLogger(__name__)
MAX_LEARNER_INVITATIONS = 10   # per request, from the claim page
MAX_FIELD = 200


class InvitationError(ValueError):
    """An action refused (expired, already answered, a field missing): said in the reader's language."""

    def __init__(self, fr: str, en: str):
        super().__init__(f"{fr} / {en}")
        self.fr, self.en = fr, en

    def say(self, lang: str) -> str:
        return self.en if lang == "en" else self.fr


# --- creating and sending invitations ----------------------------------------------------------------

def _lang(value: str) -> str:
    return "en" if (value or "").lower().startswith("en") else "fr"


def invite_named(badge_request, issued) -> list[Invitation]:
    """On approval: one invitation per person the learner named with an e-mail, for the credential they named."""
    by_request_id = {c.request_credential_id: c for c in issued}
    made = []
    for asked in (badge_request.data.get("endorsement") or {}).get("endorsementRequests", []):
        credential = by_request_id.get(asked.get("credentialId"))
        email = (asked.get("email") or "").strip()
        if credential is None or not email:
            continue
        if Invitation.objects.filter(credential=credential, email__iexact=email).exists():
            continue
        made.append(Invitation.objects.create(
            structure=badge_request.structure, credential=credential, source=Invitation.GAME,
            name=(asked.get("name") or email)[:MAX_FIELD], role=(asked.get("role") or "")[:MAX_FIELD],
            email=email, lang=_lang(badge_request.lang)))
    return made


def invite_from_claim(badge_request, credential_uuid: str, *, name: str, role: str, email: str) -> Invitation:
    """The learner asks someone more, from their claim page."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    name, role, email = (name or "").strip(), (role or "").strip(), (email or "").strip()
    credential = badge_request.issued.filter(uuid=credential_uuid, revoked_at__isnull=True).first() \
        if _is_uuid(credential_uuid) else None
    if credential is None:
        raise InvitationError("Choisissez un de vos badges.", "Choose one of your badges.")
    if not name:
        raise InvitationError("Écrivez le nom de la personne.", "Write the person's name.")
    try:
        validate_email(email)
    except ValidationError:
        raise InvitationError("Cette adresse e-mail n'est pas valide.", "This e-mail address is not valid.") from None
    if Invitation.objects.filter(credential__badge_request=badge_request, source=Invitation.LEARNER).count() \
            >= MAX_LEARNER_INVITATIONS:
        raise InvitationError("Vous avez déjà invité beaucoup de personnes : demandez à votre structure.",
                              "You have already invited many people: ask your structure.")
    if Invitation.objects.filter(credential=credential, email__iexact=email).exists():
        raise InvitationError("Cette personne est déjà invitée pour ce badge.", "This person is already invited for this badge.")
    invitation = Invitation.objects.create(
        structure=badge_request.structure, credential=credential, source=Invitation.LEARNER,
        name=name[:MAX_FIELD], role=role[:MAX_FIELD], email=email, lang=_lang(badge_request.lang))
    send(invitation)
    return invitation


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _context(invitation: Invitation) -> dict:
    structure = invitation.structure
    context = {"inv": invitation, "structure": structure, "url": invitation.url(),
               "unsubscribe": invitation.url() + "/unsubscribe", "expires": invitation.expires_at}
    if invitation.credential_id:
        credential = invitation.credential
        context.update(learner=credential.badge_request.learner_name, badge=describe(credential.document))
    else:
        context.update(definition=invitation.definition)
    return context


def sender(structure) -> str:
    """The structure as the sender's name, on the platform's own address (so that SPF and DKIM still hold)."""
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return formataddr((f"{structure.name} (DIVA Badges)", address))


def send(invitation: Invitation) -> bool:
    """Write and send one invitation; a failure is kept on the invitation (resend from review), never raised."""
    if OptOut.has(invitation.email):
        invitation.send_error = "opted out"
        invitation.save(update_fields=["send_error"])
        return False
    lang = _lang(invitation.lang)
    kind = "invitation" if invitation.credential_id else "partner"
    context = _context(invitation)
    with translation.override(lang):   # dates in the reader's language
        subject = " ".join(render_to_string(f"endorsements/email/{kind}_subject.{lang}.txt", context).split())
        body = render_to_string(f"endorsements/email/{kind}.{lang}.txt", context)
    structure = invitation.structure
    message = EmailMessage(
        subject=subject, body=body, from_email=sender(structure), to=[invitation.email],
        reply_to=[structure.email] if structure.email else None,
        headers={"List-Unsubscribe": f"<{context['unsubscribe']}>",
                 "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                 "Auto-Submitted": "auto-generated", "Content-Language": lang})
    try:
        message.send()
    except Exception as exc:  # an SMTP server down must not undo an approval: review shows it and resends
        log.warning("invitation %s not sent: %s", invitation.pk, exc)
        invitation.send_error = str(exc)[:500] or exc.__class__.__name__
        invitation.save(update_fields=["send_error"])
        return False
    invitation.sent_at = timezone.now()
    invitation.sends += 1
    invitation.send_error = ""
    invitation.save(update_fields=["sent_at", "sends", "send_error"])
    return True


def send_all(invitations) -> int:
    return sum(1 for invitation in invitations if send(invitation))


def resend(invitation: Invitation, *, actor: str) -> bool:
    """From review: a pending invitation gets a new expiry date and goes out again."""
    if invitation.status != Invitation.PENDING:
        raise InvitationError("Cette invitation a déjà reçu une réponse.", "This invitation was already answered.")
    invitation.expires_at = timezone.now() + timedelta(days=INVITATION_DAYS)
    invitation.save(update_fields=["expires_at"])
    if invitation.credential_id:
        from issuer.review.audit import record

        record(invitation.credential.badge_request, "invitation_resent", actor=actor, credential=invitation.credential,
               detail={"invitation": invitation.pk})
    return send(invitation)


def unsubscribe(invitation: Invitation) -> None:
    OptOut.objects.get_or_create(email_sha256=email_hash(invitation.email))


# --- answering ---------------------------------------------------------------------------------------

def _endorser_for(email: str, name: str, role: str, organisation: str, now: str) -> Endorser:
    """The endorser's profile (one per e-mail address), with a key and a revocation list made on first use."""
    digest = email_hash(email)
    endorser = Endorser.objects.select_for_update().filter(email_sha256=digest).first()
    if endorser is None:
        endorser = Endorser(email_sha256=digest, name=name, role=role, organisation=organisation,
                            private_key_sealed=K.encrypt_private_key(K.generate_private_key(), settings.DIVA_KEY_SECRET),
                            status_bits=bytes(statuslist.new_bitstring(statuslist.MIN_BITS)))
        documents.sign_endorser_status_list(endorser, now)
        endorser.save()
    elif (endorser.name, endorser.role, endorser.organisation) != (name, role, organisation):
        endorser.name, endorser.role, endorser.organisation = name, role, organisation
        endorser.save(update_fields=["name", "role", "organisation"])
    return endorser


def _check_open(invitation: Invitation) -> None:
    if invitation.status != Invitation.PENDING:
        raise InvitationError("Vous avez déjà répondu à cette invitation.", "You have already answered this invitation.")
    if invitation.credential_id and invitation.credential.revoked_at:
        raise InvitationError("Ce badge a été révoqué : il ne peut plus être recommandé.",
                              "This badge was revoked: it can no longer be endorsed.")
    if invitation.expired:
        raise InvitationError("Cette invitation a expiré : demandez à la structure de vous la renvoyer.",
                              "This invitation has expired: ask the structure to send it again.")


def subject_of(invitation: Invitation) -> tuple[str, str]:
    """(the id the endorsement is about, a name for it): the learner's credential, or the structure's Achievement."""
    if invitation.credential_id:
        document = invitation.credential.document
        return document["id"], document.get("name", "")
    definition = invitation.definition
    return definition.achievement_id(), f"{definition.competence_id} · {definition.level}"


def endorse(invitation: Invitation, *, name: str, role: str, organisation: str, comment: str, consent: bool) -> Invitation:
    """Sign the endorser's EndorsementCredential, then re-issue what it endorses with it embedded."""
    name, role, organisation, comment = ((v or "").strip() for v in (name, role, organisation, comment))
    if not name:
        raise InvitationError("Écrivez votre nom.", "Write your name.")
    if not comment:
        raise InvitationError("Écrivez un commentaire : c'est ce que liront les employeurs.",
                              "Write a comment: this is what employers will read.")
    if not consent:
        raise InvitationError("Cochez la case pour accepter que votre recommandation soit publique.",
                              "Tick the box to accept that your endorsement is public.")
    name, role, organisation, comment = name[:MAX_FIELD], role[:MAX_FIELD], organisation[:MAX_FIELD], comment[:2000]
    with transaction.atomic():
        locked = Invitation.objects.select_for_update(of=("self",)).select_related("structure", "credential", "definition") \
            .get(pk=invitation.pk)
        _check_open(locked)
        now_dt = timezone.now()
        now = iso_now(now_dt)
        endorser = _endorser_for(locked.email, name, role, organisation, now)
        taken = set(endorser.invitations.exclude(status_index=None).values_list("status_index", flat=True))
        index = statuslist.random_index(taken, statuslist.MIN_BITS)
        endorsement_uuid = uuid.uuid4()
        subject_id, subject_name = subject_of(locked)
        doc = documents.endorsement_credential(
            endorsement_id=f"{settings.DIVA_BASE_URL}/endorsements/{endorsement_uuid}",
            issuer=documents.endorser_profile(endorser), subject_id=subject_id, comment=comment,
            name=(f"Recommendation: {subject_name}" if locked.lang == "en" else f"Recommandation : {subject_name}"),
            valid_from=now, status=statuslist.status_entry(endorser.status_url(), index, "revocation"))
        signed = documents.sign(doc, documents.endorser_key(endorser), documents.endorser_did(endorser) + "#key-1")
        locked.status, locked.responded_at, locked.endorser = Invitation.ENDORSED, now_dt, endorser
        locked.name, locked.role, locked.organisation, locked.comment = name, role, organisation, comment
        locked.consent_public, locked.endorsement_uuid, locked.endorsement = True, endorsement_uuid, signed
        locked.status_index = index
        locked.save()
        _reissue_subject(locked, actor=f"endorser:{endorser.slug}")
    return locked


def decline(invitation: Invitation) -> Invitation:
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        _check_open(locked)
        locked.status, locked.responded_at = Invitation.DECLINED, timezone.now()
        locked.save(update_fields=["status", "responded_at"])
    return locked


def withdraw(invitation: Invitation) -> Invitation:
    """The endorser takes it back: its bit is set in their signed status list, and the badge re-issued without it."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update(of=("self",)).select_related("endorser").get(pk=invitation.pk)
        if locked.status != Invitation.ENDORSED:
            raise InvitationError("Il n'y a pas de recommandation à retirer.", "There is no endorsement to withdraw.")
        endorser = Endorser.objects.select_for_update().get(pk=locked.endorser_id)
        bits = bytearray(endorser.status_bits)
        statuslist.set_bit(bits, locked.status_index)
        endorser.status_bits = bytes(bits)
        documents.sign_endorser_status_list(endorser, iso_now())
        endorser.save(update_fields=["status_bits", "status_signed"])
        locked.status, locked.withdrawn_at = Invitation.WITHDRAWN, timezone.now()
        locked.save(update_fields=["status", "withdrawn_at"])
        _reissue_subject(locked, actor=f"endorser:{endorser.slug}")
    return locked


def _reissue_subject(invitation: Invitation, *, actor: str) -> None:
    from issuer.credentials.issuing import reissue

    if invitation.credential_id:
        reissue(invitation.credential, actor=actor)
    else:
        from issuer.credentials.models import IssuedCredential

        achievement_id = invitation.definition.achievement_id()
        for credential in IssuedCredential.objects.filter(structure=invitation.structure,
                                                          competence_id=invitation.definition.competence_id,
                                                          level=invitation.definition.level, revoked_at__isnull=True):
            if credential.document["credentialSubject"]["achievement"].get("id") == achievement_id:
                reissue(credential, actor=actor)


# --- what issuing.py asks of endorsements ----------------------------------------------------------

def person_endorsements(credential) -> list[dict]:
    """The signed endorsements of a credential still standing, oldest first."""
    return [i.endorsement for i in credential.invitations.filter(status=Invitation.ENDORSED).order_by("responded_at")]


def definition_for(structure, competence_id: str, level: int) -> BadgeDefinition | None:
    return BadgeDefinition.objects.filter(structure=structure, competence_id=competence_id, level=level).first()


def partner_endorsements(definition: BadgeDefinition) -> list[dict]:
    return [i.endorsement for i in definition.invitations.filter(status=Invitation.ENDORSED).order_by("responded_at")]


VALIDATION_TEXT = {
    "fr": "Compétence validée le {date} par {who}, qui accompagne les jeunes à {structure}.",
    "en": "Competence validated on {date} by {who}, counsellor at {structure}.",
}


def validation_endorsement(structure, credential_doc: dict, validation: dict, lang: str, issued: str) -> dict:
    """The counsellor's validation as an EndorsementCredential by the structure (its key), about the credential."""
    lang = _lang(lang)
    when = (validation.get("validatedAt") or issued)[:10]
    comment = VALIDATION_TEXT[lang].format(who=validation.get("validatedBy") or "?", structure=structure.name, date=when)
    if validation.get("comment"):
        comment += f" « {validation['comment']} »" if lang == "fr" else f" \"{validation['comment']}\""
    doc = documents.endorsement_credential(
        endorsement_id=f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, credential_doc['id'] + '#validation')}",
        issuer=structure_keys.issuer_profile(structure), subject_id=credential_doc["id"], comment=comment,
        name=("Validation by the counsellor" if lang == "en" else "Validation par l'accompagnateur"), valid_from=issued)
    did = doc["issuer"]["id"]
    return documents.sign(doc, structure_keys.private_key(structure), structure_keys.verification_method(structure, did))
