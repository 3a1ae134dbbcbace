"""The learner's addresses (short, unguessable code, no personal data) and the review's renewal of a link."""
from django.urls import path, re_path

from issuer.claim import views

CODE = r"(?P<code>[A-Za-z0-9]{6,32})"
UUID = r"(?P<uuid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"

urlpatterns = [
    re_path(rf"^c/{CODE}$", views.claim_page, name="claim"),
    re_path(rf"^c/{CODE}/email$", views.claim_email, name="claim-email"),
    re_path(rf"^c/{CODE}/{UUID}\.(?P<kind>png|pdf)$", views.claim_file, name="claim-file"),
    path("review/requests/<uuid:pk>/renew-claim", views.renew_link, name="claim-renew"),
]
