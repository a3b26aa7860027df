"""Template loaders that put the active theme's ``templates/`` folder in front of the core ones.

``ThemeLoader`` looks a template up in the active theme's folder only, so a theme overrides any
core template by name (``base.html``, ``theme/header.html``, ``cms/service_guide_page.html``) and
falls through to the next loader otherwise. ``CachedLoader`` is Django's cached loader with the
theme in the cache key: without it the first site to render a template would fix it for all.
"""
from __future__ import annotations

from django.template.loaders.cached import Loader as DjangoCachedLoader
from django.template.loaders.filesystem import Loader as FilesystemLoader

from themes.resolver import active_theme


class ThemeLoader(FilesystemLoader):
    def get_dirs(self):
        return [active_theme().template_dir]


class CachedLoader(DjangoCachedLoader):
    def cache_key(self, template_name, skip=None):
        return f"{active_theme().name}:{super().cache_key(template_name, skip)}"
