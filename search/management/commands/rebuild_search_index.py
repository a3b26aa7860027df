"""``manage.py rebuild_search_index``: re-derive every search document from its source, fill a
new Elasticsearch index and swap the alias atomically (searches keep answering meanwhile)."""
from __future__ import annotations

import sys

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.engine.index import rebuild


class Command(BaseCommand):
    help = "重建搜索索引（新索引 + 原子切换别名）/ Rebuild the search index behind its alias"

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="no progress bar (also off when not a terminal)")

    def handle(self, *args, **options):
        show = not options["no_progress"] and sys.stderr.isatty()

        def progress(items, total, label):
            return tqdm(items, total=total, desc=label, unit="条", disable=not show)

        result = rebuild(progress=progress)
        where = f"index {result['index']}" if result["index"] else "database only (ELASTICSEARCH_URL is empty)"
        self.stdout.write(f"搜索索引已重建 / rebuilt: {result['documents']} documents, "
                          f"{result['removed']} removed, {where}")
