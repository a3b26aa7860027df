from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    """The message centre: one service every part of the platform notifies officials (and
    citizens' addresses) through; senders and kinds are registries others add to."""

    name = "notifications"
    verbose_name = _("消息中心")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from notifications import kinds, periodic, senders, signal_handlers  # noqa: F401 (periodic registers checks)

        kinds.load_builtins()
        senders.load_builtins()
        signal_handlers.connect()
        from django.apps import apps

        if apps.is_installed("portal"):
            from notifications import portal_integration

            portal_integration.connect()
