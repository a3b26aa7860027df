"""Demo back-office systems for the embedded default and the tests: an OA approvals system, a
12315 complaints system, a case system and a meeting system, in one small WSGI server.

Each answers per-user data only to a valid portal JWT (signature, expiry, issuer, audience = the
system's name), with a configurable latency and failure rate. Start it with
``manage.py portal_demo_backends --port 8001 --latency 50-300 --failure-rate 0.0``.
"""
