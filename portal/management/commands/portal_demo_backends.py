"""Serve the demo back-office systems (OA, 12315, cases, meetings) for the embedded default."""
from __future__ import annotations

import re

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from portal.demo_backends.app import Behaviour, Verifier, serve
from portal.identity import verification_key


def latency_range(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)(?:-(\d+))?", text.strip())
    if not match:
        raise CommandError(f"--latency {text!r}: use milliseconds like 50-300 or 0")
    low = int(match.group(1))
    high = int(match.group(2) or low)
    if high < low:
        raise CommandError(f"--latency {text!r}: the upper bound is below the lower one")
    return low, high


class Command(BaseCommand):
    help = "Serve the demo back-office systems that verify the portal's JWT (演示业务系统)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=settings.PORTAL_DEMO_BACKENDS_PORT)
        parser.add_argument("--latency", default="50-300", help="milliseconds, e.g. 50-300")
        parser.add_argument("--failure-rate", type=float, default=0.0, help="share of requests answered 503 (0..1)")

    def handle(self, *args, host, port, latency, failure_rate, **options):
        if not 0.0 <= failure_rate <= 1.0:
            raise CommandError("--failure-rate must be between 0 and 1")
        algorithm, key = verification_key()
        server = serve(host, port, Verifier(algorithm, key, settings.PORTAL_JWT_ISSUER),
                       Behaviour(latency=latency_range(latency), failure_rate=failure_rate))
        self.stdout.write(f"演示业务系统 / demo back ends on http://{host}:{port}/ (latency {latency} ms, failure rate {failure_rate})")
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
