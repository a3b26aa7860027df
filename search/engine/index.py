"""Index management behind an alias: create, bulk-send, drain the outbox, rebuild and swap.

Searches and writes always go to the alias ``<SEARCH_INDEX_PREFIX>-documents``; a rebuild fills a
new concrete index, swaps the alias in one atomic ``_aliases`` call and drops the old index, so
queries keep answering from the old index until the swap."""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from search.engine.client import bulk_helper, get_client, is_configured
from search.engine.mapping import index_body, to_source

logger = logging.getLogger(__name__)


def alias_name() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-documents"


def new_index_name() -> str:
    return f"{alias_name()}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"


def alias_targets(client) -> list[str]:
    if not client.indices.exists_alias(name=alias_name()):
        return []
    return sorted(client.indices.get_alias(name=alias_name()).keys())


def create_index(client, name: str | None = None) -> str:
    name = name or new_index_name()
    client.indices.create(index=name, body=index_body())
    return name


def ensure_index(client) -> None:
    """Create the first index and its alias when there is none (a fresh cluster)."""
    if alias_targets(client):
        return
    name = create_index(client)
    client.indices.update_aliases(body={"actions": [{"add": {"index": name, "alias": alias_name()}}]})


def swap_alias(client, new_index: str) -> list[str]:
    old = alias_targets(client)
    actions = [{"remove": {"index": index, "alias": alias_name()}} for index in old]
    actions.append({"add": {"index": new_index, "alias": alias_name()}})
    client.indices.update_aliases(body={"actions": actions})
    return old


def version_of(entry) -> int:
    """External version: a later database write always wins over a slower, older drain."""
    return int(entry.updated_at.timestamp() * 1_000_000)


def actions_for(keys: Iterable[str], index: str) -> list[dict]:
    from search.models import SearchEntry

    keys = set(keys)
    entries = {entry.key: entry for entry in SearchEntry.objects.filter(key__in=keys)}
    actions = []
    for key in sorted(keys):
        entry = entries.get(key)
        if entry is None:
            actions.append({"_op_type": "delete", "_index": index, "_id": key})
        else:
            actions.append({"_op_type": "index", "_index": index, "_id": key, "_source": to_source(entry.document),
                            "version": version_of(entry), "version_type": "external_gte"})
    return actions


def send(client, actions: list[dict], *, refresh: str | bool = False) -> None:
    """Bulk-send; a delete of a missing document and an outdated version are not errors."""
    if not actions:
        return
    _, errors = bulk_helper()(client, actions, raise_on_error=False, refresh=refresh,
                              chunk_size=settings.SEARCH_BULK_CHUNK)
    real = [e for e in errors if list(e.values())[0].get("status") not in (404, 409)]
    if real:
        raise RuntimeError(f"bulk indexing failed for {len(real)} document(s): {str(real[:3])[:500]}")


def drain_outbox(*, raise_errors: bool = False, refresh: str | bool | None = None, batch: int = 500) -> int:
    """Send pending outbox rows; on failure they stay pending (attempts, last_error) for the next
    drain. Returns how many rows were sent."""
    from search.models import OutboxEntry

    if not is_configured():
        return 0
    refresh = settings.SEARCH_REFRESH if refresh is None else refresh
    sent = 0
    while True:
        rows = list(OutboxEntry.objects.filter(processed_at__isnull=True).order_by("id")[:batch])
        if not rows:
            break
        ids = [row.id for row in rows]
        try:
            client = get_client()
            ensure_index(client)
            send(client, actions_for({row.key for row in rows}, alias_name()), refresh=refresh)
        except Exception as exc:
            logger.warning("search outbox drain failed, %d row(s) stay pending: %s", len(rows), exc)
            OutboxEntry.objects.filter(id__in=ids).update(last_error=f"{type(exc).__name__}: {exc}"[:2000])
            for row in rows:
                OutboxEntry.objects.filter(id=row.id).update(attempts=row.attempts + 1)
            if raise_errors:
                raise
            return sent
        OutboxEntry.objects.filter(id__in=ids).update(processed_at=timezone.now(), last_error="")
        sent += len(rows)
    OutboxEntry.objects.filter(processed_at__lt=timezone.now() - timedelta(days=1)).delete()
    return sent


def pending_count() -> int:
    from search.models import OutboxEntry

    return OutboxEntry.objects.filter(processed_at__isnull=True).count()


def rebuild(*, progress: Callable[[Iterable, int, str], Iterable] | None = None,
            before_swap: Callable[[str], None] | None = None) -> dict:
    """Re-derive every document from the sources into the database copy, fill a new index, swap
    the alias, replay what changed meanwhile, drop the old index. Returns counts."""
    from search.models import OutboxEntry, SearchEntry
    from search.recording import store_document
    from search.registry import sources

    progress = progress or (lambda items, total, label: items)
    started = timezone.now()
    seen: set[str] = set()
    for source in sources():
        queryset = source.get_queryset()
        total = queryset.count() if hasattr(queryset, "count") else 0
        for obj in progress(queryset.iterator() if hasattr(queryset, "iterator") else queryset, total,
                            f"{source.name}: 读取内容"):
            key = source.key_for(obj)
            doc = source.to_document(obj)
            if doc is not None:
                seen.add(key)
                SearchEntry.objects.update_or_create(key=key, defaults=_entry_fields(doc))
    stale = SearchEntry.objects.exclude(key__in=seen).filter(key__in=_source_keys())
    stale_count = stale.count()
    for key in stale.values_list("key", flat=True):
        store_document(key, None)
    result = {"documents": len(seen), "removed": stale_count, "index": None}
    if not is_configured():
        return result
    client = get_client()
    index = create_index(client)
    keys = list(SearchEntry.objects.values_list("key", flat=True))
    chunk = settings.SEARCH_BULK_CHUNK
    for start in progress(range(0, len(keys), chunk), (len(keys) + chunk - 1) // chunk, "写入新索引（批）"):
        send(client, actions_for(keys[start:start + chunk], index))
    client.indices.refresh(index=index)
    if before_swap:
        before_swap(index)
    old = swap_alias(client, index)
    changed = set(OutboxEntry.objects.filter(created_at__gte=started).values_list("key", flat=True))
    send(client, actions_for(changed, alias_name()), refresh=True)
    for name in old:
        client.indices.delete(index=name)
    result["index"] = index
    return result


def _entry_fields(doc):
    from search.recording import entry_fields

    return entry_fields(doc)


def _source_keys():
    """Keys that belong to a registered source (prefix ``<source>:``): others are left alone."""
    from django.db.models import Q

    from search.models import SearchEntry
    from search.registry import sources

    query = Q(pk__in=[])
    for source in sources():
        query |= Q(key__startswith=f"{source.name}:")
    return SearchEntry.objects.filter(query).values_list("key", flat=True)
