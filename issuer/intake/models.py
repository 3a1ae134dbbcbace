"""One badge request as the game sent it: the exact bytes, their hash (idempotency) and its claim code."""
from __future__ import annotations

import json
import secrets
import uuid
from functools import cached_property

from django.db import models
from django.utils.translation import gettext_lazy as _

from issuer.structures.models import Structure

CLAIM_ALPHABET = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/l/I
CLAIM_LENGTH = 10  # 56^10 ≈ 3·10^17: unguessable, and the claim URL stays short for a small QR


def new_claim_code() -> str:
    return "".join(secrets.choice(CLAIM_ALPHABET) for _ in range(CLAIM_LENGTH))


class BadgeRequest(models.Model):
    PENDING, ISSUED, REJECTED = "pending", "issued", "rejected"
    STATUSES = [(PENDING, _("en attente de relecture")), (ISSUED, _("badges signés")), (REJECTED, _("refusée"))]

    uuid = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    structure = models.ForeignKey(Structure, on_delete=models.PROTECT, related_name="requests")
    # the Idempotency-Key header, which DIVA sets to the request's id
    idempotency_key = models.CharField(max_length=200)
    request_id = models.CharField(max_length=200, db_index=True)
    body = models.BinaryField()
    body_sha256 = models.CharField(max_length=64)
    claim_code = models.CharField(max_length=32, unique=True, default=new_claim_code)
    status = models.CharField(max_length=16, choices=STATUSES, default=PENDING, db_index=True)
    lang = models.CharField(max_length=12, default="fr")
    learner_name = models.CharField(max_length=200)
    session_id = models.CharField(max_length=200)
    badges = models.PositiveSmallIntegerField(default=0)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.CharField(max_length=150, blank=True)
    reject_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("demande de badges")
        verbose_name_plural = _("demandes de badges")
        constraints = [models.UniqueConstraint(fields=["structure", "idempotency_key"], name="one_request_per_key")]

    def __str__(self) -> str:
        return f"{self.learner_name} · {self.session_id} ({self.get_status_display()})"

    @cached_property
    def data(self) -> dict:
        return json.loads(bytes(self.body).decode("utf-8"))

    @property
    def credentials(self) -> list[dict]:
        return self.data.get("credentials", [])

    def claim_path(self) -> str:
        return f"/c/{self.claim_code}"

    def claim_url(self) -> str:
        from django.conf import settings

        return settings.DIVA_BASE_URL + self.claim_path()
