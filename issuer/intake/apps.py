from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "issuer.intake"
    label = "intake"
    verbose_name = _("Demandes de badges")
