"""#13 item 14: personal data has a retention period and the worker purges it."""
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from config import retention
from search.models import ClickLog, QueryLog
from sso.models import AuthEvent

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_old_personal_data_is_purged_and_recent_kept(settings):
    settings.RETENTION_ANALYTICS_DAYS, settings.RETENTION_PERSONAL_DATA_DAYS = 30, 10
    now = timezone.now()
    old_query = QueryLog.objects.create(query="旧", results=1, backend="db", created_at=now - timedelta(days=31))
    new_query = QueryLog.objects.create(query="新", results=1, backend="db", created_at=now - timedelta(days=29))
    ClickLog.objects.create(query="旧", url="https://x.test/", created_at=now - timedelta(days=31))
    old_refused = AuthEvent.objects.create(kind="login_refused", username="Correct-horse-2026", ip_address="203.0.113.5",
                                           user_agent="Firefox", created_at=now - timedelta(days=11))
    new_refused = AuthEvent.objects.create(kind="login_refused", username="wangfang", ip_address="203.0.113.6",
                                           user_agent="Firefox", created_at=now - timedelta(days=9))
    call_command("purge_personal_data")
    assert list(QueryLog.objects.all()) == [new_query] and not ClickLog.objects.exists()
    old_refused.refresh_from_db()
    assert (old_refused.username, old_refused.ip_address, old_refused.user_agent) == ("", None, "")
    assert old_refused.kind == "login_refused"  # what happened is kept
    new_refused.refresh_from_db()
    assert new_refused.ip_address == "203.0.113.6" and new_refused.username == "wangfang"
    assert old_query.pk not in QueryLog.objects.values_list("pk", flat=True)


def test_the_scheduler_worker_runs_it(settings):
    settings.RETENTION_ANALYTICS_DAYS = 1
    QueryLog.objects.create(query="旧", results=1, backend="db", created_at=timezone.now() - timedelta(days=2))
    retention._last_run = 0.0
    call_command("run_scheduler", "--once")
    assert not QueryLog.objects.exists()
    assert {p.name for p in retention.purges()} >= {"search.querylog", "search.clicklog", "sso.authevent"}
