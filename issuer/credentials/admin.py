from django.contrib import admin

from issuer.credentials.models import IssuedCredential, StatusList


@admin.register(IssuedCredential)
class IssuedCredentialAdmin(admin.ModelAdmin):
    list_display = ("uuid", "structure", "competence_id", "level", "issued_at", "revoked_at")
    list_filter = ("structure", "competence_id", "level")
    exclude = ("document",)
    readonly_fields = [f.name for f in IssuedCredential._meta.fields if f.name != "document"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # revoke from review or `diva-issuer revoke`, which re-signs the status list


@admin.register(StatusList)
class StatusListAdmin(admin.ModelAdmin):
    list_display = ("id", "structure", "purpose", "size", "updated_at")
    exclude = ("bits", "signed")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
