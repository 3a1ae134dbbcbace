"""Endorsers (a key the platform holds for each), invitations to vouch, partners' badge definitions, opt-outs."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

INVITATION_DAYS = 30


def new_token() -> str:
    return secrets.token_urlsafe(24)


def new_slug() -> str:
    return "e-" + secrets.token_hex(8)


def email_hash(email: str) -> str:
    """How an opted-out address is remembered: never in clear."""
    return hashlib.sha256((email or "").strip().lower().encode("utf-8")).hexdigest()


class Endorser(models.Model):
    """Someone who endorsed: their did:web lives under the platform, and the platform holds its key."""

    slug = models.CharField(max_length=40, unique=True, default=new_slug)
    email_sha256 = models.CharField(max_length=64, db_index=True, blank=True)
    name = models.CharField(_("nom"), max_length=200)
    role = models.CharField(_("rôle"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    private_key_sealed = models.TextField(editable=False)
    # the endorser's own revocation list (BitstringStatusList): a withdrawn endorsement sets its bit
    status_bits = models.BinaryField()
    status_signed = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("personne qui recommande")
        verbose_name_plural = _("personnes qui recommandent")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def status_url(self) -> str:
        return f"{settings.DIVA_BASE_URL}/endorsers/{self.slug}/status"


class BadgeDefinition(models.Model):
    """A structure's own criteria for one competence at one level, written with partner organisations."""

    structure = models.ForeignKey("structures.Structure", on_delete=models.PROTECT, related_name="badge_definitions")
    competence_id = models.CharField(_("compétence"), max_length=40)
    level = models.PositiveSmallIntegerField(_("niveau"))
    criteria = models.TextField(_("critères"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150, blank=True)

    class Meta:
        verbose_name = _("badge défini avec des partenaires")
        verbose_name_plural = _("badges définis avec des partenaires")
        constraints = [models.UniqueConstraint(fields=["structure", "competence_id", "level"],
                                               name="one_definition_per_level")]

    def __str__(self) -> str:
        return f"{self.structure.slug} {self.competence_id} L{self.level}"

    def achievement_id(self) -> str:
        return f"{settings.DIVA_BASE_URL}/issuers/{self.structure.slug}/achievements/rectec/{self.competence_id}/level-{self.level}"


class Invitation(models.Model):
    """One person asked to vouch: for a learner's credential, or (a partner) for a structure's badge definition."""

    PENDING, ENDORSED, DECLINED, WITHDRAWN = "pending", "endorsed", "declined", "withdrawn"
    STATUSES = [(PENDING, _("en attente")), (ENDORSED, _("recommandé")), (DECLINED, _("refusé")),
                (WITHDRAWN, _("retiré"))]
    GAME, LEARNER, PARTNER = "game", "learner", "partner"
    SOURCES = [(GAME, _("nommé dans le jeu")), (LEARNER, _("invité depuis la page du badge")),
               (PARTNER, _("partenaire"))]

    token = models.CharField(max_length=64, unique=True, default=new_token)
    structure = models.ForeignKey("structures.Structure", on_delete=models.PROTECT, related_name="invitations")
    credential = models.ForeignKey("credentials.IssuedCredential", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="invitations")
    definition = models.ForeignKey(BadgeDefinition, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="invitations")
    source = models.CharField(max_length=10, choices=SOURCES, default=GAME)
    name = models.CharField(_("nom"), max_length=200)
    role = models.CharField(_("rôle"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    lang = models.CharField(max_length=5, default="fr")
    status = models.CharField(max_length=10, choices=STATUSES, default=PENDING, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    sends = models.PositiveSmallIntegerField(default=0)
    send_error = models.TextField(blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    endorser = models.ForeignKey(Endorser, null=True, blank=True, on_delete=models.PROTECT, related_name="invitations")
    comment = models.TextField(blank=True)
    consent_public = models.BooleanField(default=False)
    endorsement_uuid = models.UUIDField(null=True, blank=True, unique=True)
    endorsement = models.JSONField(null=True, blank=True)
    status_index = models.PositiveIntegerField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation à recommander")
        verbose_name_plural = _("invitations à recommander")
        constraints = [models.CheckConstraint(
            condition=models.Q(credential__isnull=False) | models.Q(definition__isnull=False),
            name="invitation_has_a_subject")]

    def __str__(self) -> str:
        return f"{self.name} · {self.get_status_display()}"

    def save(self, *args, **kwargs):
        if not self.expires_at:
            self.expires_at = timezone.now() + timedelta(days=INVITATION_DAYS)
        super().save(*args, **kwargs)

    @property
    def expired(self) -> bool:
        return self.status == self.PENDING and self.expires_at < timezone.now()

    def path(self) -> str:
        return f"/e/{self.token}"

    def url(self) -> str:
        return settings.DIVA_BASE_URL + self.path()

    def endorsement_url(self) -> str:
        return f"{settings.DIVA_BASE_URL}/endorsements/{self.endorsement_uuid}"


class OptOut(models.Model):
    """An address that asked for no more invitations (List-Unsubscribe): kept as a hash only."""

    email_sha256 = models.CharField(max_length=64, unique=True)
    at = models.DateTimeField(auto_now_add=True)

    @classmethod
    def has(cls, email: str) -> bool:
        return cls.objects.filter(email_sha256=email_hash(email)).exists()
