from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    """Efficiency monitoring (行政效能监察: time limits, red/yellow cards, the leaders' board) and
    statistics for leaders (决策支持)."""

    name = "oversight"
    verbose_name = _("效能监察与统计")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from oversight import checks, signal_handlers, sources  # noqa: F401 (registers checks and sources)

        sources.load_builtins()
        from oversight import stats

        stats.load_builtins()
        from django.apps import apps

        if apps.is_installed("portal"):
            from oversight import portal_widgets  # noqa: F401 (registers the leaders' connectors)
        signal_handlers.connect()
