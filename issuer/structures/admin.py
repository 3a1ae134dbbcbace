from django.contrib import admin, messages
from django.db import models
from django.utils.translation import gettext as _

from issuer.structures.models import Structure


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "email", "created_at")
    search_fields = ("slug", "name")
    # the secret and the private key are encrypted and never shown again
    exclude = ("secret_sealed", "private_key_sealed", "group")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_readonly_fields(self, request, obj=None):
        return ("slug", "created_at") if obj else ("created_at",)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        from issuer.structures.services import StructureError, create_structure

        try:
            created, secret = create_structure(obj.slug, obj.name, url=obj.url, email=obj.email)
        except StructureError as exc:
            messages.error(request, str(exc))
            return
        Structure.objects.filter(pk=created.pk).update(linkedin_org_id=obj.linkedin_org_id, claim_days=obj.claim_days)
        obj.pk = created.pk
        messages.warning(request, _("Secret de la structure, affiché une seule fois : %(secret)s") % {"secret": secret})
