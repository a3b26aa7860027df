"""Themes for the public site: a registry of named themes (templates, static files, design tokens),
the theme chosen per Wagtail Site, the public page templates, accessibility features such as the
elder-friendly mode, error pages, sitemap and feeds.
"""
from django.apps import AppConfig


class ThemesConfig(AppConfig):
    name = "themes"
    label = "themes"
    verbose_name = "站点主题"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings

        from themes import checks  # noqa: F401  (registers the system checks)
        from themes.registry import discover

        discover(settings.THEMES_DIRS)
