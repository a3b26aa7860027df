"""The login audit log keeps what happened for as long as it is kept, but not who-was-where:
after RETENTION_PERSONAL_DATA_DAYS a line loses its address and user agent, and a refused login
its typed username (people type their password into the username field)."""
from __future__ import annotations

from config.retention import register_purge


@register_purge("sso.authevent", setting="RETENTION_PERSONAL_DATA_DAYS")
def anonymise_auth_events(before) -> int:
    from django.db.models import Q

    from sso.models import AuthEvent

    old = AuthEvent.objects.filter(created_at__lt=before)
    changed = old.filter(Q(ip_address__isnull=False) | ~Q(user_agent="")).update(ip_address=None, user_agent="")
    changed += old.filter(kind=AuthEvent.Kind.LOGIN_REFUSED, user__isnull=True).exclude(username="").update(username="")
    return changed
