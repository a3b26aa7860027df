"""Static files of every theme folder, served under ``/static/themes/<name>/``.

A finder (rather than ``STATICFILES_DIRS`` computed in the settings) because the theme folders are
found by the themes app (its own folder plus ``THEMES_DIRS``): settings stay plain data and never
import app code.
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.staticfiles.finders import FileSystemFinder
from django.core.files.storage import FileSystemStorage

from themes.registry import theme_folders


class ThemeStaticFinder(FileSystemFinder):
    """``FileSystemFinder`` over each theme's ``static/`` folder, prefixed ``themes/<name>``."""

    def __init__(self, app_names=None, *args, **kwargs):
        # FileSystemFinder.__init__ would read STATICFILES_DIRS; build the same state from themes.
        self.locations = []
        self.storages = {}
        for folder in theme_folders(settings.THEMES_DIRS):
            static = folder / "static"
            if static.is_dir():
                prefix, root = f"themes/{folder.name}", str(static)
                self.locations.append((prefix, root))
                storage = FileSystemStorage(location=root)
                storage.prefix = prefix
                self.storages[root] = storage

    def check(self, **kwargs):
        return []
