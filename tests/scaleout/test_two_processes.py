"""Scale-out on one machine (issue 12, part 4): two application processes behind nginx, sharing
PostgreSQL, Redis and the search cluster. A login on one is valid on the other; a change made
through one is seen, and purged, on the other at once; the portal's circuit breakers are shared;
one process killed under load loses no request beyond those it had in flight.

Needs the services (``TEST_SERVICES=postgres,redis,nginx``) and starts the 2-node Elasticsearch
cluster (``elasticsearch_cluster``, shared by the session's scale-out tests); the rest is bounded
to about two minutes on a quiet machine (most of it collecting static files once per run).
"""
from __future__ import annotations

import json
import os
import re
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.conftest import require_service
from tests.delivery.receiver import Receiver
from tests.scaleout.cluster import PASSWORD, Cluster, wait_for
from tests.services.base import free_port

NOTICE_TITLE = "扩容测试通知：窗口服务时间调整"
RECORDS = [
    {"type": "notice", "slug": "scaleout-notice", "title": NOTICE_TITLE, "department": "明川市市场监督管理局",
     "published_at": "2026-11-01T09:00:00+08:00", "summary": "自下月起调整。", "priority": "normal",
     "body": "<p>自下月起，政务服务中心窗口服务时间调整为工作日九时至十七时。</p>"},
    {"type": "service_guide", "slug": "scaleout-guide", "title": "扩容测试事项：食品经营许可",
     "department": "明川市市场监督管理局", "published_at": "2026-11-02T09:00:00+08:00",
     "summary": "食品经营许可的办理。", "materials": [{"name": "营业执照", "required": True}]},
]
PORTAL_CONFIG = {
    "widgets": [{"key": "dead-system", "title": "停机的系统", "type": "todo", "connector": "rest", "backend": "dead",
                 "timeout": 1.0, "connector_config": {"url": "{backend}/api/todos", "items_path": "items"}}],
    "layouts": [{"name": "所有人", "priority": 1, "widgets": [{"widget": "dead-system", "width": 2}]}],
}


@pytest.fixture(scope="module")
def purge_receiver():
    receiver = Receiver(free_port()).start()
    yield receiver
    receiver.stop()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory, purge_receiver, elasticsearch_cluster):
    services = {name: require_service(name, what) for name, what in (
        ("DATABASE_URL", "PostgreSQL"), ("REDIS_URL", "Redis"), ("NGINX_BIN", "nginx"))}
    if not services["DATABASE_URL"].startswith(("postgres://", "postgresql://")):
        pytest.fail("the scale-out test needs PostgreSQL (DATABASE_URL)")
    root = tmp_path_factory.mktemp("scaleout")
    shared = Path(os.environ.get("TEST_WORKDIR", str(root)))
    content = root / "content.jsonl"
    content.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    portal = root / "portal.json"
    portal.write_text(json.dumps(PORTAL_CONFIG, ensure_ascii=False), encoding="utf-8")
    running = Cluster(root, database_url=services["DATABASE_URL"], redis_url=services["REDIS_URL"],
                      search_url=elasticsearch_cluster.url, nginx=services["NGINX_BIN"],
                      purge_url=purge_receiver.url, static_root=shared / "scaleout-static")
    try:
        running.prepare(content, portal)
        running.start()
        yield running
    finally:
        running.stop()


def logged_in(cluster: Cluster, index: int) -> httpx.Client:
    """A browser session: the admin's password form on process ``index``."""
    client = httpx.Client(base_url=cluster.app_url(index), timeout=30, follow_redirects=False)
    form = client.get("/admin/login/", params={"local": "1"})
    assert form.status_code == 200, form.status_code
    token = client.cookies["csrftoken"]
    done = client.post("/admin/login/?local=1", data={"username": "boss", "password": PASSWORD,
                                                      "csrfmiddlewaretoken": token, "next": "/admin/"})
    assert done.status_code == 302, done.text[:500]
    return client


def on(cluster: Cluster, index: int, cookies=None) -> httpx.Client:
    return httpx.Client(base_url=cluster.app_url(index), timeout=30, follow_redirects=False, cookies=cookies)


def test_a_login_on_one_process_is_valid_on_the_other(cluster):
    first = logged_in(cluster, 0)
    second = on(cluster, 1, cookies=first.cookies)
    assert second.get("/admin/").status_code == 200
    assert on(cluster, 1).get("/admin/").status_code == 302  # and without the cookie it is not


def test_a_change_through_one_process_is_seen_and_purged_on_the_other_at_once(cluster, purge_receiver):
    other = on(cluster, 1)
    item = other.get("/api/v1/content/", params={"type": "notice"}).json()["items"][0]
    page_url = urlsplit(item["meta"]["html_url"]).path
    for _ in range(2):
        cached = other.get(page_url)
    assert cached.status_code == 200 and cached.headers.get("X-Page-Cache") == "hit"
    assert NOTICE_TITLE in cached.text
    search = wait_for(lambda: other.get("/api/search/", params={"q": "窗口服务时间"}).json()["total"], timeout=10)
    assert search >= 1

    admin = logged_in(cluster, 0)
    purge_receiver.requests.clear()
    done = admin.post(f"/admin/pages/{item['id']}/unpublish/", data={"csrfmiddlewaretoken": admin.cookies["csrftoken"]})
    assert done.status_code == 302, done.text[:500]

    assert other.get(page_url).status_code == 404  # the other process's cached copy is gone at once
    assert wait_for(lambda: other.get("/api/search/", params={"q": "窗口服务时间"}).json()["total"] == 0, timeout=10)
    purged = {request.path for request in purge_receiver.requests if request.method == "PURGE"}
    assert {page_url, f"/api/v1/content/{item['id']}/"} <= purged


def test_the_portal_breaker_opened_by_one_process_is_open_on_the_other(cluster):
    first = logged_in(cluster, 0)
    for _ in range(3):
        widget = first.get("/portal/api/widgets/dead-system/").json()
        assert widget["status"] in ("error", "timeout")
    assert widget["reason"] == "circuit_open"
    second = on(cluster, 1, cookies=first.cookies)
    started = time.monotonic()
    answer = second.get("/portal/api/widgets/dead-system/").json()
    assert (answer["status"], answer["reason"]) == ("error", "circuit_open")
    assert time.monotonic() - started < 1.0  # answered from the shared state, without trying the back end


def test_one_process_killed_under_load_loses_no_request_beyond_those_in_flight(cluster):
    paths = ["/", "/api/v1/content/", "/healthz"]
    clients = 8
    results: list[tuple[float, int | str]] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + 4.0

    def load(number: int):
        with httpx.Client(base_url=cluster.url, timeout=30) as client:
            n = number
            while time.monotonic() < stop_at:
                n += 1
                try:
                    status: int | str = client.get(paths[n % len(paths)]).status_code
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                with lock:
                    results.append((time.monotonic(), status))

    threads = [threading.Thread(target=load, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    time.sleep(1.5)
    cluster.kill_app(0)
    killed_at = time.monotonic()
    for thread in threads:
        thread.join()

    failed = [status for _, status in results if status != 200]
    after = [status for at, status in results if at > killed_at + 1.0]
    assert len(results) > 30, f"too little load to judge: {len(results)} requests"
    assert len(failed) <= clients, f"{len(failed)} of {len(results)} requests failed: {failed[:10]}"
    assert after and all(status == 200 for status in after)  # the survivor serves everything after
    print(f"\nscale-out: {len(results)} requests, {len(failed)} failed while process 0 was killed "
          f"(at most {clients} in flight)")
