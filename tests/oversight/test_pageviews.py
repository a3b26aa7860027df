"""Page views counted by the platform: public pages only, no personal data, one row per day and path."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from cms.models import NoticePage
from oversight import pageviews
from oversight.models import PageViewDaily

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture(autouse=True)
def empty_counter():
    pageviews.COUNTER.discard()  # views another test left in this process's buffer
    yield


def test_public_page_views_are_counted_per_day_and_path(client, market, make_page):
    page = make_page(NoticePage, market, title="统计用通知")
    url = page.get_url()
    for _ in range(3):
        assert client.get(url + "?utm=secret&token=abc").status_code == 200
    client.get("/")
    assert pageviews.flush() == 4
    row = PageViewDaily.objects.get(path=url)
    assert row.views == 3 and row.section == "notices"
    assert PageViewDaily.objects.get(path="/").section == ""
    assert not PageViewDaily.objects.filter(path__contains="secret").exists()
    stored = set(field.name for field in PageViewDaily._meta.get_fields())
    assert stored == {"id", "day", "path", "section", "views"}  # nothing about the visitor


def test_officials_robots_dnt_errors_and_the_admin_are_not_counted(client, market, make_page):
    page = make_page(NoticePage, market)
    url = page.get_url()
    client.get(url, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Googlebot/2.1)")
    client.get(url, HTTP_DNT="1")
    client.get(url, HTTP_SEC_GPC="1")
    client.get("/no-such-page/")
    client.get("/api/v1/content/")
    client.force_login(User.objects.create_user("official", password="pw"))
    client.get(url)
    client.get("/admin/")
    assert pageviews.flush() == 0
    assert not PageViewDaily.objects.exists()


def test_views_are_written_in_batches_not_one_write_per_view(client, market, make_page, settings):
    settings.OVERSIGHT_PAGE_VIEW_BATCH = 5
    url = make_page(NoticePage, market).get_url()
    pageviews.flush()
    for _ in range(4):
        client.get(url)
    assert pageviews.COUNTER.pending() == 4 and not PageViewDaily.objects.exists()
    client.get(url)  # the fifth view fills the batch: one write for all five
    assert pageviews.COUNTER.pending() == 0
    assert PageViewDaily.objects.get(path=url).views == 5
    settings.OVERSIGHT_PAGE_VIEW_BATCH = 1000
    for _ in range(3):
        client.get(url)
    assert pageviews.flush() == 3
    assert PageViewDaily.objects.get(path=url).views == 8
