"""Gunicorn settings for ``./run`` and for production (``gunicorn -c config/gunicorn.conf.py
config.wsgi``), read from the environment so the same file serves both (see .env.example).

Threaded workers (``gthread``): the portal fetches its widgets on threads and a request may wait
on SQLite's write lock or a slow back end; threads keep the process serving meanwhile. Workers are
recycled after ``WEB_MAX_REQUESTS`` requests (with jitter) so a slow leak never takes a site down,
and a worker silent for ``WEB_TIMEOUT`` seconds is killed and replaced by the arbiter.
"""
import os


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SystemExit(f"{name}={raw!r} is not a whole number") from exc


bind = os.environ.get("WEB_BIND") or os.environ.get("RUN_ADDRESS") or "127.0.0.1:8000"
workers = _int("WEB_WORKERS", 2)
worker_class = "gthread"
threads = _int("WEB_THREADS", 4)
# longer than SQLITE_BUSY_TIMEOUT, so a request waiting for the write lock is not killed first
timeout = _int("WEB_TIMEOUT", 90)
graceful_timeout = _int("WEB_GRACEFUL_TIMEOUT", 30)
keepalive = 5
max_requests = _int("WEB_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Only the proxy on this host may set X-Forwarded-Proto/For (nginx in deploy/).
forwarded_allow_ips = os.environ.get("WEB_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms req=%({x-request-id}o)s'
errorlog = "-"
loglevel = os.environ.get("WEB_LOG_LEVEL", "info")
proc_name = "gov-web"
# gunicorn's runtime control socket lives at one path per user (~/.gunicorn): two servers on a
# host (two app processes, the tests) would fight over it, and nothing here uses it.
control_socket_disable = True
