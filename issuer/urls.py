"""Every address of the platform (relative to DIVA_ISSUER_BASE_URL)."""
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from django.views.i18n import set_language

from issuer.credentials import views as credentials
from issuer.intake import views as intake

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("badge-requests", intake.badge_requests, name="badge-requests"),
    path("r/<uuid:request_uuid>", intake.by_request_id, name="by-request-id"),
    path("", include("issuer.claim.urls")),
    path("credentials/<uuid:uuid>.json", credentials.credential_page, {"as_json": True}, name="credential-json"),
    path("credentials/<uuid:uuid>", credentials.credential_page, name="credential"),
    path("status/<int:pk>", credentials.status_list, name="status-list"),
    re_path(r"^issuers/(?P<slug>[a-z0-9][a-z0-9-]{0,62})/did\.json$", credentials.did_json, name="did-json"),
    path("verify", credentials.verify_page, name="verify"),
    path("", include("issuer.endorsements.urls")),
    path("review/", include("issuer.review.urls")),
    path("admin/", admin.site.urls),
    path("i18n/setlang/", set_language, name="set_language"),
]
