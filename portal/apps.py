"""The officials' portal home: a registry of widget types, connectors to back-office systems
(REST/JSON, feeds, CMS queries) with timeouts, circuit breakers and stale-while-revalidate
caching, role and department default layouts merged with each user's own arrangement, the home
page and its JSON API, and demo back-office systems for the embedded default.
"""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    label = "portal"
    verbose_name = _("工作门户")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal import checks  # noqa: F401 - registers the start-up checks
        from portal.registry import load_builtins

        load_builtins()
