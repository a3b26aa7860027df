"""Design tokens for headless clients: ``GET /api/theme/`` (the requesting Site's theme) or
``GET /api/theme/?site=HOST[:PORT]`` (another Site's), as JSON."""
from __future__ import annotations

from django.http import JsonResponse
from django.templatetags.static import static
from django.views.decorators.http import require_GET
from wagtail.models import Site
from django.utils.translation import gettext

from config.hostile_input import ascii_int
from themes.models import ThemeSettings
from themes.resolver import theme_for_site


def _site_from_param(value: str) -> Site | None:
    hostname, _, port = value.partition(":")
    sites = Site.objects.filter(hostname__iexact=hostname)
    if port:
        if ascii_int(port, minimum=1, maximum=65535) is None:
            return None
        sites = sites.filter(port=int(port))
    return sites.order_by("-is_default_site", "port").first()


def theme_document(site: Site | None, request=None) -> dict:
    """Everything a front end needs to look like the site: tokens, logo, header and footer."""
    theme = theme_for_site(site).in_language()
    site_settings = ThemeSettings.for_site(site) if site else None
    footer = dict(theme.footer)
    if site_settings:
        for key in ("organizer", "contact", "icp_number", "site_code"):
            if getattr(site_settings, key):
                footer[key] = getattr(site_settings, key)

    def absolute(url: str) -> str:
        return request.build_absolute_uri(url) if request is not None else url

    return {
        "site": {
            "hostname": site.hostname if site else None,
            "port": site.port if site else None,
            "site_name": (site.site_name if site else "") or None,
        },
        "theme": theme.name,
        "label": theme.label,
        "tokens": theme.tokens,
        "css_variables": theme.css_variables(),
        "logo": absolute(static(theme.static_path(theme.logo))) if theme.logo else None,
        "stylesheets": [absolute(static(theme.static_path(name))) for name in theme.stylesheets],
        "header": theme.header,
        "footer": footer,
        "popular_searches": site_settings.popular_search_terms() if site_settings else [],
    }


@require_GET
def theme_api(request):
    wanted = request.GET.get("site", "").strip()
    if wanted:
        site = _site_from_param(wanted)
        if site is None:
            return JsonResponse({"error": "unknown_site", "detail": gettext("没有主机名为 %(host)s 的站点") % {"host": wanted}},
                                status=404, json_dumps_params={"ensure_ascii": False})
    else:
        site = Site.find_for_request(request)
    response = JsonResponse(theme_document(site, request), json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "public, max-age=300"
    return response
