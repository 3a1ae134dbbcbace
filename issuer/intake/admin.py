from django.contrib import admin

from issuer.intake.models import BadgeRequest


@admin.register(BadgeRequest)
class BadgeRequestAdmin(admin.ModelAdmin):
    list_display = ("learner_name", "structure", "session_id", "badges", "status", "received_at")
    list_filter = ("status", "structure")
    search_fields = ("learner_name", "session_id", "request_id")
    readonly_fields = ("uuid", "structure", "idempotency_key", "request_id", "body_sha256", "claim_code",
                       "lang", "learner_name", "session_id", "badges", "received_at", "reviewed_at", "reviewed_by")
    exclude = ("body",)
