"""Send every webhook delivery whose (re)try is due: the safety net behind the task queue.

    manage.py deliver_webhooks              # once (cron)
    manage.py deliver_webhooks --loop       # keep going (embedded sidecar, production worker)
"""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from tqdm import tqdm

from cms.delivery.tasks import deliver_webhook, due_delivery_ids


class Command(BaseCommand):
    help = "发送到期的 Webhook 投递 / send due webhook deliveries"

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="repeat forever")
        parser.add_argument("--interval", type=float, default=15.0, help="seconds between rounds with --loop")

    def handle(self, *args, loop: bool, interval: float, **options):
        while True:
            sent = self.run_once()
            if not loop:
                self.stdout.write(f"{sent} deliveries tried")
                return
            close_old_connections()
            time.sleep(interval)

    def run_once(self) -> int:
        ids = due_delivery_ids()
        for delivery_id in tqdm(ids, desc="webhooks", disable=len(ids) < 20 or not self.stdout.isatty()):
            deliver_webhook.call(delivery_id)
        return len(ids)
