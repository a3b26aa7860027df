"""Scheduler leadership: of several periodic workers exactly one acts, so a scheduled page is
published once, and another worker takes over when the leader dies."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from ops.leadership import Lease
from ops.models import LeaderLease
from tests.ops.installation import ROOT

pytestmark = pytest.mark.embedded
LEASE_SECONDS = 6


@pytest.mark.django_db(transaction=True)
def test_one_holder_at_a_time_renewal_expiry_and_release():
    first, second = Lease("periodic", seconds=30), Lease("periodic", seconds=30)
    assert first.acquire() is True
    assert second.acquire() is False
    assert first.acquire() is True  # renewal
    assert first.current_holder() == first.holder
    LeaderLease.objects.filter(name="periodic").update(expires_at=timezone.now() - timedelta(seconds=1))
    assert first.current_holder() is None
    assert second.acquire() is True  # the lease ran out: taken over
    assert first.acquire() is False  # the old leader does not come back while it is held
    second.release()
    assert first.acquire() is True  # released on shutdown: no waiting for the expiry
    assert Lease("other-work", seconds=30).acquire() is True  # leases are per name


SCHEDULE = (
    "from datetime import timedelta\n"
    "from django.utils import timezone\n"
    "from cms.models import Department, NoticeIndexPage, NoticePage\n"
    "from cms.site_tree import ensure_section, ensure_tree, get_site\n"
    "dept = Department.objects.get(slug='scjgj')\n"
    "section = ensure_section(ensure_tree(get_site())[NoticeIndexPage], dept)\n"
    "result = []\n"
    "for n in range({count}):\n"
    "    page = NoticePage(title=f'定时发布{{n}}', slug=f'{prefix}-{{n}}', department=dept, live=False,\n"
    "                      published_at=timezone.now(), go_live_at=timezone.now() + timedelta(seconds={delay}))\n"
    "    section.add_child(instance=page)\n"
    "    page.save_revision().publish()\n"
    "    result.append(page.pk)\n"
)
PUBLISHED = (
    "from wagtail.models import PageLogEntry\n"
    "from cms.models import NoticePage\n"
    "pages = NoticePage.objects.filter(slug__startswith='{prefix}-')\n"
    "result = {{'live': pages.filter(live=True).count(), 'scheduled_publishes': sorted(\n"
    "    PageLogEntry.objects.filter(page__in=pages, action='wagtail.publish.scheduled')\n"
    "    .values_list('page_id', flat=True))}}"
)


def wait_until_live(site, prefix: str, count: int, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        state = site.query(PUBLISHED.format(prefix=prefix))
        if state["live"] == count or time.monotonic() > deadline:
            return state
        time.sleep(1)


def start_worker(site, log_path):
    return subprocess.Popen([sys.executable, "manage.py", "run_periodic", "--lease", str(LEASE_SECONDS)],
                            cwd=ROOT, env=site.env(CMS_SCHEDULER_INTERVAL="1"), stdout=open(log_path, "w"),
                            stderr=subprocess.STDOUT, start_new_session=True)


def test_two_periodic_workers_publish_each_scheduled_page_once_and_hand_over(site_copy, tmp_path):
    site = site_copy
    first_batch = site.query(SCHEDULE.format(count=5, prefix="lead-a", delay=6))
    logs = [tmp_path / "worker-0.log", tmp_path / "worker-1.log"]
    workers = [start_worker(site, log) for log in logs]
    try:
        state = wait_until_live(site, "lead-a", 5, timeout=90)
        assert state["live"] == 5
        assert sorted(state["scheduled_publishes"]) == sorted(first_batch)  # once each, never twice
        leaders = [n for n, log in enumerate(logs) if "became the leader" in log.read_text()]
        assert len(leaders) == 1, [log.read_text()[-2000:] for log in logs]
        leader, standby = leaders[0], 1 - leaders[0]
        assert "is on standby" in logs[standby].read_text()

        os.killpg(workers[leader].pid, signal.SIGKILL)  # dies without releasing the lease
        workers[leader].wait(timeout=10)
        second_batch = site.query(SCHEDULE.format(count=3, prefix="lead-b", delay=2))
        state = wait_until_live(site, "lead-b", 3, timeout=LEASE_SECONDS * 6)
        assert state["live"] == 3
        assert sorted(state["scheduled_publishes"]) == sorted(second_batch)
        assert "became the leader" in logs[standby].read_text()
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                worker.wait(timeout=20)
