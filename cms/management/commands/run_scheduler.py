"""Run scheduled publishing and expiry by themselves: every ``--interval`` seconds call Wagtail's
``publish_scheduled`` (publishes pages whose go-live time came, unpublishes those whose expiry
time passed; ``cms.signal_handlers`` turns the latter into ``content_expired``).

The embedded default starts it beside the web server (settings ``EMBEDDED_SIDECARS``);
production runs the same command as a worker process. ``--once`` for cron-style use."""
from __future__ import annotations

import logging
import signal
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import close_old_connections

from config.retention import purge_if_due

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "定时发布与到期下线（循环运行；--once 只运行一次）"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=30.0, help="两次检查之间的秒数（默认 30）")
        parser.add_argument("--once", action="store_true", help="只运行一次后退出")

    def handle(self, *args, interval: float, once: bool, **options):
        if interval <= 0:
            self.stderr.write("--interval 必须大于 0")
            raise SystemExit(2)
        self._stop = False
        if not once:
            signal.signal(signal.SIGTERM, self._request_stop)
            signal.signal(signal.SIGINT, self._request_stop)
        while True:
            self.tick()
            if once or self._stop:
                return
            close_old_connections()  # a long-lived loop must not keep a broken connection
            slept = 0.0
            while slept < interval and not self._stop:
                time.sleep(min(1.0, interval - slept))
                slept += 1.0
            if self._stop:
                return

    def tick(self) -> None:
        try:
            call_command("publish_scheduled", stdout=_Quiet(), stderr=_Quiet())
        except Exception:  # keep the loop alive: a bad page must not stop scheduling for all
            logger.exception("run_scheduler: publish_scheduled failed")
        purge_if_due()  # personal data past its retention period (config/retention.py), hourly

    def _request_stop(self, *args):
        self._stop = True


class _Quiet:
    """publish_scheduled chats on stdout every run; only its log entries matter."""

    def write(self, *args, **kwargs):
        return 0

    def flush(self):
        pass
