"""Deadlines in working days across a holiday and a make-up day, per kind and department, and
the flags (near, overdue) the queue, the widgets and oversight read."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from interaction.deadlines import deadline_for, deadline_state, time_limit_days
from interaction.models import Interaction, TimeLimit

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]
CN = ZoneInfo("Asia/Shanghai")


def test_a_complaint_submitted_before_national_day_gets_fifteen_working_days():
    submitted = dt.datetime(2025, 9, 26, 10, 0, tzinfo=CN)        # Friday before the holiday
    deadline = deadline_for(submitted, 15)
    # 28 Sep (Sunday) and 11 Oct (Saturday) are make-up working days, 1-8 Oct are off
    assert timezone.localtime(deadline).date() == dt.date(2025, 10, 23)


def test_an_enquiry_on_the_eve_of_the_holiday():
    deadline = deadline_for(dt.datetime(2025, 9, 30, 16, 0, tzinfo=CN), 5)
    assert timezone.localtime(deadline).date() == dt.date(2025, 10, 14)  # 9, 10, 11 (Sat), 13, 14


def test_limits_per_kind_and_per_department(market, labour, settings):
    assert time_limit_days("consultation", market) == 5
    assert time_limit_days("complaint", market) == 15
    TimeLimit.objects.create(department=labour, kind="complaint", days=10)
    assert time_limit_days("complaint", labour) == 10
    settings.INTERACTION_TIME_LIMITS = {**settings.INTERACTION_TIME_LIMITS, "consultation": 3}
    assert time_limit_days("consultation", market) == 3


def test_the_item_stores_its_deadline_and_flags_near_and_overdue(make_item):
    item, _ = make_item(kind="complaint")
    assert item.time_limit_days == 15
    assert item.deadline > item.submitted_at
    assert deadline_state(item).key == "ok"
    near = item.deadline - dt.timedelta(hours=6)
    assert deadline_state(item, near).key == "near"
    late = item.deadline + dt.timedelta(days=3)
    assert deadline_state(item, late).key == "overdue"
    assert Interaction.objects.overdue(late).filter(pk=item.pk).exists()
    assert not Interaction.objects.overdue(near).filter(pk=item.pk).exists()


def test_retention_purge_removes_personal_data_of_old_closed_items_only(make_item, settings,
                                                                     django_capture_on_commit_callbacks):
    from django.core.files.base import ContentFile

    from interaction.models import Attachment
    from interaction.retention import purge
    from interaction.status import Status

    old, _ = make_item()
    recent, _ = make_item()
    attachment = Attachment(interaction=old, original_name="a.pdf", content_type="application/pdf", size=4, sha256="x")
    attachment.file.save("a.pdf", ContentFile(b"%PDF"), save=True)
    path = attachment.file.path
    long_ago = timezone.now() - dt.timedelta(days=settings.INTERACTION_RETENTION_DAYS + 1)
    Interaction.objects.filter(pk=old.pk).update(status=Status.CLOSED, closed_at=long_ago, satisfaction="basic")
    Interaction.objects.filter(pk=recent.pk).update(status=Status.CLOSED, closed_at=timezone.now())
    assert purge(dry_run=True) == {"items": 1, "attachments": 1, "ratings": 0}
    with django_capture_on_commit_callbacks(execute=True):
        counts = purge()
    assert counts["items"] == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.name == old.phone == old.email == "" and "13812345678" not in old.content
    assert old.satisfaction == "basic" and old.kind == "consultation"    # statistics stay
    assert recent.name == "张三"
    assert not Attachment.objects.filter(interaction=old).exists()
    import os
    assert not os.path.exists(path)                                     # the file too, after the commit
