"""Portal test kit: the real demo back ends over HTTP on a free port, personas with roles, and a
helper that defines widgets. Breaker and widget caches are cleared around every test."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import caches

from portal.breakers import reset_breakers
from portal.identity import shared_secret
from portal.models import WidgetDefinition
from tests.services.base import free_port, stop_process_group, wait_until

ROOT = Path(__file__).resolve().parents[2]
PREFIXES = {"oa": "oa", "complaints": "12315", "cases": "cases", "meetings": "meetings"}


class DemoBackends:
    def __init__(self, url: str):
        self.url = url

    def base(self, backend: str) -> str:
        return f"{self.url}/{PREFIXES[backend]}"

    def control(self, **body) -> dict:
        return httpx.post(f"{self.url}/_control", json=body, timeout=5).json()


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory):
    """``manage.py portal_demo_backends`` in its own process, as ./run starts it."""
    from django.conf import settings

    port = free_port()
    log = tmp_path_factory.mktemp("demo") / "demo_backends.log"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PORTAL_JWT_SECRET": shared_secret(),
           "PORTAL_JWT_ISSUER": settings.PORTAL_JWT_ISSUER}
    proc = subprocess.Popen(
        [sys.executable, "manage.py", "portal_demo_backends", "--port", str(port), "--latency", "0"],
        cwd=ROOT, env=env, stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: httpx.get(f"{url}/healthz", timeout=1).status_code == 200, what="demo back ends", timeout=60, log=log)
        yield DemoBackends(url)
    finally:
        stop_process_group(proc)


@pytest.fixture
def demo(demo_server, settings):
    """Point every back end at the demo server; start with clean breakers and caches."""
    settings.PORTAL_BACKENDS = {name: demo_server.base(name) for name in PREFIXES}
    settings.PORTAL_JWT_SECRET = shared_secret()
    demo_server.control(failure_rate=0.0, latency=[0, 0])
    yield demo_server
    demo_server.control(failure_rate=0.0, latency=[0, 0])


@pytest.fixture(autouse=True)
def clean_portal_state(settings):
    caches[settings.PORTAL_CACHE_ALIAS].clear()
    reset_breakers()
    yield
    caches[settings.PORTAL_CACHE_ALIAS].clear()
    reset_breakers()


def make_user(username: str, roles=(), *, department: str = "", **extra) -> User:
    """A user with these groups and, when ``department`` is given, the ``cms.UserProfile`` that
    puts them in that department (what SSO provisioning writes at sign-in)."""
    from cms.models import Department, UserProfile

    user = User.objects.create_user(username=username, password="pw-for-tests-only", **extra)
    user.groups.add(*[Group.objects.get_or_create(name=role)[0] for role in roles])
    if department:
        UserProfile.objects.update_or_create(
            user=user, defaults={"department": Department.objects.get_or_create_by_name(department)[0]})
    return user


@pytest.fixture
def official(db):
    return make_user("approver", ["审批人员"], first_name="张伟")


@pytest.fixture
def outsider(db):
    return make_user("outsider", ["执法人员"])


def make_widget(key: str, *, type="todo", connector="rest", backend="oa", url="{backend}/api/todos", roles=(),
                config=None, settings=None, **fields) -> WidgetDefinition:
    """A widget definition, validated like the admin and the loader validate it."""
    connector_config = config if config is not None else {
        "url": url, "items_path": "items", "fields": {"title": "subject", "url": "link"}, "root": {"count": "total"},
    }
    widget = WidgetDefinition(key=key, title=fields.pop("title", key), widget_type=type, connector=connector or "",
                              backend=backend or "", connector_config=connector_config, settings=settings or {}, **fields)
    widget.full_clean()
    widget.save()
    widget.roles.set([Group.objects.get_or_create(name=role)[0] for role in roles])
    return widget


def dead_url() -> str:
    """An address where nothing listens: a back end that is down."""
    return f"http://127.0.0.1:{free_port()}"


def make_layout(name: str, keys, role: str | None = None, department: str = "", priority: int = 100):
    from portal.models import DefaultLayout, LayoutSlot

    layout = DefaultLayout.objects.create(
        name=name, role=Group.objects.get_or_create(name=role)[0] if role else None, department=department, priority=priority,
    )
    for index, key in enumerate(keys):
        LayoutSlot.objects.create(layout=layout, widget=WidgetDefinition.objects.get(key=key), width=2, height=1, sort_order=index)
    return layout
