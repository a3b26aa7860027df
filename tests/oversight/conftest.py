"""Fixtures of the efficiency-monitoring tests: two departments with leader groups, personas."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from oversight.models import DepartmentLeaders
from notifications import sms


@pytest.fixture(autouse=True)
def fresh_statistics(settings):
    """Reports are recomputed in every test (the cache is tested on its own)."""
    settings.OVERSIGHT_STATS_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def memory_sms(settings):
    """SMS alerts land in notifications.sms.outbox (the memory backend), never in the log."""
    settings.NOTIFICATIONS_SMS_BACKEND = "notifications.sms.MemorySmsBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def person(username: str, *groups: str) -> User:
    user = User.objects.create_user(username, f"{username}@example.test", "pw")
    user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in groups])
    return user


@pytest.fixture
def leaders(market, labour):
    """市场监管局 and 人社局 each with a leaders group and one leader."""
    for department, group_name in ((market, "市场监管局-领导"), (labour, "人社局-领导")):
        DepartmentLeaders.objects.create(department=department, group=Group.objects.get_or_create(name=group_name)[0])
    return {"market": person("scj_leader", "市场监管局-领导"), "labour": person("rsj_leader", "人社局-领导")}
