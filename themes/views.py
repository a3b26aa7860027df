"""Public views of the themes app: the theme's CSS variables, the elder-friendly mode switch."""
from __future__ import annotations

import hashlib

from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from django.utils.translation import gettext

from themes.preferences import remember_elder_mode
from themes.registry import ThemeError, get_theme


@require_GET
def tokens_css(request, name: str):
    """The theme's design tokens as CSS custom properties (a file rather than an inline style so
    that a strict Content-Security-Policy needs no 'unsafe-inline')."""
    try:
        theme = get_theme(name)
    except ThemeError:
        raise Http404(gettext("未知主题")) from None
    body = ":root{" + "".join(f"{key}:{value};" for key, value in theme.css_variables().items()) + "}\n"
    etag = '"' + hashlib.sha256(body.encode()).hexdigest()[:16] + '"'
    if request.headers.get("If-None-Match") == etag:
        return HttpResponse(status=304)
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def elder_mode(request):
    """Switch the elder-friendly mode with a plain link (works without JavaScript); the page's
    script does the same in place when it can."""
    enabled = request.GET.get("enable", "1") == "1"
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    return remember_elder_mode(HttpResponseRedirect(target), enabled)


def favicon(request):
    """``/favicon.ico`` (asked for by browsers and feed readers without reading the page): the
    requesting site's theme icon."""
    from django.http import Http404, HttpResponsePermanentRedirect
    from django.templatetags.static import static

    from themes.resolver import theme_for_request

    theme = theme_for_request(request)
    if not theme.favicon:
        raise Http404("no favicon")
    return HttpResponsePermanentRedirect(static(theme.static_path(theme.favicon)))
