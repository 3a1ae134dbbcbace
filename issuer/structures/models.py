"""A structure that runs DIVA workshops, and the staff allowed to review its requests."""
from __future__ import annotations

import re

from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

SLUG_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")  # also the last part of a did:web


class Structure(models.Model):
    """The id is the one the game sends (`structure.id`) and the last part of its did:web."""

    slug = models.CharField(_("identifiant"), max_length=63, unique=True,
                            validators=[RegexValidator(SLUG_RE, _("lettres minuscules, chiffres et tirets"))])
    name = models.CharField(_("nom"), max_length=200)
    url = models.URLField(_("site web"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    linkedin_org_id = models.CharField(_("identifiant d'organisation LinkedIn"), max_length=40, blank=True)
    claim_days = models.PositiveIntegerField(_("durée des liens de récupération (jours)"), default=90)
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="structure",
                                 help_text=_("les membres de ce groupe voient les demandes de la structure"))
    # HMAC secret shared with the game, encrypted with the platform key: never shown again
    secret_sealed = models.TextField(editable=False)
    # Ed25519 private key, encrypted with DIVA_ISSUER_KEY_SECRET
    private_key_sealed = models.TextField(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("structure")
        verbose_name_plural = _("structures")

    def __str__(self) -> str:
        return f"{self.name} ({self.slug})"

    def hmac_secret(self) -> str:
        from issuer.structures.secrets import unseal

        return unseal(self.secret_sealed)


def structures_of(user) -> models.QuerySet:
    """The structures a user may see: all for a superuser, else those whose group they belong to."""
    if not user.is_authenticated:
        return Structure.objects.none()
    if user.is_superuser:
        return Structure.objects.all()
    return Structure.objects.filter(group__user=user)
