"""Search analytics cannot be faked by one client and cost the search no database write
(issue #13, item 13): de-duplicated and rate-limited per client, written in bulk batches."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search import analytics
from search.models import ClickLog, QueryLog
from tests.search.conftest import index_documents
from tests.search.corpus import corpus

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def searchable(settings, db):
    settings.ELASTICSEARCH_URL = ""  # the database answers: these tests are about the analytics
    index_documents(corpus())
    return settings


def search(client, q, address="10.2.0.1", **params):
    response = client.get("/api/search/", {"q": q, **params}, REMOTE_ADDR=address)
    assert response.status_code == 200
    return response.json()


def click(client, q, url, address="10.2.0.1", position=1):
    response = client.post("/api/search/click/", {"q": q, "url": url, "position": position},
                           content_type="application/json", REMOTE_ADDR=address)
    assert response.status_code == 201
    return response


def inserts(context) -> list[str]:
    return [q["sql"] for q in context.captured_queries if q["sql"].lstrip().upper().startswith("INSERT")]


def test_one_client_repeating_a_query_counts_once(client, searchable):
    for _ in range(25):
        search(client, "营业执照")
    search(client, "营业执照", address="10.2.0.2")  # another client does count
    analytics.flush()
    assert QueryLog.objects.filter(query="营业执照").count() == 2


def test_one_client_cannot_push_unlimited_distinct_queries(client, searchable):
    searchable.SEARCH_ANALYTICS_PER_CLIENT = 5
    for n in range(40):
        search(client, f"刷榜词{n}")
    search(client, "营业执照", address="10.2.0.9")  # other clients are not limited by it
    analytics.flush()
    assert QueryLog.objects.filter(query__startswith="刷榜词").count() == 5
    assert QueryLog.objects.filter(query="营业执照").count() == 1


def test_repeated_clicks_on_one_result_count_once(client, searchable):
    for _ in range(30):
        click(client, "营业执照", "https://gov.example/t/1/")
    click(client, "营业执照", "https://gov.example/t/2/")
    click(client, "营业执照", "https://gov.example/t/1/", address="10.2.0.3")
    analytics.flush()
    assert ClickLog.objects.filter(url="https://gov.example/t/1/").count() == 2
    assert ClickLog.objects.filter(url="https://gov.example/t/2/").count() == 1


def test_a_search_writes_nothing_until_a_batch_is_full_then_one_bulk_insert(client, searchable):
    searchable.SEARCH_ANALYTICS_BATCH = 5
    with CaptureQueriesContext(connection) as first_four:
        for n in range(4):
            search(client, "营业执照", address=f"10.3.0.{n}")
    assert inserts(first_four) == []
    assert QueryLog.objects.count() == 0 and analytics.BUFFER.pending() == 4
    with CaptureQueriesContext(connection) as fifth:
        search(client, "营业执照", address="10.3.0.9")
    assert len(inserts(fifth)) == 1  # five rows, one statement
    assert QueryLog.objects.filter(query="营业执照").count() == 5 and analytics.BUFFER.pending() == 0


def test_an_old_buffer_is_written_by_the_next_event(client, searchable):
    searchable.SEARCH_ANALYTICS_FLUSH_SECONDS = 1
    search(client, "营业执照")
    assert QueryLog.objects.count() == 0
    analytics.BUFFER._oldest -= 5  # as if the first event had waited five seconds
    search(client, "社保卡")
    assert set(QueryLog.objects.values_list("query", flat=True)) == {"营业执照", "社保卡"}


def test_the_admin_report_includes_buffered_rows(client, searchable, admin_user):
    search(client, "营业执照")
    client.force_login(admin_user)
    html = client.get("/admin/search/report/").content.decode()
    assert "营业执照" in html.split('id="top-queries"')[1].split("</table>")[0]


def test_paging_and_type_ahead_are_not_counted(client, searchable):
    search(client, "营业执照", page=2)
    client.get("/api/search/suggest/", {"q": "营业"})
    analytics.flush()
    assert QueryLog.objects.count() == 0
