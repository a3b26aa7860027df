"""System checks: the default theme exists and every theme folder has the files it names."""
from __future__ import annotations

from django.conf import settings
from django.core import checks

from themes.registry import ThemeError, all_themes, get_theme


@checks.register()
def check_themes(app_configs=None, **kwargs):
    errors = []
    try:
        get_theme(settings.THEMES_DEFAULT)
    except ThemeError as exc:
        errors.append(checks.Error(f"THEMES_DEFAULT: {exc}", id="themes.E001"))
    for theme in all_themes():
        for name in theme.stylesheets + ((theme.logo,) if theme.logo else ()):
            if not (theme.static_dir / name).is_file():
                errors.append(checks.Error(f"theme {theme.name!r}: {theme.static_dir / name} does not exist",
                                           id="themes.E002"))
    return errors
