from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StructuresConfig(AppConfig):
    name = "issuer.structures"
    label = "structures"
    verbose_name = _("Structures")
