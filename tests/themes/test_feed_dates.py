"""Feeds are dated and ordered by each item's 发布日期 (``published_at``), not by when the CMS
published the page (a demo load or an import publishes everything at one moment)."""
from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from cms.models import NoticePage, PolicyPage

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.mark.parametrize("model, feed", [(NoticePage, "notices"), (PolicyPage, "policies")])
def test_items_carry_their_publication_date_newest_first(client, make_page, market, model, feed):
    now = timezone.now()
    make_page(model, market, title="上月的文件", published_at=now - dt.timedelta(days=30))
    make_page(model, market, title="去年的文件", published_at=now - dt.timedelta(days=400))
    make_page(model, market, title="昨天的文件", published_at=now - dt.timedelta(days=1))  # loaded last
    xml = client.get(f"/feeds/{feed}/rss/").content.decode()
    titles = re.findall(r"<item><title>(.*?)</title>", xml)
    assert titles[:3] == ["昨天的文件", "上月的文件", "去年的文件"]
    dates = [parsedate_to_datetime(d) for d in re.findall(r"<pubDate>(.*?)</pubDate>", xml)]
    assert abs(dates[0] - (now - dt.timedelta(days=1))) < dt.timedelta(seconds=2)
    assert abs(dates[2] - (now - dt.timedelta(days=400))) < dt.timedelta(seconds=2)
    atom = client.get(f"/feeds/{feed}/atom/").content.decode()
    assert re.findall(r"<entry><title>(.*?)</title>", atom)[:3] == titles[:3]
