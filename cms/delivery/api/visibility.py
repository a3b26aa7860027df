"""What an anonymous client may see: live pages, outside every view restriction (private and
internal sections), not the root, and not past their ``expires_at``. Every endpoint starts from
these querysets; nothing in the API reads pages any other way (except the token-gated preview)."""
from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page, get_page_models


def expiring_models() -> list[type]:
    """Concrete page models with an ``expires_at`` field (notices, and any other that has one)."""
    found = []
    for model in get_page_models():
        try:
            model._meta.get_field("expires_at")
        except FieldDoesNotExist:
            continue
        if not model._meta.abstract:
            found.append(model)
    return found


def not_expired_q(now=None) -> Q:
    return Q(expires_at__isnull=True) | Q(expires_at__gt=now or timezone.now())


def public_pages(model=Page):
    """Live, unrestricted, unexpired pages of ``model`` (``Page``: every type)."""
    now = timezone.now()
    queryset = model.objects.live().public().filter(depth__gt=1)
    if model is Page:
        for expiring in expiring_models():
            queryset = queryset.exclude(pk__in=expiring.objects.exclude(not_expired_q(now)).values("pk"))
    elif model in expiring_models():
        queryset = queryset.filter(not_expired_q(now))
    return queryset


def is_public(page) -> bool:
    return public_pages().filter(pk=page.pk).exists()
