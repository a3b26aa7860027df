"""The search API of shared/contracts §2, against both engines."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def get(client, **params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def slugs(body):
    return [item["slug"] for item in body["results"]]


def test_it_answers_in_the_contract_shape(client, indexed):
    body = get(client, q="营业执照")
    assert set(body) >= {"query", "total", "page", "page_size", "backend", "results", "facets", "suggestions"}
    assert body["backend"] == ("database" if indexed == "database" else "elasticsearch")  # the contract names the role, not the product
    assert body["query"] == "营业执照" and body["page"] == 1 and body["page_size"] == 10
    item = body["results"][0]
    assert set(item) >= {"type", "slug", "title", "url", "snippet", "department", "topics", "published_at", "score"}
    assert item["published_at"].endswith("+08:00")
    assert set(body["facets"]) == {"type", "department", "topic", "year"}


def test_it_finds_a_word_inside_longer_words(client, indexed):
    assert "t-1" in slugs(get(client, q="营业执照"))  # 营业执照遗失补领
    found = slugs(get(client, q="个体工商户"))
    assert {"t-2", "t-3"} <= set(found)  # in 个体工商户营业执照办理 and inside body text


def test_title_matches_rank_above_body_matches(client, indexed):
    found = slugs(get(client, q="个体工商户"))
    assert found.index("t-2") < found.index("t-3")


def test_it_matches_a_document_number_with_or_without_brackets(client, indexed):
    for q in ("穗工商〔2024〕12号", "穗工商2024 12号", "穗工商202412号", "穗工商[2024]12号"):
        assert slugs(get(client, q=q))[0] == "t-4", q


def test_valid_policies_rank_above_repealed_ones(client, indexed):
    found = slugs(get(client, q="市场主体登记", type="policy"))
    assert found.index("t-4") < found.index("t-5")


def test_expired_notices_never_appear(client, indexed):
    assert "t-6" not in slugs(get(client, q="停水"))
    body = get(client, q="", type="notice")
    assert "t-6" not in slugs(body)
    assert "停水通知" not in client.get("/api/search/suggest/", {"q": "停水"}).json()["suggestions"]


def test_it_highlights_with_mark_and_escapes_html(client, indexed):
    item = next(i for i in get(client, q="营业执照")["results"] if i["slug"] == "t-1")
    assert "<mark>" in item["snippet"] and "营业执照" in item["snippet"].replace("<mark>", "").replace("</mark>", "")
    assert "<mark>" in item["title_html"]


def test_facets_count_and_filters_narrow(client, indexed):
    body = get(client, q="营业执照")
    types = {f["value"]: f["count"] for f in body["facets"]["type"]}
    assert types["service_guide"] >= 2
    years = [f["value"] for f in body["facets"]["year"]]
    assert years == sorted(years, reverse=True)
    narrowed = get(client, q="营业执照", type="notice")
    assert narrowed["total"] < body["total"] and all(i["type"] == "notice" for i in narrowed["results"])
    assert all(i["department"] == "市农业农村局" for i in get(client, q="个体工商户", department="市农业农村局")["results"])
    assert slugs(get(client, q="营业执照", topic="企业开办")) and all(
        "企业开办" in i["topics"] for i in get(client, q="营业执照", topic="企业开办")["results"])
    assert all(i["published_at"].startswith("2023") for i in get(client, q="个体工商户", year=2023)["results"])


def test_sort_newest_and_pagination(client, indexed):
    newest = get(client, q="", sort="newest", page_size=3)
    dates = [i["published_at"] for i in newest["results"]]
    assert dates == sorted(dates, reverse=True)
    second = get(client, q="", sort="newest", page_size=3, page=2)
    assert second["total"] == newest["total"] and not set(slugs(second)) & set(slugs(newest))


@pytest.mark.parametrize("params", [
    {"page": "0"}, {"page": "x"}, {"page_size": "500"}, {"page_size": "0"}, {"type": "unknown"},
    {"sort": "oldest"}, {"year": "20x4"}, {"q": "长" * 201},
])
def test_bad_parameters_are_a_json_400(client, backend, params):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_parameters" and set(params) <= set(body["detail"])


def test_suggest_returns_titles_for_a_prefix(client, indexed):
    body = client.get("/api/search/suggest/", {"q": "营业"}).json()
    assert "营业执照遗失补领" in body["suggestions"]
    assert client.get("/api/search/suggest/", {"q": ""}).json()["suggestions"] == []


def test_zero_results_is_an_empty_list(client, indexed):
    body = get(client, q="火星移民")
    assert body["total"] == 0 and body["results"] == []
