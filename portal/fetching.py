"""Fetch many widgets at once: remote ones concurrently in worker threads, each under its own
deadline and its back end's circuit breaker, with per-user caching and stale-while-revalidate.

Whatever happens to one back end, ``fetch_widgets`` returns one result per widget: ``ok``,
``stale`` (last good data, marked with when it was fetched), ``timeout`` or ``error``, with a
plain Chinese message and no exception text.
"""
from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import replace
from datetime import UTC, datetime

import httpx
import pybreaker
from django.conf import settings
from django.utils import timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal import widget_cache
from portal.breakers import breaker_for, guarded_call
from portal.identity import issue_token
from portal.registry import FetchContext, connectors
from portal.specs import WidgetSpec

logger = logging.getLogger(__name__)

MESSAGES = {
    "timeout": _lazy("系统响应超时，请稍后刷新。"),
    "circuit_open": _lazy("该系统暂时不可用，已暂停访问，稍后会自动重试。"),
    "error": _lazy("暂时无法获取数据，请稍后再试。"),
}

_executor: ThreadPoolExecutor | None = None
_executor_lock = threading.Lock()


def executor() -> ThreadPoolExecutor:
    global _executor
    with _executor_lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(max_workers=settings.PORTAL_MAX_WORKERS, thread_name_prefix="portal-widget")
        return _executor


def iso(stamp: float | None) -> str | None:
    if stamp is None:
        return None
    return timezone.localtime(datetime.fromtimestamp(stamp, UTC)).isoformat(timespec="seconds")


def age_note(fetched_at: float, now: float | None = None) -> str:
    """“数据更新于 6 分钟前” for data that are no longer fresh (translated, in the request's language)."""
    moment = datetime.fromtimestamp(fetched_at, UTC)
    current = datetime.fromtimestamp(time.time() if now is None else now, UTC)
    return _("数据更新于 %(age)s前。") % {"age": timesince(moment, current, depth=1)}


def _result(spec: WidgetSpec, status: str, data=None, fetched_at: float | None = None, reason: str = "", **extra) -> dict:
    """One widget's result. ``fresh`` is False whenever the data are older than the widget's
    ``cache_ttl`` (served while revalidating, or stale), and ``age_seconds`` says by how much, so
    every card can say how old its data are (issue 16: never show old data unmarked)."""
    message = ""
    age = max(time.time() - fetched_at, 0.0) if fetched_at is not None else None
    fresh = age is not None and age < max(spec.cache_ttl, 60)  # a minute-old figure needs no note
    if status == "stale":
        when = timezone.localtime(datetime.fromtimestamp(fetched_at, UTC)).strftime("%m-%d %H:%M")
        message = _("系统暂时无法访问，显示的是 %(when)s 最后一次成功获取的数据。") % {"when": when}
    elif status in ("timeout", "error"):
        message = str(MESSAGES.get(reason, MESSAGES["error"]))
    elif status == "ok" and age is not None and not fresh:
        message = age_note(fetched_at) + (" " + _("正在刷新。") if extra.get("revalidating") else "")
    return {
        "key": spec.key, "title": spec.title, "type": spec.type, "width": spec.width, "height": spec.height,
        "status": status, "data": data, "fetched_at": iso(fetched_at), "reason": reason or None,
        "message": message or None, "fresh": fresh, "age_seconds": None if age is None else int(age), **extra,
    }


def _context(spec: WidgetSpec, base: FetchContext) -> FetchContext:
    """The user's context for this widget's back end, with a token whose audience is that back end."""
    if not spec.backend:
        return base
    return replace(base, token=issue_token(base, spec.backend), backend_url=spec.backend_url)


def _fetch_now(spec: WidgetSpec, ctx: FetchContext) -> widget_cache.Entry:
    """Call the connector (through the breaker when remote), shape the data, cache it."""
    connector = connectors.get(spec.connector)
    wtype = spec.widget_type
    if connector.remote:
        raw = guarded_call(breaker_for(spec.backend), connector.fetch, spec.connector_config, ctx, spec.timeout)
    else:
        raw = connector.fetch(spec.connector_config, ctx, spec.timeout)
    return widget_cache.put(spec, ctx, wtype.normalize(raw, spec.settings))


def _failure_reason(exc: BaseException) -> str:
    if isinstance(exc, (FutureTimeout, httpx.TimeoutException)):
        return "timeout"
    if isinstance(exc, pybreaker.CircuitBreakerError):
        return "circuit_open"
    return "error"


def _failed(spec: WidgetSpec, exc: BaseException, cached: widget_cache.Entry | None) -> dict:
    reason = _failure_reason(exc)
    if reason == "error":
        logger.warning("portal widget %s failed: %s: %s", spec.key, type(exc).__name__, exc)
    if cached and cached.age() <= spec.cache_ttl + settings.PORTAL_SWR_SECONDS + settings.PORTAL_STALE_TTL:
        return _result(spec, "stale", cached.data, cached.fetched_at, reason)
    return _result(spec, "timeout" if reason == "timeout" else "error", None, None, reason)


def _refresh_in_background(spec: WidgetSpec, ctx: FetchContext) -> None:
    if not widget_cache.claim_refresh(spec, ctx):
        return

    def refresh():
        try:
            _fetch_now(spec, ctx)
        except Exception as exc:  # the next request will show it; nothing waits for this
            logger.info("portal background refresh of %s failed: %s", spec.key, type(exc).__name__)
        finally:
            widget_cache.release_refresh(spec, ctx)

    executor().submit(refresh)


def fetch_widgets(specs: list[WidgetSpec], base: FetchContext) -> list[dict]:
    """One result per spec, in order; the wall time is about the slowest widget's own bound."""
    results: dict[str, dict] = {}
    pending: list[tuple[WidgetSpec, Future, float, widget_cache.Entry | None]] = []
    local: list[tuple[WidgetSpec, widget_cache.Entry | None]] = []
    started = time.monotonic()
    for spec in specs:
        try:
            wtype = spec.widget_type
        except LookupError:
            results[spec.key] = _result(spec, "error", reason="error")
            continue
        if not wtype.needs_connector:
            results[spec.key] = _result(spec, "ok", wtype.static_data(spec.key, spec.settings, base), time.time())
            continue
        cached = widget_cache.get(spec, base)
        if cached and cached.age() < spec.cache_ttl:
            results[spec.key] = _result(spec, "ok", cached.data, cached.fetched_at, cached=True)
            continue
        try:
            remote = connectors.get(spec.connector).remote
        except LookupError as exc:
            results[spec.key] = _failed(spec, exc, cached)
            continue
        if not remote:  # database queries are cheap: refreshed inline, never from a pool thread
            local.append((spec, cached))
            continue
        ctx = _context(spec, base)
        if cached and cached.age() < spec.cache_ttl + settings.PORTAL_SWR_SECONDS:
            _refresh_in_background(spec, ctx)
            results[spec.key] = _result(spec, "ok", cached.data, cached.fetched_at, cached=True, revalidating=True)
        else:
            pending.append((spec, executor().submit(_fetch_now, spec, ctx), started + spec.timeout, cached))
    # Database-backed widgets run here, in the request's thread, while the remote ones are in flight.
    for spec, cached in local:
        try:
            entry = _fetch_now(spec, base)
            results[spec.key] = _result(spec, "ok", entry.data, entry.fetched_at)
        except Exception as exc:
            results[spec.key] = _failed(spec, exc, cached)
    for spec, future, deadline, cached in pending:
        try:
            entry = future.result(timeout=max(deadline - time.monotonic(), 0))
            results[spec.key] = _result(spec, "ok", entry.data, entry.fetched_at)
        except Exception as exc:  # FutureTimeout, breaker open, HTTP and back-end errors alike
            results[spec.key] = _failed(spec, exc, cached)
    return [_personalized(spec, results[spec.key], base) for spec in specs]


def _personalized(spec: WidgetSpec, result: dict, base: FetchContext) -> dict:
    if result["status"] not in ("ok", "stale"):
        return result
    try:
        result["data"] = spec.widget_type.personalize(result["data"], spec.settings, base)
    except Exception:  # the back end's data still show
        logger.exception("portal widget %s could not add the user's own data", spec.key)
    return result
