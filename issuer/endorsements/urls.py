from django.urls import path, re_path

from issuer.endorsements import staff, views

app_name = "endorsements"
urlpatterns = [
    re_path(r"^e/(?P<token>[A-Za-z0-9_-]{20,64})$", views.endorse_page, name="endorse"),
    re_path(r"^e/(?P<token>[A-Za-z0-9_-]{20,64})/unsubscribe$", views.unsubscribe_page, name="unsubscribe"),
    path("endorsements/<uuid:uuid>", views.endorsement_json, name="endorsement"),
    re_path(r"^endorsers/(?P<slug>e-[0-9a-f]{16})/did\.json$", views.endorser_did_json, name="endorser-did"),
    re_path(r"^endorsers/(?P<slug>e-[0-9a-f]{16})/status$", views.endorser_status, name="endorser-status"),
    re_path(r"^c/(?P<code>[A-Za-z0-9]{6,32})/invite$", views.invite_from_claim, name="invite"),
    path("review/invitations/<int:pk>/resend", views.resend_view, name="resend"),
    path("review/structures/<slug:slug>/dashboard", staff.dashboard, name="dashboard"),
    path("review/structures/<slug:slug>/dashboard.csv", staff.dashboard_csv, name="dashboard-csv"),
    path("review/structures/<slug:slug>/criteria", staff.criteria, name="criteria"),
]
