"""Start-up checks of the interaction settings (Django system checks)."""
from __future__ import annotations

from django.conf import settings
from django.core.checks import Error, Warning, register
from django.utils import timezone

from interaction.kinds import KINDS


@register()
def check_interaction_settings(app_configs=None, **kwargs):
    problems = []
    for kind, days in settings.INTERACTION_TIME_LIMITS.items():
        if kind not in KINDS:
            problems.append(Error(f"INTERACTION_TIME_LIMITS: unknown kind {kind!r} (known: {', '.join(KINDS)})",
                                  id="interaction.E001"))
        elif not isinstance(days, int) or days < 1:
            problems.append(Error(f"INTERACTION_TIME_LIMITS[{kind!r}] must be a whole number of days ≥ 1",
                                  id="interaction.E002"))
    for action, rate in settings.INTERACTION_RATE_LIMITS.items():
        count, _, seconds = str(rate).partition("/")
        if not (count.isdigit() and seconds.isdigit() and int(seconds) > 0):
            problems.append(Error(f"the {action} rate {rate!r} must look like COUNT/SECONDS, e.g. 5/3600",
                                  id="interaction.E003"))
    return problems


@register()
def check_working_day_calendar(app_configs=None, **kwargs):
    """Deadlines reach into next year: say so when the calendar does not know it yet."""
    from workdays import calendar_covers

    year = timezone.now().year + 1
    if calendar_covers(year):
        return []
    return [Warning(f"the chinesecalendar package has no holidays for {year}: deadlines in {year} count "
                    "Monday-Friday only", hint="upgrade the chinesecalendar pin once the arrangement is published",
                    id="interaction.W001")]
