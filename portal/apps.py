from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    label = "portal"
    verbose_name = "工作门户"
    default_auto_field = "django.db.models.BigAutoField"
