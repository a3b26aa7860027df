"""Index management behind an alias: create, bulk-send, drain the outbox, rebuild and swap.

Searches and writes always go to the alias ``<SEARCH_INDEX_PREFIX>-documents``; a rebuild fills a
new concrete index, swaps the alias in one atomic ``_aliases`` call and drops the old index, so
queries keep answering from the old index until the swap."""
from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from search.engine.client import bulk, is_configured, maintenance_client
from search.engine.mapping import index_body, to_source
from search.registry import sources

logger = logging.getLogger(__name__)


def alias_name() -> str:
    return f"{settings.SEARCH_INDEX_PREFIX}-documents"


def new_index_name() -> str:
    return f"{alias_name()}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"


def alias_targets(client) -> list[str]:
    if not client.indices.exists_alias(name=alias_name()):
        return []
    return sorted(client.indices.get_alias(name=alias_name()).keys())


def create_index(client, name: str | None = None, *, settings_override: dict | None = None) -> str:
    name = name or new_index_name()
    body = index_body()
    body["settings"].update(settings_override or {})
    client.indices.create(index=name, body=body)
    return name


def ensure_index(client) -> int | None:
    """Make sure the alias names a filled index. When there is none — a fresh or wiped cluster,
    a restored or copied database under another ``SEARCH_INDEX_PREFIX`` — create one, fill it from
    the database copies (every ``SearchEntry``: what the outbox has already marked sent) and only
    then add the alias. Until then searches fall back to the database; an empty index behind the
    alias would answer "nothing found" for every query, and the drain alone never resends what
    it marked sent. Returns how many documents were carried over (None: the alias was there)."""
    if alias_targets(client):
        return None
    name = create_index(client, settings_override=FILL_SETTINGS)
    carried = 0
    for batch in batches(_all_copies(), settings.SEARCH_BULK_CHUNK):
        send(client, copy_actions(batch, name))
        carried += len(batch)
    _open_for_search(client, name)
    client.indices.update_aliases(body={"actions": [{"add": {"index": name, "alias": alias_name()}}]})
    _keep_oldest_target(client)
    changed()
    logger.info("search index %s created and filled from %d database copies", name, carried)
    return carried


def _all_copies():
    from search.models import SearchEntry

    return SearchEntry.objects.order_by("pk").iterator(chunk_size=settings.SEARCH_BULK_CHUNK)


def _open_for_search(client, name: str) -> None:
    """After a fill without refresh or replicas (``FILL_SETTINGS``): the live settings, refreshed."""
    client.indices.put_settings(index=name, body={"index": {"refresh_interval": None,
                                                            "number_of_replicas": settings.SEARCH_REPLICAS}})
    client.indices.refresh(index=name)


def _keep_oldest_target(client) -> None:
    """Two workers that found no alias at the same moment each created and filled an index:
    both keep the oldest (names carry their creation time) and drop the others, so the alias
    never names two copies of each document for longer than this call."""
    targets = alias_targets(client)
    for extra in targets[1:]:
        client.indices.update_aliases(body={"actions": [{"remove": {"index": extra, "alias": alias_name()}}]})
        client.indices.delete(index=extra, ignore_unavailable=True)


def swap_alias(client, new_index: str) -> list[str]:
    old = alias_targets(client)
    actions = [{"remove": {"index": index, "alias": alias_name()}} for index in old]
    actions.append({"add": {"index": new_index, "alias": alias_name()}})
    client.indices.update_aliases(body={"actions": actions})
    return old


def _generation_key() -> str:
    return f"search:index-generation:{alias_name()}"


def index_generation() -> int:
    """A number that changes whenever documents were written to the index (cache keys use it)."""
    from django.core.cache import cache

    return cache.get(_generation_key(), 0)


def changed() -> None:
    from django.core.cache import cache

    try:
        cache.incr(_generation_key())
    except ValueError:  # not there yet (or evicted): any new value works
        cache.set(_generation_key(), int(timezone.now().timestamp() * 1000), None)


def version_of(entry) -> int:
    """External version: a later database write always wins over a slower, older drain."""
    return int(entry.updated_at.timestamp() * 1_000_000)


def copy_actions(entries: Iterable, index: str) -> list[dict]:
    """Index actions for database copies, each with its own version (``version_of``)."""
    return [{"_op_type": "index", "_index": index, "_id": entry.key, "_source": to_source(entry.document),
             "version": version_of(entry), "version_type": "external_gte"} for entry in entries]


def actions_for(keys: Iterable[str], index: str) -> list[dict]:
    """Index actions for the keys that have a database copy, delete actions for the others."""
    from search.models import SearchEntry

    keys = set(keys)
    entries = {entry.key: entry for entry in SearchEntry.objects.filter(key__in=keys)}
    actions = []
    for key in sorted(keys):
        entry = entries.get(key)
        if entry is None:
            actions.append({"_op_type": "delete", "_index": index, "_id": key})
        else:
            actions.extend(copy_actions([entry], index))
    return actions


def send(client, actions: list[dict], *, refresh: str | bool = False) -> None:
    """Bulk-send; a delete of a missing document and an outdated version are not errors. A node
    short of memory or write threads answers 429 (too many requests): retried after a back-off
    (1, 2, 4 s) instead of failing the rebuild or leaving the outbox rows for the next drain."""
    if not actions:
        return
    _, errors = bulk(client, actions, raise_on_error=False, refresh=refresh,
                     chunk_size=settings.SEARCH_BULK_CHUNK, max_retries=3, initial_backoff=1)
    real = [e for e in errors if list(e.values())[0].get("status") not in (404, 409)]
    if real:
        raise RuntimeError(f"bulk indexing failed for {len(real)} document(s): {str(real[:3])[:500]}")
    changed()


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
            client = maintenance_client()
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


def catch_up(*, raise_errors: bool = False) -> int:
    """What a worker does on its rounds, with or without new changes: recreate a lost index from
    the database copies (``ensure_index``), then drain the outbox. Returns rows sent."""
    if not is_configured():
        return 0
    from search.engine.client import engine_errors

    try:
        ensure_index(maintenance_client())
    except engine_errors() as exc:  # an outage: searches fall back to the database meanwhile
        logger.warning("search index check failed, retrying in the next round: %s", exc)
        if raise_errors:
            raise
        return 0
    return drain_outbox(raise_errors=raise_errors)


def pending_count() -> int:
    from search.models import OutboxEntry

    return OutboxEntry.objects.filter(processed_at__isnull=True).count()


def batches(items: Iterable, size: int):
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def save_entries(pairs: list[tuple[str, object]]) -> list:
    """Insert or update the database copies of many documents in one statement; returns the rows."""
    from search.models import SearchEntry
    from search.recording import entry_fields

    rows = [SearchEntry(key=key, **entry_fields(doc)) for key, doc in pairs]
    fields = [f.name for f in SearchEntry._meta.concrete_fields if f.name not in ("id", "key")]
    SearchEntry.objects.bulk_create(rows, update_conflicts=True, unique_fields=["key"], update_fields=fields)
    return rows


def index_actions(rows: list, index: str, version: int) -> list[dict]:
    """Bulk actions straight from freshly saved rows (no read-back from the database).
    ``version`` is taken before the rows are saved, so any later drain (whose version is the
    row's ``updated_at``) is never older."""
    return [{"_op_type": "index", "_index": index, "_id": row.key, "_source": to_source(row.document),
             "version": version, "version_type": "external_gte"} for row in rows]


class Pipeline:
    """Sends bulk requests in background threads while the caller derives the next chunk, so
    Python (deriving pages, serialising JSON) and the engine (analysing them) work at the same
    time. At most ``depth`` requests are in flight (two: the engine's write pool has one thread
    per core, and a second request keeps it busy while the first one's answer travels back;
    BENCHMARKS.md, speed at scale). An error is raised on a later ``submit`` or on ``finish``."""

    def __init__(self, client, depth: int = 2) -> None:
        from collections import deque
        from concurrent.futures import ThreadPoolExecutor

        self.client = client
        self.depth = max(1, depth)
        self.pool = ThreadPoolExecutor(max_workers=self.depth, thread_name_prefix="search-bulk")
        self.pending = deque()
        self.preparing = None

    def prepare(self, call: Callable, *args, **kwargs) -> None:
        """Start ``call`` (e.g. creating the index: a cluster state change, ~0.3 s) in the
        background; the first ``submit`` waits for it, meanwhile the caller derives the first chunk."""
        self.preparing = self.pool.submit(call, *args, **kwargs)

    def _ready(self) -> None:
        if self.preparing is not None:
            preparing, self.preparing = self.preparing, None
            preparing.result()

    def submit(self, actions: list[dict]) -> None:
        self._ready()
        while len(self.pending) >= self.depth:
            self.pending.popleft().result()
        self.pending.append(self.pool.submit(send, self.client, actions))

    def finish(self) -> None:
        self._ready()
        while self.pending:
            self.pending.popleft().result()

    def close(self) -> None:
        try:
            self.finish()
        finally:
            self.pool.shutdown(wait=True)

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


FILL_SETTINGS = {"refresh_interval": "-1", "number_of_replicas": 0}


@contextlib.contextmanager
def frozen_heap():
    """Bulk work without the garbage collector re-walking the application's own objects.

    A Django + Wagtail process holds ~370,000 objects; deriving thousands of pages creates
    enough new ones to trigger full collections, which walk them all again: a quarter of a
    rebuild's Python time (BENCHMARKS.md, speed at scale). ``gc.freeze()`` sets the objects that
    exist now aside for the duration; what the work creates is still collected."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def rebuild(*, progress: Callable[[Iterable, int, str], Iterable] | None = None,
            before_swap: Callable[[str], None] | None = None) -> dict:
    """Re-derive every document from the sources, write the database copies in bulk and, with
    an engine, fill a new index (no refresh, no replica while filling), swap the alias, replay
    what changed meanwhile, drop the old index. Returns counts.

    Chunks of ``SEARCH_BULK_CHUNK`` documents: one upsert and one bulk request each, so the
    cost per page is deriving it, not queries (BENCHMARKS.md: rebuild vs Wagtail's update_index)."""
    with frozen_heap():
        return _rebuild(progress, before_swap)


def _rebuild(progress, before_swap) -> dict:
    from search.models import OutboxEntry, SearchEntry

    progress = progress or (lambda items, total, label: items)
    started = timezone.now()
    chunk = settings.SEARCH_BULK_CHUNK
    client = maintenance_client() if is_configured() else None
    index = new_index_name() if client else None
    documents = 0
    pipeline = Pipeline(client) if client else None
    try:
        if pipeline:
            pipeline.prepare(create_index, client, index, settings_override=FILL_SETTINGS)
        for source in sources():
            derived = progress(source.documents(batch_size=chunk), source.count(), f"{source.name}: reading and writing")
            for batch in batches(derived, chunk):
                pairs = [(key, doc) for key, doc in batch if doc is not None]
                version = int(timezone.now().timestamp() * 1_000_000)
                rows = save_entries(pairs)
                if pipeline:
                    pipeline.submit(index_actions(rows, index, version))
                documents += len(pairs)
        if pipeline:  # database copies no registered source owns (written by other code): carried over as they are
            others = SearchEntry.objects.exclude(key__in=_source_keys()).values_list("key", flat=True)
            for batch in batches(others.iterator(chunk_size=chunk), chunk):
                pipeline.submit(actions_for(batch, index))
    finally:
        if pipeline:
            pipeline.close()
    # what no source produced any more (deleted, unpublished): removed from the database copy;
    # the outbox rows make the drain remove them from the live index too
    stale = list(SearchEntry.objects.filter(key__in=_source_keys(), updated_at__lt=started)
                 .values_list("key", flat=True))
    SearchEntry.objects.filter(key__in=stale).delete()
    if client and stale:
        OutboxEntry.objects.bulk_create([OutboxEntry(key=key) for key in stale])
    result = {"documents": documents, "removed": len(stale), "index": index}
    if not client:
        return result
    _open_for_search(client, index)
    if before_swap:
        before_swap(index)
    old = swap_alias(client, index)
    replay = set(OutboxEntry.objects.filter(created_at__gte=started).values_list("key", flat=True))
    send(client, actions_for(replay, alias_name()), refresh=True)
    changed()
    for name in old:
        client.indices.delete(index=name)
    return result


def _source_keys():
    """Keys that belong to a registered source (prefix ``<source>:``): others are left alone."""
    from django.db.models import Q

    from search.models import SearchEntry

    query = Q(pk__in=[])
    for source in sources():
        query |= Q(key__startswith=f"{source.name}:")
    return SearchEntry.objects.filter(query).values_list("key", flat=True)
