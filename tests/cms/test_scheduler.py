"""Scheduled publishing and expiry run by ``run_scheduler`` (Wagtail's publish_scheduled inside)."""
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.models import NoticePage, PolicyPage
from cms.signals import content_expired

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def expired_pages():
    received = []

    def listener(sender, page, **kwargs):
        received.append(page.slug)

    content_expired.connect(listener, dispatch_uid="test-listener")
    yield received
    content_expired.disconnect(dispatch_uid="test-listener")


def test_expired_notice_is_unpublished_and_announced(make_page, market, expired_pages, monkeypatch):
    now = timezone.now()
    notice = make_page(NoticePage, market, slug="soon-gone", expires_at=now + timedelta(minutes=1))
    lasting = make_page(NoticePage, market, slug="lasting")
    assert notice.expire_at == notice.expires_at  # mirrored into Wagtail's own expiry
    call_command("run_scheduler", "--once")
    assert NoticePage.objects.get(pk=notice.pk).live and expired_pages == []

    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=2))
    call_command("run_scheduler", "--once")
    notice.refresh_from_db()
    assert not notice.live and notice.expired
    assert expired_pages == ["soon-gone"]
    assert NoticePage.objects.get(pk=lasting.pk).live
    call_command("run_scheduler", "--once")
    assert expired_pages == ["soon-gone"]  # once only


def test_scheduled_page_goes_live_by_itself(make_page, market, monkeypatch):
    now = timezone.now()
    page = make_page(NoticePage, market, live=False)
    page.go_live_at = now + timedelta(minutes=5)
    page.save_revision().publish()
    page.refresh_from_db()
    assert not page.live
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=6))
    call_command("run_scheduler", "--once")
    page.refresh_from_db()
    assert page.live


def test_publishing_a_repealed_policy_announces_it(make_page, market, expired_pages):
    policy = make_page(PolicyPage, market, slug="old-rule")
    assert expired_pages == []
    policy.status = PolicyPage.Status.REPEALED
    policy.save_revision().publish()
    assert expired_pages == ["old-rule"]


def test_the_scheduler_runs_beside_the_embedded_server(settings):
    """A job of the one periodic worker, which ./run's supervisor starts (ops/periodic.py)."""
    from ops.periodic import periodic_jobs

    assert any(cmd[:2] == ["manage.py", "run_periodic"] for cmd in settings.EMBEDDED_SIDECARS)
    assert "cms.publish_scheduled" in {job.name for job in periodic_jobs()}
