"""``manage.py drain_search_outbox [--loop SECONDS]``: send pending indexing changes to
Elasticsearch, recreating a lost index from the database copies first. With ``--loop`` it keeps
going, so a worker catches up after an outage."""
from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from search import engine
from search.engine.index import catch_up


class Command(BaseCommand):
    help = "把搜索索引待办发送到 Elasticsearch / Drain the search outbox"

    def add_arguments(self, parser):
        parser.add_argument("--loop", type=float, default=0, help="repeat every N seconds")

    def handle(self, *args, **options):
        while True:
            sent = catch_up(raise_errors=False)
            pending = engine.pending_count()
            if sent or not options["loop"]:
                self.stdout.write(f"sent {sent}, pending {pending}")
            if not options["loop"]:
                return
            time.sleep(options["loop"])
