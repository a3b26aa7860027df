"""URLs of `sso` (mounted at /sso/); the README lists them for IdP administrators."""
from django.urls import path

from sso import views

app_name = "sso"

urlpatterns = [
    path("login/", views.start, name="start"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("session/", views.session_info, name="session"),
    path("saml/metadata/", views.metadata, name="metadata"),
    path("saml/<slug:slug>/metadata/", views.metadata, name="idp_metadata"),
    path("saml/<slug:slug>/login/", views.LoginView.as_view(), name="login"),
    path("saml/<slug:slug>/acs/", views.AcsView.as_view(), name="acs"),
    path("saml/<slug:slug>/acs/finish/", views.AcsFinishView.as_view(), name="acs_finish"),
    path("saml/<slug:slug>/sls/", views.SlsView.as_view(), name="sls"),
]
