"""Themes for the public site: a registry of named themes (templates, static files, design tokens),
the theme chosen per Wagtail Site, the public page templates, accessibility features such as the
elder-friendly mode, error pages, sitemap and feeds.
"""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemesConfig(AppConfig):
    name = "themes"
    label = "themes"
    verbose_name = _("站点主题")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from themes import checks  # noqa: F401  (registers the system checks)
        from themes.registry import discover

        discover(settings.THEMES_DIRS)

        # The elder-friendly mode renders another page from the same URL: the full-page cache
        # keeps one copy per mode (the theme itself follows the Site, which the cache keys by host).
        from cms.delivery.page_cache import register_variant
        from themes.preferences import elder_mode_enabled

        register_variant("elder_mode", lambda request: "1" if elder_mode_enabled(request) else "0")
