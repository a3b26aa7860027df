"""The response shape of shared/contracts §2, built the same way by both engines."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime


def local_iso(value) -> str | None:
    if not value:
        return None
    moment = value if isinstance(value, datetime) else parse_datetime(str(value))
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return timezone.localtime(moment).isoformat()


def result_item(source: dict, *, snippet: str, title_html: str, score: float, promoted: bool = False) -> dict:
    return {
        "type": source.get("type", ""),
        "slug": source.get("slug", ""),
        "title": source.get("title", ""),
        "title_html": title_html,
        "url": source.get("url", ""),
        "snippet": snippet,
        "department": source.get("department", ""),
        "topics": list(source.get("topics") or []),
        "published_at": local_iso(source.get("published_at")),
        "score": round(float(score), 4),
        "key": source.get("key", ""),
        "promoted": promoted,
    }


def facet_list(pairs: Iterable[tuple]) -> list[dict]:
    return [{"value": value, "count": count} for value, count in pairs if value not in ("", None)]
