"""Public URLs of the interaction app, mounted at ``/interaction/`` (``config/urls.py``)."""
from django.urls import path

from interaction.views import public

app_name = "interaction"

urlpatterns = [
    path("", public.index, name="index"),
    path("new/<slug:kind>/", public.submit_form, name="submit"),
    path("track/", public.track, name="track"),
    path("track/supplement/", public.supplement, name="supplement"),
    path("track/rate/", public.rate_answer, name="rate_answer"),
    path("published/", public.published, name="published"),
    path("published/<str:tracking_number>/", public.published_detail, name="published_detail"),
    path("ratings/<int:page_id>/", public.rate_service_view, name="rate_service"),
]
