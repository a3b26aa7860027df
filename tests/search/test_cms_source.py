"""The CMS page types become searchable through Wagtail's and the CMS's signals (both engines):
publish, unpublish, delete, view restrictions, repeal, and import."""
from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from cms.models import NoticePage, PolicyPage, ServiceGuidePage
from search import engine
from search.models import SearchEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish(make_page, market, django_capture_on_commit_callbacks):  # noqa: F811
    """Publish like an editor: the outbox drain runs after the commit, as in production."""

    def run(model, **fields):
        with django_capture_on_commit_callbacks(execute=True):
            page = make_page(model, market, **fields)
        if engine.is_configured():
            engine.drain_outbox(refresh=True)
        return page

    return run


def found(client, q, **params):
    return [item["slug"] for item in client.get("/api/search/", {"q": q, **params}).json()["results"]]


def test_a_published_service_guide_is_found_by_its_materials_and_faqs(client, backend, publish):
    publish(ServiceGuidePage, title="食品经营许可", slug="food-licence", summary="经营食品需要许可。",
            legal_basis="《食品安全法》第三十五条",
            materials=[("material", {"name": "营业执照复印件", "form": "复印件", "copies": 1, "required": True, "note": ""})],
            faqs=[("faq", {"question": "可以网上办理吗", "answer": "可以在一网通办平台办理"})])
    entry = SearchEntry.objects.get(slug="food-licence")
    assert entry.type == "service_guide" and entry.department == "明川市市场监督管理局"
    assert "food-licence" in found(client, "营业执照复印件")
    assert "food-licence" in found(client, "一网通办")
    assert "food-licence" in found(client, "食品安全法")


def test_unpublishing_and_deleting_remove_the_item(client, backend, publish, django_capture_on_commit_callbacks):
    page = publish(NoticePage, title="停电检修通知", slug="power-cut")
    assert "power-cut" in found(client, "停电检修")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    engine.drain_outbox(refresh=True)
    assert "power-cut" not in found(client, "停电检修")
    other = publish(NoticePage, title="停水检修通知", slug="water-cut")
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    engine.drain_outbox(refresh=True)
    assert "water-cut" not in found(client, "停水检修") and not SearchEntry.objects.filter(slug="water-cut").exists()


def test_a_group_view_restriction_hides_the_item_from_everyone_else(client, backend, publish, django_user_model,
                                                                    django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    from cms.demo import restrict_to_groups

    page = publish(NoticePage, title="内部值班安排", slug="duty-roster")
    assert "duty-roster" in found(client, "值班安排")
    with django_capture_on_commit_callbacks(execute=True):
        restrict_to_groups(page, ["值班人员"])
    engine.drain_outbox(refresh=True)
    assert "duty-roster" not in found(client, "值班安排")
    member = django_user_model.objects.create_user("duty", password="x")
    member.groups.add(Group.objects.get(name="值班人员"))
    client.force_login(member)
    assert "duty-roster" in found(client, "值班安排")


def test_a_repealed_policy_ranks_below_a_valid_one(client, backend, publish):
    publish(PolicyPage, title="个体工商户登记管理办法", slug="old-rules", status="废止", doc_number="明市监〔2018〕1号")
    publish(PolicyPage, title="个体工商户登记管理办法（修订）", slug="new-rules", status="有效",
            doc_number="明市监〔2024〕7号")
    assert SearchEntry.objects.get(slug="old-rules").validity == "invalid"
    assert found(client, "个体工商户登记管理办法")[:2] == ["new-rules", "old-rules"]
    assert found(client, "明市监2018 1号")[0] == "old-rules"


def test_imported_items_are_searchable_when_import_content_returns(client, backend, site, tmp_path):  # noqa: F811
    record = {"type": "notice", "slug": "imported-notice", "title": "导入的防汛通知", "department": "明川市应急管理局",
              "published_at": "2024-06-01T09:00:00+08:00", "summary": "防汛应急响应。"}
    path = tmp_path / "items.jsonl"
    path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    call_command("import_content", str(path), "--publish")
    assert "imported-notice" in found(client, "防汛通知")  # no drain, no refresh in between


def test_the_demo_loader_fills_an_empty_search_index(client, backend, site):  # noqa: F811
    from cms.demo import load_cms_demo
    from search.demo import index_demo_content

    load_cms_demo()
    SearchEntry.objects.all().delete()
    lines = index_demo_content()
    assert lines and SearchEntry.objects.filter(type="service_guide").exists()
    assert "yingye-zhizhao-yishi-bulin" in found(client, "营业执照")
    assert index_demo_content() is None  # idempotent: nothing to do the second time
