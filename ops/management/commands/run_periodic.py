"""``manage.py run_periodic``: the one worker process for every periodic job (``ops.periodic``):
scheduled publishing and expiry, webhook retries, the search outbox catch-up.

It sleeps until the next job is due (no fixed one-second poll) and runs jobs only while it holds
the leadership lease (``ops.leadership``): start it on as many hosts as you like, exactly one
acts, and another takes over within one lease period when that one dies. SIGTERM stops it
between jobs and hands the lease over at once.

    manage.py run_periodic            # forever (./run's supervisor, systemd gov-periodic.service)
    manage.py run_periodic --once     # every job once, then exit (cron, tests)
"""
from __future__ import annotations

import logging
import signal
import threading
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from ops.leadership import Lease
from ops.periodic import periodic_jobs

logger = logging.getLogger("ops.periodic")
LEASE_NAME = "periodic"


class Command(BaseCommand):
    help = "运行全部周期任务（定时发布、Webhook 重试、搜索待办）；多个实例时只有主节点执行"

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="每个任务运行一次后退出")
        parser.add_argument("--lease", type=float, default=None, help="主节点租约秒数（默认 OPS_LEADER_LEASE_SECONDS）")

    def handle(self, *args, once: bool, lease: float | None, **options):
        self.stopping = threading.Event()
        if not once:
            signal.signal(signal.SIGTERM, lambda *a: self.stopping.set())
            signal.signal(signal.SIGINT, lambda *a: self.stopping.set())
        jobs = periodic_jobs()
        self.lease = Lease(LEASE_NAME, seconds=lease or settings.OPS_LEADER_LEASE_SECONDS)
        names = ", ".join(f"{job.name} (每 {job.interval():g} 秒)" for job in jobs) or "无"
        logger.info("run_periodic %s: jobs %s", self.lease.holder, names)
        if once:
            if self.lease.acquire():
                for job in jobs:
                    self.run_job(job)
            return
        self.loop(jobs)

    def loop(self, jobs) -> None:
        next_run = {job.name: 0.0 for job in jobs}  # everything is due at start
        renew_every = self.lease.seconds / 3
        leader: bool | None = None  # unknown until the first round, which is always logged
        try:
            while not self.stopping.is_set():
                was_leader, leader = leader, self.safe_acquire()
                if leader != was_leader:
                    logger.warning("run_periodic %s: %s", self.lease.holder,
                                   "became the leader" if leader else "is on standby (another worker leads)")
                now = time.monotonic()
                if leader:
                    for job in jobs:
                        if self.stopping.is_set():
                            break
                        if next_run[job.name] <= now and self.safe_acquire():
                            self.run_job(job)
                            next_run[job.name] = time.monotonic() + job.interval()
                close_old_connections()
                due = min(next_run.values(), default=now + renew_every) if leader else now + renew_every
                self.stopping.wait(max(0.05, min(due - time.monotonic(), renew_every)))
        finally:
            if leader:
                try:
                    self.lease.release()
                except Exception:  # the database may be gone; the lease then simply expires
                    logger.exception("run_periodic: could not release the lease")

    def safe_acquire(self) -> bool:
        try:
            return self.lease.acquire()
        except Exception:  # database down: act as standby until it answers again
            logger.exception("run_periodic: could not reach the database for the lease")
            close_old_connections()
            return False

    def run_job(self, job) -> None:
        started = time.monotonic()
        try:
            job.run()
        except Exception:  # one failing job must not stop the others
            logger.exception("periodic job %s failed", job.name)
        else:
            logger.debug("periodic job %s took %.2fs", job.name, time.monotonic() - started)
