from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimConfig(AppConfig):
    name = "issuer.claim"
    label = "claim"
    verbose_name = _("Récupération des badges")
