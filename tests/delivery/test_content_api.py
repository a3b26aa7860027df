"""The typed content API: every type with its structured fields, filters, stable ordering and
pagination, field selection, taxonomies, documents, and 400 for bad parameters."""
import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def ids(response):
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_the_listing_shows_public_items_newest_first(client, content):
    body = client.get("/api/v1/content/").json()
    assert body["count"] == 4
    assert [i["id"] for i in body["items"]] == [content.notice.pk, content.guide.pk, content.policy.pk, content.repealed.pk]
    first = body["items"][0]
    assert first["type"] == "notice" and first["title"] == "社保年度基数调整通知"
    assert set(first) == {"id", "type", "meta", "slug", "title", "summary", "department", "topics", "audience",
                          "published_at", "expires_at"}


def test_a_service_guide_has_every_structured_field(client, content):
    body = client.get(f"/api/v1/content/{content.guide.pk}/").json()
    assert body["type"] == "service_guide"
    assert body["materials"] == [{"name": "身份证", "form": "原件", "copies": 1, "required": True, "note": ""}]
    assert body["procedure"] == [{"name": "申请", "description": "网上提交"}]
    assert body["locations"][0]["address"] == "明川路1号"
    assert body["faqs"] == [{"question": "要钱吗？", "answer": "不收费"}]
    assert body["statutory_time_limit_days"] == 20 and body["promised_time_limit_days"] == 3
    assert body["department"]["slug"] == "scjgj" and body["topics"][0]["slug"] == "market-access"
    assert body["audience"] == ["个人"]
    attachment = body["attachments"][0]
    assert attachment["title"] == "申请表" and attachment["document"]["url"].endswith(".pdf")
    assert body["meta"]["html_url"].endswith("/getihu/")
    assert body["meta"]["api_url"].endswith(f"/api/v1/content/{content.guide.pk}/")


def test_notices_and_policies_have_their_fields(client, content):
    notice = client.get(f"/api/v1/content/{content.notice.pk}/").json()
    assert notice["priority"] == "urgent" and notice["expires_at"]
    repealed = client.get(f"/api/v1/content/{content.repealed.pk}/").json()
    assert repealed["status"] == "废止"
    assert repealed["replaced_by"]["id"] == content.policy.pk
    policy = client.get(f"/api/v1/content/{content.policy.pk}/").json()
    assert policy["doc_number"] == "明市监规〔2024〕3号" and policy["replaced_by"] is None


@pytest.mark.parametrize("query, expected", [
    ("type=notice", ["notice"]),
    ("type=policy", ["policy", "repealed"]),
    ("department=rsj", ["notice"]),
    ("topic=market-access", ["guide", "policy"]),
    ("status=废止", ["repealed"]),
    ("audience=法人", ["notice", "policy"]),
    ("audience=个人", ["notice", "guide"]),
    ("search=11440100MB2C123", ["guide"]),
    ("search=个体工商户设立登记", ["guide"]),
    ("ordering=published_at", ["repealed", "policy", "guide", "notice"]),
])
def test_filters(client, content, query, expected):
    assert ids(client.get(f"/api/v1/content/?{query}")) == [getattr(content, name).pk for name in expected]


def test_date_range(client, content):
    day = content.guide.published_at.date()
    assert ids(client.get(f"/api/v1/content/?published_after={day}&published_before={day}")) == [content.guide.pk]


def test_pages_are_stable_and_complete(client, content):
    seen = []
    for page in (1, 2, 3):
        seen += ids(client.get(f"/api/v1/content/?page_size=2&page={page}&ordering=title"))
    assert len(seen) == 4 and len(set(seen)) == 4


def test_field_selection(client, content):
    body = client.get(f"/api/v1/content/{content.guide.pk}/?fields=title,materials").json()
    assert set(body) == {"id", "type", "meta", "title", "materials"}
    listing = client.get("/api/v1/content/?type=notice&fields=priority").json()["items"][0]
    assert set(listing) == {"id", "type", "meta", "priority"}


@pytest.mark.parametrize("query", [
    "page=0", "page_size=1000", "type=nope", "status=maybe", "audience=everyone", "published_after=yesterday",
    "published_after=2024-05-01&published_before=2024-01-01", "fields=title,password", "department=no-such",
    "topic=no-such", "ordering=random", "page=abc",
])
def test_bad_parameters_are_400_with_a_json_body(client, content, query):
    response = client.get(f"/api/v1/content/?{query}")
    assert response.status_code == 400, (query, response.content)
    assert response.json()["error"] == "invalid_parameter" and response.json()["message"]


def test_taxonomies(client, content):
    departments = client.get("/api/v1/departments/").json()
    assert {"scjgj", "rsj"} <= {d["slug"] for d in departments["items"]}
    assert client.get("/api/v1/departments/scjgj/").json()["name"] == "明川市市场监督管理局"
    assert client.get("/api/v1/topics/market-access/").json()["name"] == "市场准入"
    assert client.get("/api/v1/topics/none/").status_code == 404


def test_documents_and_images(client, content):
    document_id = client.get(f"/api/v1/content/{content.guide.pk}/").json()["attachments"][0]["document"]["id"]
    document = client.get(f"/api/v1/documents/{document_id}/").json()
    assert document["title"] == "申请表" and document["file_extension"] == "pdf"


def test_images_are_served_as_renditions(client, api_settings):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = BytesIO()
    PILImage.new("RGB", (1200, 900), "red").save(buffer, "PNG")
    image = get_image_model().objects.create(title="封面", file=ImageFile(buffer, name="cover.png"))
    body = client.get(f"/api/v1/images/{image.pk}/").json()
    assert body["width"] == 1200
    assert body["renditions"]["thumbnail"]["width"] == 320
    assert body["renditions"]["medium"]["width"] == 800
    assert "original_images" not in str(body)


def test_index_pages_are_served_generically(client, content):
    home = content.guide.get_parent().get_parent().get_parent()
    body = client.get(f"/api/v1/pages/{home.pk}/").json()
    assert body["model"] == "cms.HomePage" and "intro" in body["fields"]
    children = client.get(f"/api/v1/pages/?child_of={home.pk}").json()
    assert {item["model"] for item in children["items"]} == {
        "cms.ServiceGuideIndexPage", "cms.NoticeIndexPage", "cms.PolicyIndexPage"}
    typed = client.get(f"/api/v1/pages/{content.guide.pk}/").json()
    assert typed["type"] == "service_guide" and typed["fields"]["materials"][0]["name"] == "身份证"


def test_every_demo_item_is_served_with_all_its_fields(client, site, api_settings):
    """The demo content is what editors and imports really produce (empty optional parts and
    all): every public item, of every type, comes out whole and valid against its schema."""
    from cms.demo import load_cms_demo

    load_cms_demo()
    listing = client.get("/api/v1/content/?fields=*&page_size=100")
    assert listing.status_code == 200, listing.content
    items = listing.json()["items"]
    assert {item["type"] for item in items} == {"service_guide", "notice", "policy"}
    for item in items:
        detail = client.get(f"/api/v1/content/{item['id']}/")
        assert detail.status_code == 200, (item["id"], detail.content)
        assert detail.json() == item
