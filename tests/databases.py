"""Databases built once per test run and copied wherever a test needs a fresh one.

Migrating the project (260+ migrations) costs far more than any test; the runner
(tests/services/runner.py) does it once per database engine before pytest starts, in parallel:

- PostgreSQL: a migrated database named ``TEST_DATABASE_TEMPLATE``; pytest-django's test database
  and every fresh database below are ``CREATE DATABASE … TEMPLATE`` copies of it (a file copy in
  the server, well under a second).
- SQLite: a migrated file ``TEST_SQLITE_TEMPLATE``; copies are plain file copies.

``fresh_database_url`` gives a test or a server subprocess its own migrated database (browser
site server, multi-process tests, backup/restore), falling back to an empty one that the caller
migrates when the run did not build a template (a developer calling pytest directly).
"""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path


def is_postgres(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def create_postgres_database(server_url: str, name: str, template: str = "") -> str:
    """Create ``name`` on the server of ``server_url`` (copied from ``template`` when given)."""
    import psycopg

    suffix = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{suffix}')
    return server_url.rsplit("/", 1)[0] + "/" + name


def fresh_database_url(workdir: Path, prefix: str = "fresh") -> tuple[str, bool]:
    """``(DATABASE_URL, migrated)``: a new database on the run's PostgreSQL when there is one, else
    a new SQLite file under ``workdir``; ``migrated`` tells whether it is a copy of the run's
    migrated template (else the caller must run ``migrate``)."""
    workdir.mkdir(parents=True, exist_ok=True)
    url = os.environ.get("DATABASE_URL", "")
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    if is_postgres(url):
        template = os.environ.get("TEST_DATABASE_TEMPLATE", "")
        return create_postgres_database(url, name, template), bool(template)
    target = workdir / f"{name}.sqlite3"
    template_file = os.environ.get("TEST_SQLITE_TEMPLATE", "")
    if template_file and Path(template_file).exists():
        shutil.copyfile(template_file, target)
        return f"sqlite:///{target}", True
    return f"sqlite:///{target}", False
