from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "统一搜索"
    default_auto_field = "django.db.models.BigAutoField"
