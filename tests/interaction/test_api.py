"""The headless API of contract §6: submit, track (same 404 for unknown number and wrong code),
published answers without personal data, ratings."""
from __future__ import annotations

import pytest

from interaction.models import Interaction, ServiceRating
from interaction.workflow import perform

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def post(client, url, body):
    return client.post(url, body, content_type="application/json")


def test_it_submits_and_returns_number_code_and_deadline(client, market, valid_data):
    response = post(client, "/api/v1/interactions/", {**valid_data, "department": "scjgj"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"tracking_number", "query_code", "deadline"}
    item = Interaction.objects.get(tracking_number=body["tracking_number"])
    assert item.department == market and item.status == "new" and item.time_limit_days == 5
    assert body["query_code"] not in item.query_code_hash          # only an HMAC is stored
    assert body["deadline"] == item.deadline.astimezone().date().isoformat() or body["deadline"]
    assert response["Cache-Control"] == "no-store"


def test_dont_know_goes_to_the_dispatch_office(client, market, office, valid_data):
    response = post(client, "/api/v1/interactions/", {**valid_data, "department": ""})
    assert response.status_code == 201
    assert Interaction.objects.get().department == office


@pytest.mark.parametrize("field,value", [
    ("subject", ""), ("subject", "标" * 101), ("content", "短"), ("content", "长" * 2001), ("name", ""),
    ("phone", "12"), ("phone", "<script>"), ("email", "not-an-email"), ("privacy_consent", False),
    ("department", "no-such-department"), ("kind", "rectification"), ("kind", "anything"),
])
def test_a_bad_field_is_a_400_naming_it_and_nothing_is_stored(client, market, valid_data, field, value):
    response = post(client, "/api/v1/interactions/", {**valid_data, "department": "scjgj", field: value})
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["error"] == "invalid_parameter"
    assert any(field in detail["loc"] for detail in body["details"]), body
    assert not Interaction.objects.exists()


def test_malformed_json_is_a_400(client):
    response = client.post("/api/v1/interactions/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert not Interaction.objects.exists()


def test_tracking_needs_the_right_code_and_never_tells_which_part_was_wrong(client, make_item):
    item, code = make_item()
    ok = client.get(f"/api/v1/interactions/{item.tracking_number}/", {"code": code.lower()})
    assert ok.status_code == 200
    assert ok.json()["status"] == "new" and ok.json()["answer"] is None
    assert ok["Cache-Control"] == "no-store"
    wrong_code = client.get(f"/api/v1/interactions/{item.tracking_number}/", {"code": "WRONGCOD"})
    unknown = client.get("/api/v1/interactions/202601010001123/", {"code": code})
    assert wrong_code.status_code == unknown.status_code == 404
    assert wrong_code.json() == unknown.json()


def test_published_answers_carry_no_personal_data(client, make_item, market_signer):
    item, _ = make_item(content="我叫张三，电话13812345678，身份证330102199001011234，邮箱zs@example.com，想问营业执照。")
    answer_and_publish(item, market_signer, "张三您好：请携带身份证到政务服务中心办理。")
    hidden, _ = make_item(publish_consent=False)
    answer_and_publish(hidden, market_signer, "不公开的答复")
    response = client.get("/api/v1/interactions/published/", {"department": "scjgj"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    text = response.content.decode()
    for secret in ("13812345678", "330102199001011234", "zs@example.com", "张三", "zhangsan@example.com"):
        assert secret not in text
    assert "请携带身份证" in body["items"][0]["answer"]
    assert client.get("/api/v1/interactions/published/", {"page": 0}).status_code == 400


def answer_and_publish(item, signer, text):
    from interaction.status import Status

    Interaction.objects.filter(pk=item.pk).update(status=Status.IN_PROGRESS, answer_draft=text)
    item.refresh_from_db()
    perform(item, "submitted_for_signoff", signer, {})
    perform(item, "answered", signer, {"answer": text, "publish": True})


def test_a_rating_is_stored_once_per_visitor_per_day_and_a_bad_one_opens_a_follow_up(client, market, make_page):
    from cms.models import ServiceGuidePage

    guide = make_page(ServiceGuidePage, market, title="个体工商户设立登记")
    body = {"page_id": guide.pk, "grade": 1, "reasons": ["slow", "attitude"], "comment": "等了两个小时"}
    first = post(client, "/api/v1/ratings/", body)
    assert first.status_code == 201, first.content
    assert first.json() == {"page_id": guide.pk, "grade": 1, "follow_up": True}
    again = post(client, "/api/v1/ratings/", {**body, "grade": 5})
    assert again.status_code == 409
    assert ServiceRating.objects.count() == 1
    follow_up = Interaction.objects.get(kind="rectification")
    assert follow_up.department == market and follow_up.source_rating == ServiceRating.objects.get()
    assert "办理时间长" in follow_up.content and "等了两个小时" in follow_up.content
    # another visitor (address) may rate the same guide
    other = client.post("/api/v1/ratings/", {**body, "grade": 4}, content_type="application/json",
                        REMOTE_ADDR="203.0.113.9")
    assert other.status_code == 201 and other.json()["follow_up"] is False


@pytest.mark.parametrize("body", [
    {"grade": 0}, {"grade": 6}, {"reasons": ["nonsense"]}, {"comment": "长" * 501}, {"page_id": 999999},
])
def test_bad_ratings_are_400(client, market, make_page, body):
    from cms.models import ServiceGuidePage

    guide = make_page(ServiceGuidePage, market)
    response = post(client, "/api/v1/ratings/", {"page_id": guide.pk, "grade": 3, **body})
    assert response.status_code == 400, response.content
    assert not ServiceRating.objects.exists()


def test_submissions_are_rate_limited_per_address(client, market, valid_data, settings):
    settings.INTERACTION_RATE_LIMITS = {**settings.INTERACTION_RATE_LIMITS, "submit": "2/3600"}
    codes = [post(client, "/api/v1/interactions/", {**valid_data, "department": "scjgj"}).status_code
             for _ in range(3)]
    assert codes == [201, 201, 429]
    assert Interaction.objects.count() == 2
    other = client.post("/api/v1/interactions/", {**valid_data, "department": "scjgj"},
                        content_type="application/json", REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 201


def test_the_openapi_description_names_the_interaction_endpoints(client):
    paths = set(client.get("/api/openapi.json").json()["paths"])
    assert {"/api/v1/interactions/", "/api/v1/interactions/{tracking_number}/", "/api/v1/interactions/published/",
            "/api/v1/ratings/"} <= paths
