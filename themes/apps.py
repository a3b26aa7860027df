from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"
    label = "themes"
    verbose_name = "站点主题"
    default_auto_field = "django.db.models.BigAutoField"
