"""The admin's page search and page chooser understand Chinese: they go through the project's
search service (engine or database fallback), so 公积金 finds every page about it, drafts by title
included; other admin searches keep Wagtail's database backend."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from cms.models import NoticePage, PolicyPage, ServiceGuidePage
from search import engine

pytestmark = pytest.mark.django_db


@pytest.fixture
def fund_pages(backend, make_page, market, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        pages = {
            "guide": make_page(ServiceGuidePage, market, title="住房公积金提取", slug="fund-withdrawal", summary="办理提取。"),
            "notice": make_page(NoticePage, market, title="关于调整缴存基数的通知", slug="fund-base",
                                summary="2026年度住房公积金缴存基数调整。"),
            "policy": make_page(PolicyPage, market, title="明川市公积金管理办法", slug="fund-rules"),
            "draft": make_page(NoticePage, market, title="公积金贷款利率草稿", slug="fund-draft", live=False),
            "other": make_page(NoticePage, market, title="停水检修通知", slug="water"),
        }
    if engine.is_configured():
        engine.drain_outbox(refresh=True)
    return pages


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("root", "root@example.gov.cn", "pw-for-tests-123")
    client.force_login(user)
    return client


def titles_in(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def test_admin_page_search_finds_every_page_about_a_chinese_word(admin_client, fund_pages):
    body = titles_in(admin_client.get("/admin/pages/search/", {"q": "公积金"}))
    for key in ("guide", "notice", "policy", "draft"):  # the notice only in its summary, the draft by title
        assert fund_pages[key].title in body, key
    assert "停水检修通知" not in body


def test_the_page_chooser_searches_in_chinese_too(admin_client, fund_pages):
    body = titles_in(admin_client.get("/admin/choose-page/search/", {"q": "公积金"}))
    assert "住房公积金提取" in body and "明川市公积金管理办法" in body and "停水检修通知" not in body


def test_the_explorer_search_within_a_section(admin_client, fund_pages):
    parent = fund_pages["guide"].get_parent()
    body = titles_in(admin_client.get(f"/admin/pages/{parent.pk}/", {"q": "公积金"}))
    assert "住房公积金提取" in body


def test_latin_queries_and_other_models_keep_wagtails_backend(admin_client, fund_pages):
    from wagtail.search.backends import get_search_backend

    from search.wagtail_backend import ChineseAwareSearchBackend, query_text

    backend = get_search_backend()
    assert isinstance(backend, ChineseAwareSearchBackend)
    assert list(backend.search("water", get_user_model())) == []  # delegated, not rewritten
    from modelsearch.query import And, PlainText

    assert query_text(And([PlainText("住房"), PlainText("公积金")])) == "住房 公积金"
