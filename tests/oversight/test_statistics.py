"""Statistics against hand-counted fixtures (not against the same query), filters, access, exports."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.models import NoticePage, PolicyPage, ServiceGuidePage
from oversight.models import PageViewDaily
from oversight.rollups import rollup_page_views
from oversight.stats import Filters, get_report
from tests.oversight.conftest import person

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]
ZONE = timezone.get_default_timezone()


def at(*args):
    return dt.datetime(*args, tzinfo=ZONE)


@pytest.fixture
def content(make_page, market, labour):
    """市场监管局: 2 notices in Oct 2026, 1 in Nov 2026, 1 guide in Nov 2026, 1 policy 有效 (Nov), one
    废止 policy (Nov 2026), and a notice of 2025 (outside). 人社局: 1 guide in Oct 2026."""
    make_page(NoticePage, market, published_at=at(2026, 10, 3, 9))
    make_page(NoticePage, market, published_at=at(2026, 10, 31, 23, 30))  # still October in Shanghai
    make_page(NoticePage, market, published_at=at(2026, 11, 1, 0, 30))
    make_page(ServiceGuidePage, market, published_at=at(2026, 11, 5, 10))
    make_page(PolicyPage, market, published_at=at(2026, 11, 6, 10), status="有效")
    make_page(PolicyPage, market, published_at=at(2026, 11, 7, 10), status="废止")
    make_page(NoticePage, market, published_at=at(2025, 11, 7, 10))
    make_page(ServiceGuidePage, labour, published_at=at(2026, 10, 20, 10))


def autumn(departments=None):
    return Filters(at(2026, 10, 1), at(2026, 12, 1), departments)


def test_publishing_by_month_and_type(content):
    report = get_report("publishing_by_month").build(autumn())
    assert report.columns[1:] == ["办事指南", "通知公告", "政策文件", "合计"]
    assert report.rows == [["2026-10", 1, 2, 0, 3], ["2026-11", 1, 1, 2, 4]]


def test_publishing_by_department_with_the_department_filter(content, market, labour):
    rows = get_report("publishing_by_department").build(autumn()).rows
    assert rows == [["明川市市场监督管理局", 1, 3, 2, 6], ["明川市人力资源和社会保障局", 1, 0, 0, 1]]
    only = get_report("publishing_by_department").build(autumn((labour.pk,))).rows
    assert only == [["明川市人力资源和社会保障局", 1, 0, 0, 1]]


def test_policies_by_validity(content):
    rows = dict(map(tuple, get_report("policies_by_validity").build(autumn()).rows))
    assert rows == {"有效": 1, "废止": 1}


def test_the_annual_disclosure_table_for_the_government_and_per_department(content):
    report = get_report("disclosure_annual").build(Filters(at(2026, 1, 1), at(2027, 1, 1)))
    assert "2026" in report.title
    # guides, notices, policies issued, policies repealed, policies in force, total disclosed
    assert report.rows == [["明川市市场监督管理局", 1, 3, 2, 1, 1, 6],
                           ["明川市人力资源和社会保障局", 1, 0, 0, 0, 0, 1],
                           ["全市合计", 2, 3, 2, 1, 1, 7]]


def test_page_views_by_section_and_top_guides(market, make_page):
    guide = make_page(ServiceGuidePage, market, title="营业执照办理")
    day = dt.date(2026, 11, 2)
    PageViewDaily.objects.create(day=day, path=guide.get_url(), section="services", views=7)
    PageViewDaily.objects.create(day=day, path="/services/", section="services", views=5)
    PageViewDaily.objects.create(day=day, path="/notices/scjgj/a/", section="notices", views=4)
    PageViewDaily.objects.create(day=dt.date(2026, 12, 2), path="/notices/scjgj/a/", section="notices", views=100)
    PageViewDaily.objects.create(day=dt.date(2026, 10, 30), path=guide.get_url(), section="services", views=2)
    rollup_page_views(everything=True)
    filters = autumn()
    assert get_report("views_by_section").build(filters).rows == [["办事指南", 14], ["通知公告", 4]]
    assert get_report("top_guides").build(filters).rows == [["营业执照办理", guide.get_url(), 9]]
    by_day = dict(map(tuple, get_report("views_by_day").build(filters).rows))
    assert by_day["2026-11-02"] == 16 and by_day["2026-11-03"] == 0 and len(by_day) == 61
    # a range that starts mid-month: 30-31 October from the daily counters, November from the month's total
    late_october = Filters(at(2026, 10, 30), at(2026, 12, 1))
    assert get_report("top_pages").build(late_october).rows[0][1:] == [guide.get_url(), 9]
    assert get_report("top_pages").build(Filters(at(2026, 11, 3), at(2026, 12, 1))).rows == []
    # the department filter reads the daily counters of that department's paths only
    assert get_report("views_by_section").build(autumn((market.pk,))).rows == [["办事指南", 9], ["通知公告", 4]]


def test_searches_and_click_through(db):
    from search.models import ClickLog, QueryLog

    when = at(2026, 11, 2, 10)
    for query, results, n in (("营业执照", 5, 4), ("社保", 3, 2), ("火星签证", 0, 3)):
        for _ in range(n):
            QueryLog.objects.create(query=query, results=results, backend="database", created_at=when)
    for _ in range(3):
        ClickLog.objects.create(query="营业执照", url="/services/x/", created_at=when)
    top = get_report("top_searches").build(autumn())
    assert top.rows == [["营业执照", 4, 3, 75.0], ["火星签证", 3, 0, 0.0], ["社保", 2, 0, 0.0]]
    assert "全部搜索 9 次，点击结果 3 次" in top.note
    assert get_report("zero_result_searches").build(autumn()).rows == [["火星签证", 3]]


def test_the_page_and_exports_obey_the_viewer_and_the_filters(client, content, leaders, labour):
    client.force_login(leaders["labour"])
    query = {"since": "2026-10-01", "until": "2026-11-30"}
    page = client.get(reverse("oversight:statistics"), query).content.decode()
    assert "<svg" in page and "明川市人力资源和社会保障局" in page and "明川市市场监督管理局" not in page
    response = client.get(reverse("oversight:export", args=["publishing_by_department", "csv"]), query)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows == [["部门", "办事指南", "通知公告", "政策文件", "合计"], ["明川市人力资源和社会保障局", "1", "0", "0", "1"]]
    xlsx = client.get(reverse("oversight:export", args=["publishing_by_month", "xlsx"]), query)
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [c.value for c in sheet[3]][:2] == ["月份", "办事指南"] and sheet["A4"].value == "2026-10"
    assert client.get(reverse("oversight:export", args=["nope", "csv"])).status_code == 404
    assert client.get(reverse("oversight:export", args=["expiring", "pdf"])).status_code == 400
    assert client.get(reverse("oversight:statistics"), {"since": "x"}).status_code == 400
    client.force_login(person("clerk2"))
    assert client.get(reverse("oversight:statistics")).status_code == 403


def test_exported_text_cannot_become_a_formula(db):
    from oversight.stats_views import _cell

    assert _cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")" and _cell(3) == 3


def test_reports_are_cached_for_repeated_views(client, content, leaders, settings, market):
    from django.core.cache import cache

    settings.OVERSIGHT_STATS_CACHE_SECONDS = 60
    cache.clear()
    client.force_login(leaders["market"])
    query = {"since": "2026-10-01", "until": "2026-11-30"}
    url = reverse("oversight:export", args=["publishing_by_department", "csv"])
    first = client.get(url, query).content
    NoticePage.objects.filter(department=market).update(published_at=at(2020, 1, 1))
    assert client.get(url, query).content == first
    cache.clear()
    assert client.get(url, query).content != first
