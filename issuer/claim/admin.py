from django.contrib import admin

from issuer.claim.models import ClaimLink


@admin.register(ClaimLink)
class ClaimLinkAdmin(admin.ModelAdmin):
    """Renewals and consent dates; the learner's address itself is never shown (sealed)."""

    list_display = ("badge_request", "expires_at", "renewed_at", "renewed_by", "email_consent_at", "emails_sent")
    readonly_fields = ("badge_request", "renewed_at", "renewed_by", "email_consent_at", "emails_sent")
    exclude = ("email_sealed",)
    search_fields = ("badge_request__claim_code",)
