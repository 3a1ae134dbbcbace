"""How long a learner's claim link stays open, and the e-mail address they chose to give (sealed at rest)."""
from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


MAX_EMAILS = 5


class ClaimLink(models.Model):
    """Created on the first renewal or e-mail; without it, the link lasts the structure's period from review."""

    badge_request = models.OneToOneField("intake.BadgeRequest", on_delete=models.CASCADE, primary_key=True,
                                         related_name="claim_link")
    # null: the default period, counted from the review (or the receipt while pending)
    expires_at = models.DateTimeField(null=True, blank=True)
    renewed_at = models.DateTimeField(null=True, blank=True)
    renewed_by = models.CharField(max_length=150, blank=True)
    # the learner's address, encrypted with the platform key; it never leaves the platform
    email_sealed = models.TextField(blank=True)
    email_consent_at = models.DateTimeField(null=True, blank=True)
    # a claim code must not become a way to send mail to anyone: a few messages per link, ever
    emails_sent = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("lien de récupération")
        verbose_name_plural = _("liens de récupération")

    def __str__(self) -> str:
        return f"{self.badge_request.claim_code} → {self.expires_at or '-'}"

    @property
    def email(self) -> str:
        from issuer.structures.secrets import unseal

        return unseal(self.email_sealed) if self.email_sealed else ""


def expires_at(badge_request):
    """When the claim link closes: a renewal's date, else the structure's period after review (or receipt)."""
    link = ClaimLink.objects.filter(badge_request=badge_request).first()
    if link is not None and link.expires_at is not None:
        return link.expires_at
    start = badge_request.reviewed_at or badge_request.received_at or timezone.now()
    return start + timedelta(days=badge_request.structure.claim_days or 90)


def is_expired(badge_request, now=None) -> bool:
    return (now or timezone.now()) >= expires_at(badge_request)


def renew(badge_request, *, actor: str, now=None):
    """Open the link again for the structure's period from now; returns the new end."""
    now = now or timezone.now()
    link, _ = ClaimLink.objects.get_or_create(badge_request=badge_request)
    link.expires_at = now + timedelta(days=badge_request.structure.claim_days or 90)
    link.renewed_at, link.renewed_by = now, actor
    link.save()
    return link.expires_at
