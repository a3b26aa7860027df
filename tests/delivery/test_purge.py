"""Front-end cache purge through Wagtail's ``wagtail.contrib.frontend_cache``: the documented
``DELIVERY_PURGE_*`` settings become ``WAGTAILFRONTENDCACHE``, and a publish, unpublish, move or
privacy change sends ``PURGE`` for the page, the pages listing it and the API URLs to a real HTTP
server standing in for Varnish/nginx."""
import json

import pytest
from wagtail.models import Page, PageViewRestriction

from cms.delivery.purge import HTTP_BACKEND, HTTPBackend, configuration_problems
from tests.fixtures.content import publish
from tests.services.base import free_port

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_the_default_configures_no_front_end_cache(settings):
    assert settings.DELIVERY_PURGE_BACKEND == "noop"
    assert settings.WAGTAILFRONTENDCACHE == {}


def settings_from(environment: dict) -> dict:
    """config/settings/base.py read in a fresh interpreter with ``environment``."""
    import json
    import os
    import subprocess
    import sys

    script = ("import json, django; from django.conf import settings; django.setup(); "
              "print(json.dumps({'backends': settings.WAGTAILFRONTENDCACHE}))")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.base", **environment}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    return {"out": json.loads(done.stdout.strip().splitlines()[-1]) if done.returncode == 0 else None,
            "err": done.stderr}


def test_the_documented_settings_become_wagtail_backends():
    cdn = {"cdn": {"BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend", "ZONEID": "z"}}
    result = settings_from({"DELIVERY_PURGE_BACKEND": "http",
                            "DELIVERY_PURGE_URLS": "http://varnish-a:6081/,http://varnish-b:6081",
                            "FRONTEND_CACHE_BACKENDS": json.dumps(cdn)})
    assert result["out"]["backends"] == {
        "http-0": {"BACKEND": HTTP_BACKEND, "LOCATION": "http://varnish-a:6081"},
        "http-1": {"BACKEND": HTTP_BACKEND, "LOCATION": "http://varnish-b:6081"},
        **cdn,
    }
    assert "varnishh" in settings_from({"DELIVERY_PURGE_BACKEND": "varnishh"})["err"]


def test_a_missing_location_or_a_malformed_backend_fails_the_start_up_check(settings):
    settings.DELIVERY_PURGE_BACKEND = "http"
    settings.DELIVERY_PURGE_URLS = []
    assert any("DELIVERY_PURGE_URLS" in p for p in configuration_problems(settings))
    settings.DELIVERY_PURGE_BACKEND = "noop"
    settings.WAGTAILFRONTENDCACHE = {"cdn": "cloudflare"}
    assert any("FRONTEND_CACHE_BACKENDS" in p for p in configuration_problems(settings))
    settings.WAGTAILFRONTENDCACHE = {}
    assert configuration_problems(settings) == []


@pytest.fixture
def varnish(receiver, settings):
    settings.WAGTAILFRONTENDCACHE = {"varnish": {"BACKEND": HTTP_BACKEND, "LOCATION": receiver.url}}
    settings.BASE_URL = "https://www.example.gov.cn"
    return receiver


def test_publish_and_unpublish_purge_the_page_its_parents_and_the_api(site_root, varnish,
                                                                       django_capture_on_commit_callbacks):
    section = publish(site_root, Page(title="栏目", slug="section"))
    varnish.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(section, Page(title="页", slug="purged"))
    requests = {(r.headers["Host"], r.path) for r in varnish.requests}
    assert all(r.method == "PURGE" for r in varnish.requests)
    api = {(h, p) for h, p in requests if p.startswith("/api/")}
    assert {p for _, p in api} >= {f"/api/v1/pages/{page.pk}/", "/api/v1/content/", "/api/v1/pages/"}
    assert {h for h, _ in api} == {"www.example.gov.cn"}
    assert {("testserver", "/section/purged/"), ("testserver", "/section/"), ("testserver", "/")} <= requests

    varnish.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert f"/api/v1/pages/{page.pk}/" in {r.path for r in varnish.requests}


def test_a_move_purges_the_old_and_the_new_address(site_root, varnish, django_capture_on_commit_callbacks):
    first = publish(site_root, Page(title="一", slug="one"))
    second = publish(site_root, Page(title="二", slug="two"))
    page = publish(first, Page(title="页", slug="moving"))
    varnish.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page.move(second, pos="last-child")
    paths = {r.path for r in varnish.requests}
    assert {"/one/moving/", "/two/moving/", "/one/", "/two/"} <= paths


def test_a_privacy_change_purges_the_page(site_root, varnish, django_capture_on_commit_callbacks):
    page = publish(site_root, Page(title="页", slug="internal"))
    varnish.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert "/internal/" in {r.path for r in varnish.requests}


def test_an_unreachable_cache_is_logged_not_raised(caplog):
    backend = HTTPBackend({"LOCATION": f"http://127.0.0.1:{free_port()}"})
    backend.purge("https://www.example.gov.cn/api/v1/pages/1/")
    assert "purge of /api/v1/pages/1/" in caplog.text


def test_an_import_purges_each_url_once_at_the_end(site, varnish, tmp_path, django_capture_on_commit_callbacks):
    import io

    from django.core.management import call_command

    records = [{"type": "notice", "slug": f"batch-{n}", "title": f"批量通知{n}", "department": "明川市市场监督管理局",
                "published_at": "2026-11-01T09:00:00+08:00"} for n in range(3)]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_content", str(path), "--publish", stdout=io.StringIO())
    paths = [r.path for r in varnish.requests]
    section = "/notices/" + [p for p in paths if p.startswith("/notices/") and p.count("/") == 3][0].split("/")[2] + "/"
    assert {f"{section}batch-{n}/" for n in range(3)} | {"/", "/notices/", section} <= set(paths)
    assert len(paths) == len(set(paths))  # one batch: each URL once
