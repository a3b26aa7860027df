"""The periodic checks of efficiency monitoring (run by the worker, see notifications.periodic)."""
from __future__ import annotations

from django.utils import timezone

from notifications.periodic import register_check
from oversight import rollups  # noqa: F401 (registers the page-view roll-up)


@register_check("oversight_sources")
def sync_sources() -> int:
    from oversight.sources import all_sources

    now = timezone.now()
    return sum(source.sync(now) for source in all_sources())


@register_check("oversight_cards")
def cards() -> int:
    from oversight.monitor import check_cards

    return check_cards()
