"""Personas and channel fakes of the message-centre tests: Django's mail outbox and the memory
SMS backend (both real code paths through the sender registry; only the last hop is captured)."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, User

from notifications import sms
from notifications.models import ContactPoint


@pytest.fixture(autouse=True)
def memory_sms(settings):
    settings.NOTIFICATIONS_SMS_BACKEND = "notifications.sms.MemorySmsBackend"
    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


def make_official(username: str, *, email: str | None = None, phone: str = "", groups=(), **extra) -> User:
    user = User.objects.create_user(username, email if email is not None else f"{username}@example.test", "pw", **extra)
    user.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in groups])
    if phone:
        ContactPoint.objects.create(user=user, phone=phone)
    return user


@pytest.fixture
def official(db):
    return make_official("wang", phone="13800000001")


@pytest.fixture
def colleague(db):
    return make_official("li", phone="13800000002")
