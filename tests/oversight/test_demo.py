"""The demo loader gives ./run a board with green, yellow and red items and a month of figures; twice is harmless."""
from __future__ import annotations

import pytest
from django.core.management import call_command

from oversight.models import Level, MonitoredItem, PageViewDaily

pytestmark = pytest.mark.django_db


def test_the_demo_shows_every_card_and_a_month_of_figures():
    call_command("setup_demo", verbosity=0)
    open_levels = set(MonitoredItem.objects.filter(finished_at__isnull=True).values_list("level", flat=True))
    assert open_levels == {Level.GREEN, Level.YELLOW, Level.RED}
    assert MonitoredItem.objects.filter(finished_at__isnull=False).count() > 50
    assert PageViewDaily.objects.values("day").distinct().count() == 30
    before = (MonitoredItem.objects.count(), PageViewDaily.objects.count())
    call_command("setup_demo", verbosity=0)
    assert (MonitoredItem.objects.count(), PageViewDaily.objects.count()) == before
