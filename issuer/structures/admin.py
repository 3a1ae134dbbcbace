from django.contrib import admin

from issuer.structures.models import Structure


@admin.register(Structure)
class StructureAdmin(admin.ModelAdmin):
    list_display = ("slug", "name", "email", "created_at")
    search_fields = ("slug", "name")
    # the secret and the private key are encrypted and never shown: create structures with
    # `diva-issuer structure add`, which prints the secret once
    exclude = ("secret_sealed", "private_key_sealed")
    readonly_fields = ("slug", "group", "created_at")

    def has_add_permission(self, request):
        return False
