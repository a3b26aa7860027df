"""URLs of `portal` (mounted at /portal/)."""
from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("api/home/", views.api_home, name="api-home"),
    path("api/layout/", views.api_layout, name="api-layout"),
    path("api/widgets/<slug:key>/", views.api_widget, name="api-widget"),
    path("widgets/<slug:key>/", views.widget_fragment, name="widget-fragment"),
    path("launch/<slug:key>/<int:index>/", views.launch, name="launch"),
]
