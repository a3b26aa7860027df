"""The portal's pages and JSON API. Every widget view goes through ``visible_widgets``: a widget
the user's roles do not allow answers 403 whether or not it exists (no probing by URL)."""
from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django.utils.translation import gettext

from config.hostile_input import parse_json
from portal import layouts
from portal.home import build_home, build_widget
from portal.identity import context_for, issue_token
from portal.registry import widget_types
from portal.widgets.builtins import app_url

JSON_OPTS = {"json_dumps_params": {"ensure_ascii": False}}


def json_error(status: int, code: str, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": code, "message": message, **extra}, status=status, **JSON_OPTS)


def api_login_required(view):
    """Anonymous callers of the JSON API get 401 JSON (with where to log in), not a redirect."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return json_error(401, "not_authenticated", gettext("请先登录。"), login_url=settings.LOGIN_URL)
        return view(request, *args, **kwargs)

    return wrapper


def _visible_or_403(request, key):
    definition = layouts.visible_widgets(request.user).get(key)
    if definition is None:
        return None, json_error(403, "forbidden", gettext("您的角色无权查看该组件。"))
    return definition, None


@never_cache
@login_required
@require_GET
def home(request):
    """The HTML shell: cards with placeholders, filled in by portal.js from the fragment URLs."""
    visible = layouts.visible_widgets(request.user)
    items, personal = layouts.user_items(request.user, visible)
    cards = [{**item, "definition": visible[item["widget"]]} for item in items]
    available = [{"key": w.key, "title": w.title} for w in visible.values()]
    return render(request, "portal/home.html", {
        "cards": cards, "personal": personal, "available": available, "ctx": context_for(request.user),
        "fragment_base": reverse("portal:widget-fragment", args=["-"])[:-2],
    })


@never_cache
@require_GET
@api_login_required
def api_home(request):
    return JsonResponse(build_home(request.user), **JSON_OPTS)


@never_cache
@require_GET
@api_login_required
def api_widget(request, key):
    definition, refused = _visible_or_403(request, key)
    return refused or JsonResponse(build_widget(request.user, definition), **JSON_OPTS)


@never_cache
@require_GET
def widget_fragment(request, key):
    if not request.user.is_authenticated:
        return json_error(401, "not_authenticated", gettext("请先登录。"), login_url=settings.LOGIN_URL)
    definition, refused = _visible_or_403(request, key)
    if refused:
        return refused
    widget = build_widget(request.user, definition)
    html = widget_types.get(widget["type"]).render(widget, request)
    response = HttpResponse(html)
    response["X-Widget-Status"] = widget["status"]
    return response


@never_cache
@require_http_methods(["GET", "PUT", "DELETE"])
@api_login_required
def api_layout(request):
    """GET the user's layout; PUT ``{"items": [...]}`` to save it; DELETE to go back to the default."""
    visible = layouts.visible_widgets(request.user)
    if request.method == "PUT":
        try:
            body = parse_json(request.body)
        except ValueError as error:
            return json_error(400, "bad_json", str(error))
        if not isinstance(body, dict):
            return json_error(400, "bad_request", gettext("请求体须为对象。"), field="items")
        try:
            layouts.save_personal(request.user, layouts.clean_items(body.get("items"), visible))
        except layouts.LayoutError as exc:
            return json_error(exc.status, "forbidden" if exc.status == 403 else "invalid", str(exc), field=exc.field)
    elif request.method == "DELETE":
        layouts.reset_personal(request.user)
    items, personal = layouts.user_items(request.user, visible)
    return JsonResponse({
        "items": items, "personal": personal,
        "available": [{"key": w.key, "title": w.title, "type": w.widget_type} for w in visible.values()],
    }, **JSON_OPTS)


@never_cache
@require_GET
def launch(request, key, index):
    """Open an application of a launcher widget, carrying a one-minute token when it supports SSO."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    definition, refused = _visible_or_403(request, key)
    if refused:
        return refused
    apps = (definition.settings or {}).get("apps") or []
    if definition.widget_type != "launcher" or not 0 <= index < len(apps):
        return json_error(404, "not_found", gettext("没有这个应用。"))
    app = apps[index]
    url = app_url(app)
    if not url:
        return json_error(404, "not_found", gettext("没有这个应用。"))
    if app.get("sso"):
        token = issue_token(context_for(request.user), app.get("backend") or "launcher")
        url = f"{url}{'&' if '?' in url else '?'}{urlencode({'portal_token': token})}"
    return HttpResponseRedirect(url)
