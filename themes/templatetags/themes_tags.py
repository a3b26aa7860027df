"""Template helpers for the public site: Chinese dates, theme static files, the menu."""
from __future__ import annotations

import datetime as dt
import re

from django import template
from django.templatetags.static import static
from django.utils import formats, timezone

from themes.resolver import active_theme
from config.i18n import join_list as _join_list

register = template.Library()


@register.filter
def cn_date(value) -> str:
    """``2024-05-01`` → ``2024年5月1日`` in Chinese, ``May 1, 2024`` in English (the language's
    DATE_FORMAT; aware datetimes in the site's time zone)."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        value = value.date()
    return formats.date_format(value, "DATE_FORMAT")


@register.filter
def join_list(values) -> str:
    """甲、乙 in Chinese, "a, b" in English (``config.i18n.join_list``)."""
    return _join_list(values or ())


@register.simple_tag
def theme_static(path: str) -> str:
    """URL of a file in the active theme's static folder."""
    return static(active_theme().static_path(path))


@register.simple_tag(takes_context=True)
def main_menu(context) -> list[dict]:
    """The site root's live, public children marked "show in menus" (every one when none is
    marked), in tree order, each with ``url``, ``title`` and whether it is the current page or one
    of its ancestors (for ``aria-current``). The entries are shared by every page of the site,
    so they are kept in the cache until the content changes (one look-up instead of six queries)."""
    request = context.get("request")
    if request is None:
        return []
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None:
        return []
    current = context.get("page")
    current_path = getattr(current, "url_path", "") or ""
    return [
        {**entry, "current": current_path == entry["url_path"],
         "ancestor": current_path.startswith(entry["url_path"]) and current_path != entry["url_path"]}
        for entry in _menu_entries(site, request)
    ]


def _menu_entries(site, request) -> list[dict]:
    from django.core.cache import cache

    from cms.delivery.caching import content_generation

    key = f"themes:menu:{site.pk}:{content_generation()}"
    entries = cache.get(key)
    if entries is None:
        children = list(site.root_page.get_children().live().public())
        in_menu = [page for page in children if page.show_in_menus] or children
        entries = [{"url": page.get_url(request), "title": page.title, "url_path": page.url_path} for page in in_menu]
        cache.set(key, entries, timeout=3600)
    return entries


@register.simple_tag(takes_context=True)
def site_root(context):
    request = context.get("request")
    if request is None:
        return None
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return site.root_page.specific if site else None


@register.simple_tag(takes_context=True)
def site_name(context) -> str:
    from django.conf import settings
    from wagtail.models import Site

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return (site.site_name if site and site.site_name else "") or settings.WAGTAIL_SITE_NAME


@register.simple_tag(takes_context=True)
def other_sites(context) -> list[dict]:
    """The installation's other Wagtail Sites (the city portal and its departments link to each
    other in the footer), with the port the visitor is using when the Site names none."""
    from wagtail.models import Site

    request = context.get("request")
    current = Site.find_for_request(request) if request is not None else None
    return [
        {"name": site.site_name or site.hostname, "url": _site_url(site, request)}
        for site in Site.objects.order_by("-is_default_site", "site_name")
        if current is None or site.pk != current.pk
    ]


@register.simple_tag(takes_context=True)
def default_site_url(context) -> str:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return _site_url(site, context.get("request")) if site else "/"


def _site_url(site, request) -> str:
    """A Site's address as the visitor would reach it: the Site's host with the request's scheme
    and port (demo sites share one server, so they share its port)."""
    if request is None:
        return site.root_url
    scheme = "https" if request.is_secure() else "http"
    port = request.get_port()
    default_port = "443" if scheme == "https" else "80"
    return f"{scheme}://{site.hostname}{'' if str(port) == default_port else ':' + str(port)}/"


@register.simple_tag
def page_type(page) -> str:
    """A stable name for the page's type for CSS and tests: ``ServiceGuideIndexPage`` →
    ``service_guide_index``, ``HomePage`` → ``home``."""
    if page is None or not hasattr(page, "specific_class"):
        return ""
    cls = page.specific_class or type(page)
    name = cls.__name__
    if name.endswith("Page") and name != "Page":
        name = name[: -len("Page")]
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


@register.simple_tag
def index_items(index, limit: int = 8) -> list:
    """The newest ``limit`` items of an index page that lists items (``items()``), else none."""
    items = getattr(getattr(index, "specific", index), "items", None)
    return list(items().order_by("-published_at")[: int(limit)]) if callable(items) else []


@register.simple_tag
def index_count(index):
    """How many items an index page lists; ``None`` for pages that list none."""
    items = getattr(getattr(index, "specific", index), "items", None)
    return items().count() if callable(items) else None
