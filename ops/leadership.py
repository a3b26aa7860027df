"""Leader election through the database, so that of N worker sets exactly one runs periodic work
and nothing is published twice.

A lease is a row (``ops.LeaderLease``) that one holder may use until ``expires_at``. Taking or
renewing it is a single conditional UPDATE (or the first INSERT), which PostgreSQL and SQLite
both run atomically: only one of two racing workers gets a row count of 1. The holder renews
well before expiry (every third of the lease); a worker that dies stops renewing and another one
takes over once the lease has run out. Before each job the holder renews, so a worker that lost
the lease (paused, cut off from the database) never acts on a stale belief.

Why the database and not Redis: it is the one store every set-up has (the embedded default has
no Redis), and the work it guards writes to that same database.
"""
from __future__ import annotations

import os
import socket
import uuid
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from ops.models import LeaderLease


def make_holder_id() -> str:
    """Host, process and a random part: readable in the admin, unique across restarts."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class Lease:
    """``Lease("periodic", seconds=30).acquire()`` -> True while this process is the leader."""

    def __init__(self, name: str, *, seconds: float, holder: str | None = None):
        self.name = name
        self.seconds = seconds
        self.holder = holder or make_holder_id()

    def acquire(self) -> bool:
        """Renew the lease if we hold it, take it if it expired, or create it if it never
        existed. Each step is one statement, so two workers can never both succeed."""
        now = timezone.now()
        expires = now + timedelta(seconds=self.seconds)
        leases = LeaderLease.objects.filter(name=self.name)
        if leases.filter(holder=self.holder).update(expires_at=expires):
            return True
        if leases.filter(expires_at__lte=now).update(holder=self.holder, expires_at=expires, acquired_at=now):
            return True
        try:
            with transaction.atomic():
                LeaderLease.objects.create(name=self.name, holder=self.holder, expires_at=expires, acquired_at=now)
            return True
        except IntegrityError:  # another worker holds it (or took it just now)
            return False

    def release(self) -> None:
        """Give the lease up at once (clean shutdown), so a standby takes over without waiting."""
        LeaderLease.objects.filter(name=self.name, holder=self.holder).update(expires_at=timezone.now())

    def current_holder(self) -> str | None:
        row = LeaderLease.objects.filter(name=self.name, expires_at__gt=timezone.now()).first()
        return row.holder if row else None

