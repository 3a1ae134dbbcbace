"""Signed credentials and the revocation status lists they point at."""
from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusList(models.Model):
    """A structure's BitstringStatusList (revocation); its signed credential is kept ready to serve."""

    structure = models.ForeignKey("structures.Structure", on_delete=models.PROTECT, related_name="status_lists")
    purpose = models.CharField(max_length=20, default="revocation")
    size = models.PositiveIntegerField()
    bits = models.BinaryField()
    signed = models.JSONField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("liste de statuts")
        verbose_name_plural = _("listes de statuts")

    def url(self) -> str:
        from django.conf import settings

        return f"{settings.DIVA_BASE_URL}/status/{self.pk}"


class IssuedCredential(models.Model):
    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    badge_request = models.ForeignKey("intake.BadgeRequest", on_delete=models.PROTECT, related_name="issued")
    structure = models.ForeignKey("structures.Structure", on_delete=models.PROTECT, related_name="issued")
    position = models.PositiveSmallIntegerField(default=0)
    request_credential_id = models.CharField(max_length=200)
    credential_id = models.CharField(max_length=300, unique=True)
    competence_id = models.CharField(max_length=40)
    level = models.PositiveSmallIntegerField()
    requested_level = models.PositiveSmallIntegerField()
    level_reason = models.TextField(blank=True)
    document = models.JSONField()
    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="entries")
    status_index = models.PositiveIntegerField()
    issued_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoke_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["badge_request", "position"]
        verbose_name = _("badge signé")
        verbose_name_plural = _("badges signés")
        constraints = [models.UniqueConstraint(fields=["status_list", "status_index"], name="one_credential_per_bit")]

    def __str__(self) -> str:
        return f"{self.competence_id} L{self.level} · {self.badge_request.learner_name}"

    def public_path(self) -> str:
        return f"/credentials/{self.uuid}"
