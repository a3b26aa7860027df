"""Admin URLs (``/admin/interaction/``), registered by ``wagtail_hooks.register_admin_urls``."""
from django.urls import path

from interaction.views import admin

app_name = "interaction_admin"

urlpatterns = [
    path("", admin.queue, name="queue"),
    path("<int:pk>/", admin.detail, name="detail"),
    path("<int:pk>/step/<slug:name>/", admin.step, name="step"),
    path("<int:pk>/attachments/<int:attachment_id>/", admin.attachment, name="attachment"),
    path("export.<str:fmt>", admin.export, name="export"),
    path("ratings/", admin.rating_scores, name="scores"),
]
