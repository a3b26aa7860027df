"""Page views counted by the platform: public pages only, no personal data, one row per day and path."""
from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from cms.models import NoticePage
from oversight.models import PageViewDaily

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_public_page_views_are_counted_per_day_and_path(client, market, make_page):
    page = make_page(NoticePage, market, title="统计用通知")
    url = page.get_url()
    for _ in range(3):
        assert client.get(url + "?utm=secret&token=abc").status_code == 200
    client.get("/")
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
    assert not PageViewDaily.objects.exists()
