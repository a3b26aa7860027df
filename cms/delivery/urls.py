"""URLs of `cms.delivery`, mounted at ``/api/`` (the content API and its OpenAPI description)."""
from django.urls import path

from cms.delivery.api import api

urlpatterns = [path("", api.urls)]
