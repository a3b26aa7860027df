"""What editors manage (synonyms, promoted results) and read (analytics), on both engines."""
from __future__ import annotations

import pytest

from search import analytics
from search.models import ClickLog, PromotedResult, QueryLog, Synonym

pytestmark = pytest.mark.django_db


def slugs(client, **params):
    return [i["slug"] for i in client.get("/api/search/", params).json()["results"]]


def test_equivalent_synonyms_apply_both_ways_without_reindexing(client, indexed):
    from search.synonyms import expand

    assert "t-4" not in slugs(client, q="开公司")
    Synonym.objects.create(terms="开公司, 市场主体登记")
    assert "t-4" in slugs(client, q="开公司")
    assert "开公司" in expand("市场主体登记")  # beside the default lexicon's 工商登记


def test_one_way_synonyms_expand_only_forwards(client, indexed):
    Synonym.objects.create(terms="五险一金", expands_to="社会保险, 住房公积金")
    assert "t-11" in slugs(client, q="五险一金")
    Synonym.objects.create(terms="停用词", expands_to="社会保险", enabled=False)
    assert "t-11" not in slugs(client, q="停用词")


def test_promoted_results_come_first_on_page_one_only(client, indexed):
    from wagtail.models import Page

    root = Page.get_first_root_node()
    target = root.add_child(instance=Page(title="置顶", slug="pinned-page"))
    from search.documents import SearchDocument
    from tests.search.conftest import index_documents

    index_documents([SearchDocument(key=f"page:{target.pk}", type="notice", slug="pinned", title="开办企业一网通办",
                                    url="https://gov.example/pinned/", summary="一网通办入口")])
    PromotedResult.objects.create(query="  营业执照 ", page=target)
    body = client.get("/api/search/", {"q": "营业执照"}).json()
    assert body["results"][0]["slug"] == "pinned" and body["results"][0]["promoted"] is True
    assert [i["slug"] for i in body["results"]].count("pinned") == 1
    assert "pinned" not in slugs(client, q="营业执照", page=2)


def test_promoted_results_respect_permissions(client, indexed):
    from wagtail.models import Page

    from search.documents import SearchDocument, group_token
    from tests.search.conftest import index_documents

    root = Page.get_first_root_node()
    target = root.add_child(instance=Page(title="内部", slug="internal-pin"))
    index_documents([SearchDocument(key=f"page:{target.pk}", type="notice", slug="internal-pin", title="内部置顶",
                                    url="https://gov.example/x/", access=[group_token("财政科员")])])
    PromotedResult.objects.create(query="营业执照", page=target)
    assert "internal-pin" not in slugs(client, q="营业执照")


def test_queries_and_zero_results_are_logged_and_clicks_recorded(client, indexed):
    client.get("/api/search/", {"q": "营业执照"})
    client.get("/api/search/", {"q": "营业执照", "page": 2})  # paging is not a new query
    client.get("/api/search/", {"q": "火星移民"})
    client.get("/api/search/suggest/", {"q": "营业"})  # type-ahead is not logged
    analytics.flush()
    assert list(QueryLog.objects.order_by("id").values_list("query", flat=True)) == ["营业执照", "火星移民"]
    assert QueryLog.objects.get(query="火星移民").results == 0
    response = client.post("/api/search/click/", {"q": "营业执照", "url": "https://gov.example/t/1/", "position": 1},
                           content_type="application/json")
    assert response.status_code == 201
    analytics.flush()
    assert ClickLog.objects.get().position == 1
    bad = client.post("/api/search/click/", {"q": "", "position": "-1"}, content_type="application/json")
    assert bad.status_code == 400 and {"q", "url", "position"} <= set(bad.json()["detail"])


def test_the_admin_report_lists_top_and_zero_result_queries(client, indexed, admin_user, outsider):
    for address, q in (("10.1.0.1", "营业执照"), ("10.1.0.2", "营业执照"), ("10.1.0.1", "火星移民")):
        client.get("/api/search/", {"q": q}, REMOTE_ADDR=address)
    ClickLog.objects.create(query="营业执照", url="https://gov.example/t/1/")
    client.force_login(outsider)
    assert client.get("/admin/search/report/").status_code in (302, 403)
    client.force_login(admin_user)
    response = client.get("/admin/search/report/")
    assert response.status_code == 200
    html = response.content.decode()
    top = html.split('id="top-queries"')[1].split("</table>")[0]
    zero = html.split('id="zero-result-queries"')[1].split("</table>")[0]
    assert "营业执照" in top and "50%" in top
    assert "火星移民" in zero and "营业执照" not in zero


def test_editors_manage_synonyms_in_the_admin(client, backend, admin_user):
    client.force_login(admin_user)
    response = client.post("/admin/snippets/search/synonym/add/",
                           {"terms": "网约车, 网络预约出租汽车", "expands_to": "", "enabled": "on"})
    assert response.status_code == 302, response.content[:2000]
    assert Synonym.objects.get(terms__startswith="网约车").terms == "网约车, 网络预约出租汽车"
