from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    label = "search"
    verbose_name = "统一搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from config.health import register_readiness_check
        from search import engine, signal_handlers
        from search.sources import cms  # noqa: F401  (registers the CMS page types)

        signal_handlers.connect()
        register_readiness_check("search", engine.health_check)
