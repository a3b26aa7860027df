"""Shared set-up of the search benchmarks: a throwaway SQLite database and a search node started
like the test command's (unless ELASTICSEARCH_URL is set), stopped afterwards."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


@contextlib.contextmanager
def search_environment(index_prefix: str):
    workdir = Path(tempfile.mkdtemp(prefix=f"{index_prefix}-"))
    service = None
    if not os.environ.get("ELASTICSEARCH_URL"):
        from tests.services.elasticsearch import SERVICE as service

        os.environ.update(service.start(workdir))
    os.environ.update({"DJANGO_SETTINGS_MODULE": "config.settings.test", "VAR_DIR": str(workdir / "var"),
                       "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}", "SEARCH_INDEX_PREFIX": index_prefix,
                       "LOG_LEVEL": "WARNING"})
    try:
        import django

        django.setup()
        import logging

        for name in ("opensearch", "elastic_transport", "opensearchpy.trace"):
            logging.getLogger(name).setLevel(logging.WARNING)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        yield workdir
    finally:
        if service:
            service.stop()
