"""The full-page cache of anonymous HTML (cms/delivery/page_cache.py): served from the cache until
the content changes, and stale at once after a publish, unpublish, move, privacy change, expiry,
taxonomy or site edit; never for logged-in users, cookies, or unknown query parameters; one copy
per site and per elder-friendly mode."""
from __future__ import annotations

import re
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from cms.delivery.page_cache import HIT_HEADER, entry_timeout, response_is_cacheable
from cms.delivery.caching import content_generation
from cms.models import NoticePage, ServiceGuidePage
from themes.preferences import ELDER_COOKIE

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_TIMEOUT = 600


def get(path, client=None, **extra):
    response = (client or Client()).get(path, **extra)
    return response, response.content.decode(), response.headers.get(HIT_HEADER)


def test_a_second_anonymous_view_comes_from_the_cache_with_the_same_page(site, make_page, market):
    notice = make_page(NoticePage, market, title="关于窗口服务时间的通知")
    first, body, state = get(notice.url)
    assert (first.status_code, state) == (200, "miss") and "关于窗口服务时间的通知" in body
    second, again, state = get(notice.url)
    assert (second.status_code, state, again) == (200, "hit", body)
    assert second["ETag"] == first["ETag"]
    assert Client().get(notice.url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_publishing_makes_the_cached_home_and_page_stale_at_once(site, make_page, market):
    guide = make_page(ServiceGuidePage, market, title="旧标题事项")
    get("/"), get(guide.url)
    assert get("/")[2] == get(guide.url)[2] == "hit"

    guide.title = "新标题事项"
    guide.save_revision().publish()
    make_page(NoticePage, market, title="刚刚发布的通知")
    _, home, state = get("/")
    assert state == "miss" and "刚刚发布的通知" in home and "新标题事项" in home
    _, page, state = get(guide.url)
    assert state == "miss" and "新标题事项" in page and "旧标题事项" not in page


def test_an_unpublished_page_is_gone_at_once(site, make_page, market):
    notice = make_page(NoticePage, market, title="将撤下的通知")
    get(notice.url), get(notice.url)
    notice.unpublish()
    assert Client().get(notice.url).status_code == 404
    assert "将撤下的通知" not in get("/")[1]


def test_a_moved_page_leaves_its_old_address(site, make_page, market, labour):
    from cms.models import NoticeIndexPage
    from cms.site_tree import ensure_section, ensure_tree

    notice = make_page(NoticePage, market, title="搬家的通知")
    old_url = notice.url
    assert get(old_url)[0].status_code == 200 and get(old_url)[2] == "hit"
    notice.move(ensure_section(ensure_tree(site)[NoticeIndexPage], labour), pos="last-child")
    notice.refresh_from_db()
    assert notice.url != old_url
    moved = Client().get(old_url)  # Wagtail's automatic redirect, not the cached page
    assert (moved.status_code, moved["Location"]) == (301, notice.url)
    assert get(notice.url)[0].status_code == 200


def test_a_page_made_internal_is_never_served_from_the_cache_again(site, make_page, market):
    notice = make_page(NoticePage, market, title="即将转为内部的通知")
    get(notice.url), get(notice.url)
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)
    response = Client().get(notice.url)
    assert response.status_code == 302 and "即将转为内部的通知" not in response.content.decode()


def test_an_expiring_notice_leaves_the_cached_home_on_time(site, make_page, market):
    """No publish happens at expiry (the scheduler may run minutes later): the cached copy must
    not outlive the notice."""
    notice = make_page(NoticePage, market, title="即将到期的通知")
    notice.expires_at = timezone.now() + timedelta(seconds=5)
    notice.save_revision().publish()
    _, home, _ = get("/")
    assert "即将到期的通知" in home and get("/")[2] == "hit"
    assert 0 < entry_timeout(content_generation()) <= 5
    time.sleep(max(0.0, (notice.expires_at - timezone.now()).total_seconds()) + 1.1)
    assert "即将到期的通知" not in get("/")[1]


def test_a_department_rename_shows_on_cached_pages(site, make_page, market):
    guide = make_page(ServiceGuidePage, market)
    get(guide.url)
    market.name = "明川市市场监管局（新）"
    market.save()
    _, body, state = get(guide.url)
    assert state == "miss" and "明川市市场监管局（新）" in body


def test_logged_in_users_get_their_own_page_and_never_fill_the_cache(site, make_page, market):
    guide = make_page(ServiceGuidePage, market)
    official = Client()
    official.force_login(User.objects.create_user("official"))
    for _ in range(2):
        response, _, state = get(guide.url, official)
        assert response.status_code == 200 and state is None
    assert get(guide.url)[2] == "miss"  # the official's views stored nothing


def test_elder_mode_and_each_site_get_their_own_copy(site, make_page, market):
    get("/")
    elder = Client()
    elder.cookies[ELDER_COOKIE] = "1"
    _, body, state = get("/", elder)
    assert state == "miss" and 'class="elder-mode"' in body
    assert 'class="elder-mode"' not in get("/")[1]

    Site.objects.create(hostname="dept.example", port=80, root_page=site.root_page, site_name="部门网站")
    _, other, state = get("/", HTTP_HOST="dept.example")
    assert state == "miss" and "部门网站" in other


def test_unknown_query_parameters_are_not_cached_but_index_filters_are(site, make_page, market):
    assert get("/?utm=1")[2] is None and get("/?utm=2")[2] is None
    get(f"/notices/?department={market.slug}")
    assert get(f"/notices/?department={market.slug}")[2] == "hit"


def test_responses_that_set_cookies_or_are_private_are_not_stored(rf):
    request = rf.get("/")
    with_cookie = HttpResponse("x")
    with_cookie.set_cookie("sessionid", "abc")
    private = HttpResponse("x", headers={"Cache-Control": "private"})
    varies = HttpResponse("x", headers={"Vary": "Authorization"})
    assert response_is_cacheable(request, HttpResponse("x"))
    assert not any(response_is_cacheable(request, r) for r in (with_cookie, private, varies))


def test_a_page_with_a_form_is_shared_but_each_visitor_gets_a_token_of_their_own(site, make_page, market):
    """The service guide carries the 好差评 form: its CSRF token is never served to someone else,
    and the token a hit hands out is accepted with the cookie it sets."""
    guide = make_page(ServiceGuidePage, market, title="带评价表单的事项")
    token = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
    first, body, state = get(guide.url)
    if not token.search(body):
        pytest.skip("this service guide page has no form")
    visitor = Client(enforce_csrf_checks=True)
    response = visitor.get(guide.url)
    assert response.headers.get(HIT_HEADER) == "hit"
    mine = token.search(response.content.decode()).group(1)
    assert mine != token.search(body).group(1) and "page-cache-csrf-token" not in response.content.decode()
    assert visitor.cookies[settings.CSRF_COOKIE_NAME].value
    from django.middleware.csrf import _does_token_match, _unmask_cipher_token
    assert _does_token_match(mine, visitor.cookies[settings.CSRF_COOKIE_NAME].value)
    assert len(_unmask_cipher_token(mine)) == 32
