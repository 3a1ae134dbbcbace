from django.contrib.auth import views as auth_views
from django.urls import path

from issuer.review import views

app_name = "review"
urlpatterns = [
    path("", views.request_list, name="list"),
    path("login/", auth_views.LoginView.as_view(template_name="review/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("requests/<uuid:pk>/", views.request_detail, name="detail"),
    path("requests/<uuid:pk>/approve", views.approve_view, name="approve"),
    path("requests/<uuid:pk>/reject", views.reject_view, name="reject"),
    path("credentials/<uuid:uuid>/revoke", views.revoke_view, name="revoke"),
]
