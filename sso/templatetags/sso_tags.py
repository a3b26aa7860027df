"""Template tags for the sign-in pages: which IdPs to offer, and whether the password form is."""
from __future__ import annotations

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from sso import idps
from sso.adapter import is_safe_redirect

register = template.Library()


@register.simple_tag
def identity_providers(next_url: str = "") -> list[dict]:
    """``[{"name", "url"}]`` for each usable IdP, the start URL carrying a safe ``next``."""
    query = f"?{urlencode({'next': next_url})}" if next_url and is_safe_redirect(next_url) else ""
    return [{"name": idp.name, "slug": idp.slug, "url": reverse("sso:login", args=[idp.slug]) + query} for idp in idps.list_idps()]


@register.simple_tag
def local_login_for_everyone() -> bool:
    """False when only the break-glass superuser may use the password form (SSO_ALLOW_LOCAL_LOGIN)."""
    return bool(settings.SSO_ALLOW_LOCAL_LOGIN)
