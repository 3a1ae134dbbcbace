"""The audit log: who did what to which request or credential, and why."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # a staff member's user name, "cli:<login>" for the command line, "" for the game's own request
    actor = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=40)
    structure = models.ForeignKey("structures.Structure", on_delete=models.PROTECT, related_name="audit")
    badge_request = models.ForeignKey("intake.BadgeRequest", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="audit")
    credential = models.ForeignKey("credentials.IssuedCredential", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="audit")
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("entrée du journal")
        verbose_name_plural = _("journal des actions")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor or 'DIVA'} {self.action}"
