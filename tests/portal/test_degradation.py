"""A back end that fails trips its breaker and shows last good data, marked; never the raw error."""
import threading
import time

import pybreaker
import pytest

from portal.breakers import breaker_for, guarded_call, make_breaker
from portal.fetching import fetch_widgets
from portal.identity import context_for
from portal.models import WidgetDefinition
from portal.specs import spec_from
from tests.portal.conftest import dead_url, make_layout, make_widget

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def fast_breaker(settings):
    settings.PORTAL_BREAKER_FAIL_MAX = 2
    settings.PORTAL_BREAKER_RESET_SECONDS = 1.0
    settings.PORTAL_SWR_SECONDS = 0


def take_oa_down(settings):
    settings.PORTAL_BACKENDS = {**settings.PORTAL_BACKENDS, "oa": dead_url() + "/oa"}


def test_it_serves_last_good_data_marked_stale_when_the_back_end_goes_down(client, official, demo, settings, fast_breaker):
    settings.PORTAL_BREAKER_FAIL_MAX = 5  # this test is about the cache, not the breaker
    make_widget("todo", cache_ttl=0)
    make_layout("one", ["todo"])
    client.force_login(official)
    good = client.get("/portal/api/widgets/todo/").json()
    assert good["status"] == "ok"

    up = settings.PORTAL_BACKENDS
    take_oa_down(settings)
    stale = client.get("/portal/api/widgets/todo/").json()

    assert stale["status"] == "stale"
    assert stale["data"] == good["data"]
    assert stale["fetched_at"] == good["fetched_at"]
    assert "最后一次成功获取的数据" in stale["message"]
    html = client.get("/portal/widgets/todo/").content.decode()
    assert "portal-notice-stale" in html and "最后一次成功获取的数据" in html
    assert "ConnectError" not in html and "Traceback" not in html

    settings.PORTAL_BACKENDS = up
    assert client.get("/portal/api/widgets/todo/").json()["status"] == "ok"


def test_without_earlier_data_a_failure_is_an_error_in_plain_words(client, official, demo, settings, fast_breaker):
    take_oa_down(settings)
    make_widget("todo")
    make_layout("one", ["todo"])
    client.force_login(official)
    body = client.get("/portal/api/widgets/todo/").json()
    assert body["status"] == "error" and body["data"] is None
    assert body["message"] == "暂时无法获取数据，请稍后再试。"
    assert "Connect" not in str(body)


def test_the_breaker_opens_goes_half_open_and_closes(client, official, demo, settings, fast_breaker):
    make_widget("todo", cache_ttl=0)
    make_widget("slow-todo", url="{backend}/api/todos?delay_ms=400", cache_ttl=0, timeout=3)
    make_layout("one", ["todo", "slow-todo"])
    client.force_login(official)
    up = settings.PORTAL_BACKENDS
    take_oa_down(settings)

    for _ in range(2):
        assert client.get("/portal/api/widgets/todo/").json()["reason"] == "error"
    assert breaker_for("oa").current_state == pybreaker.STATE_OPEN

    # Open: the portal does not even try the back end, even once it is up again.
    settings.PORTAL_BACKENDS = up
    refused = client.get("/portal/api/widgets/todo/").json()
    assert refused["status"] == "error" and refused["reason"] == "circuit_open"
    assert refused["message"] == "该系统暂时不可用，已暂停访问，稍后会自动重试。"

    # After the reset timeout one trial call goes through: half-open while it runs, closed after.
    # (The trial runs in a thread without the ORM: the spec and identity are read here first.)
    spec, ctx = spec_from(WidgetDefinition.objects.get(key="slow-todo")), context_for(official)
    time.sleep(1.1)
    seen = []
    trial = threading.Thread(target=lambda: seen.extend(fetch_widgets([spec], ctx)))
    trial.start()
    time.sleep(0.2)
    during = breaker_for("oa").current_state
    meanwhile = client.get("/portal/api/widgets/todo/").json()  # only one trial call at a time
    trial.join()
    assert during == pybreaker.STATE_HALF_OPEN
    assert meanwhile["reason"] == "circuit_open"
    assert seen[0]["status"] == "ok"
    assert breaker_for("oa").current_state == pybreaker.STATE_CLOSED


def test_a_failed_trial_call_opens_the_breaker_again(client, official, demo, settings, fast_breaker):
    make_widget("todo", cache_ttl=0)
    make_layout("one", ["todo"])
    client.force_login(official)
    take_oa_down(settings)
    for _ in range(2):
        client.get("/portal/api/widgets/todo/")
    time.sleep(1.1)
    client.get("/portal/api/widgets/todo/")  # the trial call fails
    assert breaker_for("oa").current_state == pybreaker.STATE_OPEN


def test_breaker_state_is_shared_between_processes_through_the_cache(settings, fast_breaker, db):
    """Two breaker objects over the same cache behave like two app processes."""
    first, second = make_breaker("shared"), make_breaker("shared")

    def boom():
        raise RuntimeError("down")

    for _ in range(2):
        with pytest.raises(RuntimeError):
            guarded_call(first, boom)
    assert second.current_state == pybreaker.STATE_OPEN
    with pytest.raises(pybreaker.CircuitBreakerError):
        guarded_call(second, lambda: "never called")


def test_one_back_end_down_degrades_only_its_widgets(client, official, demo, settings, fast_breaker):
    make_widget("todo")
    make_widget("meetings", type="calendar", backend="meetings",
                config={"url": "{backend}/api/meetings", "items_path": "meetings", "fields": {"title": "topic", "start": "start"}})
    make_layout("two", ["todo", "meetings"])
    take_oa_down(settings)
    client.force_login(official)
    response = client.get("/portal/api/home/")
    assert response.status_code == 200
    statuses = {w["key"]: w["status"] for w in response.json()["widgets"]}
    assert statuses == {"todo": "error", "meetings": "ok"}
    page = client.get("/portal/")
    assert page.status_code == 200


def test_data_served_while_revalidating_says_how_old_it_is(client, official, demo, settings):
    """After cache_ttl, old data may be shown at once while a refresh runs (even when the back end
    is down, for PORTAL_SWR_SECONDS): the card must then say how old its data are."""
    import time as _time

    from portal import widget_cache

    settings.PORTAL_SWR_SECONDS = 900
    make_widget("todo", cache_ttl=60)
    make_layout("one", ["todo"])
    client.force_login(official)
    good = client.get("/portal/api/widgets/todo/").json()
    assert good["status"] == "ok" and good["fresh"] is True and good["message"] is None
    spec, ctx = spec_from(WidgetDefinition.objects.get(key="todo")), context_for(official)
    six_minutes_ago = _time.time() - 6 * 60 - 5
    widget_cache._cache().set(widget_cache.key_for(spec, ctx), {"data": good["data"], "fetched_at": six_minutes_ago}, 3600)
    take_oa_down(settings)
    old = client.get("/portal/api/widgets/todo/").json()
    assert old["status"] == "ok" and old["revalidating"] is True and old["fresh"] is False
    assert old["age_seconds"] >= 360 and "数据更新于 6 分钟前" in old["message"].replace("\xa0", " ")
    html = client.get("/portal/widgets/todo/").content.decode()
    assert 'class="portal-notice portal-notice-age" role="note"' in html and "数据更新于 6" in html
