"""Template context for every page: the active theme and the visitor's display preferences."""
from __future__ import annotations

from themes.preferences import elder_mode_enabled
from themes.resolver import active_theme


def theme(request):
    return {"theme": active_theme().in_language(), "elder_mode": elder_mode_enabled(request)}
