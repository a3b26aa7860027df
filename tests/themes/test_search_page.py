"""The public search page answers from the search service itself (no request to its own API)."""
from __future__ import annotations

import pytest

from tests.search.conftest import index_documents
from tests.search.corpus import corpus

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def searchable(settings, two_sites):
    settings.ELASTICSEARCH_URL = ""
    settings.SEARCH_LOG_QUERIES = True
    index_documents(corpus())
    return two_sites


def test_search_page_lists_the_services_results_with_highlights(client, searchable):
    from search.models import QueryLog

    response = client.get("/search/", {"q": "营业执照遗失"}, HTTP_HOST="127.0.0.1")
    page = response.content.decode()
    assert response.status_code == 200
    assert "<mark>营业执照</mark>" in page and "营业执照遗失补领" in page
    assert "财政内部预算编制口径" not in page  # internal items stay hidden from anonymous visitors
    from search import analytics

    analytics.flush()  # analytics are buffered (search.analytics)
    assert QueryLog.objects.filter(query="营业执照遗失").count() == 1  # logged once, as by the API


def test_search_page_shows_internal_items_to_the_users_the_api_shows_them_to(client, searchable, django_user_model):
    from django.contrib.auth.models import Group

    officer = django_user_model.objects.create_user("finance", password="x")
    officer.groups.add(Group.objects.create(name="财政科员"))
    client.force_login(officer)
    page = client.get("/search/", {"q": "内部预算"}, HTTP_HOST="127.0.0.1").content.decode()
    assert "财政内部预算编制口径" in page


def test_bad_parameters_are_a_400_with_a_reason(client, searchable):
    response = client.get("/search/", {"q": "营业执照", "page": "0"}, HTTP_HOST="127.0.0.1")
    assert response.status_code == 400
    assert "搜索条件有误" in response.content.decode()


def test_a_failing_search_service_gives_a_503_page_not_a_500(client, searchable, monkeypatch):
    from search import service

    def broken(params, user):
        raise RuntimeError("index corrupted")

    monkeypatch.setattr(service, "search", broken)
    response = client.get("/search/", {"q": "营业执照"}, HTTP_HOST="127.0.0.1")
    assert response.status_code == 503
    assert "搜索服务暂时不可用" in response.content.decode()
