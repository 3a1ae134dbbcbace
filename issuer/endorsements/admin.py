from django.contrib import admin

from issuer.endorsements.models import BadgeDefinition, Endorser, Invitation


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "structure", "source", "status", "created_at", "sent_at", "expires_at")
    list_filter = ("status", "source", "structure")
    search_fields = ("name", "organisation")
    exclude = ("token", "endorsement")
    readonly_fields = ("credential", "definition", "endorser", "endorsement_uuid", "status_index", "responded_at",
                       "withdrawn_at", "sent_at", "sends", "send_error")


@admin.register(Endorser)
class EndorserAdmin(admin.ModelAdmin):
    list_display = ("name", "role", "organisation", "slug", "created_at")
    exclude = ("status_bits", "status_signed", "email_sha256")
    readonly_fields = ("slug",)


@admin.register(BadgeDefinition)
class BadgeDefinitionAdmin(admin.ModelAdmin):
    list_display = ("structure", "competence_id", "level", "created_at")
    list_filter = ("structure",)
