"""Template filters for portal widgets."""
from datetime import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def when(value: str) -> str:
    """``2026-11-25T09:00:00+08:00`` → ``11-25 09:00`` in the site's time zone; other text unchanged."""
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%m-%d %H:%M") if (moment.hour or moment.minute) else moment.strftime("%Y-%m-%d")
