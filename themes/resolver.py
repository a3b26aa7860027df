"""Which theme is active: the one chosen for the request's Wagtail Site (``ThemeSettings``), else
``THEMES_DEFAULT``. ``ActiveThemeMiddleware`` sets it for the request; the template loader and
the context processor read it from here, so templates never name a theme themselves."""
from __future__ import annotations

import contextvars
import logging
from contextlib import contextmanager

from django.conf import settings

from themes.registry import Theme, ThemeError, get_theme

logger = logging.getLogger(__name__)
_active: contextvars.ContextVar[str | None] = contextvars.ContextVar("active_theme", default=None)
# The request being served: its theme is looked up only when something renders a template, so
# responses that render none (/healthz, JSON APIs) never touch the database for it.
_request: contextvars.ContextVar = contextvars.ContextVar("active_theme_request", default=None)


def default_theme() -> Theme:
    return get_theme(settings.THEMES_DEFAULT)


def theme_for_site(site) -> Theme:
    """The theme chosen for ``site`` in the admin; the default when none is chosen or the chosen
    one is no longer installed (a removed theme must not take the site down)."""
    if site is None:
        return default_theme()
    name = _chosen_theme_name(site)
    try:
        return get_theme(name) if name else default_theme()
    except ThemeError:
        return default_theme()


def _chosen_theme_name(site) -> str:
    """Asked on every page view, changed once in a while: kept in the cache until the content
    generation changes (saving ThemeSettings starts a new one, see cms.delivery.signal_handlers)."""
    from django.core.cache import cache

    from cms.delivery.caching import content_generation
    from themes.models import ThemeSettings

    key = f"themes:chosen:{site.pk}:{content_generation()}"
    name = cache.get(key)
    if name is None:
        name = ThemeSettings.for_site(site).theme or ""
        cache.set(key, name, timeout=3600)
    return name


def theme_for_request(request) -> Theme:
    """The request's Site's theme (cached on the request); the default theme when the database
    cannot say (an error page must still render during an outage)."""
    cached = getattr(request, "_theme", None)
    if cached is None:
        from django.db import DatabaseError
        from wagtail.models import Site

        try:
            cached = theme_for_site(Site.find_for_request(request))
        except DatabaseError:
            logger.warning("theme lookup failed: the database does not answer; using the default theme")
            cached = default_theme()
        request._theme = cached
    return cached


def active_theme() -> Theme:
    name = _active.get()
    if name:
        try:
            return get_theme(name)
        except ThemeError:
            pass
    request = _request.get()
    if request is not None:
        return theme_for_request(request)
    return default_theme()


@contextmanager
def use_theme(theme: Theme | str):
    """Render with ``theme`` inside the block (for code outside a request, e.g. e-mails, tests)."""
    token = _active.set(theme if isinstance(theme, str) else theme.name)
    try:
        yield
    finally:
        _active.reset(token)
