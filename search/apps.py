from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = _("统一搜索")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from config.health import register_readiness_check
        from search import engine, signal_handlers
        from search.sources import cms  # noqa: F401  (registers the CMS page types)

        signal_handlers.connect()
        register_readiness_check("search", engine.health_check)
