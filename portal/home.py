"""Assemble a user's home: their layout, each widget fetched (concurrently) and described for
the JSON API (shared/contracts §4) and the HTML fragments."""
from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from portal.fetching import fetch_widgets
from portal.identity import context_for
from portal.layouts import user_items, visible_widgets
from portal.specs import spec_from


def _with_urls(result: dict) -> dict:
    result["urls"] = {
        "json": reverse("portal:api-widget", args=[result["key"]]),
        "html": reverse("portal:widget-fragment", args=[result["key"]]),
    }
    return result


def build_home(user) -> dict:
    visible = visible_widgets(user)
    items, personal = user_items(user, visible)
    ctx = context_for(user)
    specs = [spec_from(visible[item["widget"]], item["width"], item["height"]) for item in items]
    widgets = [_with_urls(result) for result in fetch_widgets(specs, ctx)]
    return {
        "user": {"username": ctx.username, "name": ctx.display_name, "department": ctx.department, "roles": list(ctx.roles)},
        "personal_layout": personal,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "widgets": widgets,
    }


def build_widget(user, definition) -> dict:
    """One widget for the user (the caller has checked that they may see it)."""
    items, _ = user_items(user)
    size = next((item for item in items if item["widget"] == definition.key), {})
    spec = spec_from(definition, size.get("width"), size.get("height"))
    return _with_urls(fetch_widgets([spec], context_for(user))[0])
