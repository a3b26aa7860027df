from django.apps import AppConfig


class SsoConfig(AppConfig):
    name = "sso"
    label = "sso"
    verbose_name = "统一身份认证"
    default_auto_field = "django.db.models.BigAutoField"
