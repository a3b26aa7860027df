"""Run the periodic checks (``notifications.periodic``) now, or every ``--interval`` seconds."""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "运行周期检查（内容到期提醒、效能红黄牌、待发消息）；--once 立即运行一次"

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=300, help="seconds between rounds")
        parser.add_argument("--once", action="store_true", help="run one round in this process and exit")

    def handle(self, *args, interval: int, once: bool, **options):
        from notifications.periodic import run_all, run_checks

        if once:
            for name, result in run_all().items():
                self.stdout.write(f"{name}: {result}")
            return
        while True:  # the worker runs the checks; this loop only says when
            try:
                run_checks.enqueue()
            except Exception as exc:  # noqa: BLE001 - a database hiccup must not end the loop
                self.stderr.write(f"could not enqueue the periodic checks: {exc}")
            time.sleep(max(5, interval))
