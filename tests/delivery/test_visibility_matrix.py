"""Nothing private leaks: for every endpoint and every filter, an anonymous client (and, since the
API ignores logins, a logged-in one too) never sees a draft, a newer draft revision of a live
item, an item in an internal (view-restricted) section, an expired notice or an unpublished item."""
import pytest

from tests.delivery.content import SECRET

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

LISTING_QUERIES = [
    "", "type=service_guide", "type=notice", "type=policy", "department=scjgj", "department=rsj",
    "topic=market-access", "published_after=2000-01-01", "published_before=2100-01-01",
    "status=有效", "status=废止", "audience=个人", "audience=法人", f"search={SECRET}",
    f"search={SECRET}内部通知", f"search={SECRET}已过期通知", "search=internal-notice", "ordering=published_at",
    "ordering=title", "ordering=-title", "ordering=-last_published_at", "fields=*", "page_size=100",
]
PAGE_QUERIES = ["", "ordering=title", "ordering=-last_published_at", "fields=title,fields",
                "model=cms.NoticePage", "model=cms.ServiceGuidePage", "model=cms.PolicyPage", "page_size=100"]


def assert_no_leak(response, content):
    text = response.content.decode()
    assert SECRET not in text, response.request["PATH_INFO"]
    if response.status_code == 200 and "items" in response.json():
        listed = {item["id"] for item in response.json()["items"]}
        assert not listed & {page.pk for page in content.hidden}


@pytest.fixture(params=["anonymous", "superuser"])
def reader(request, client, django_user_model):
    if request.param == "superuser":
        client.force_login(django_user_model.objects.create_superuser("boss", "b@example.cn", "pw"))
    return client


@pytest.mark.parametrize("query", LISTING_QUERIES)
def test_content_listing_never_shows_hidden_items(reader, content, query):
    response = reader.get(f"/api/v1/content/?{query}")
    assert response.status_code == 200
    assert_no_leak(response, content)


@pytest.mark.parametrize("query", PAGE_QUERIES)
def test_page_listing_never_shows_hidden_pages(reader, content, query):
    response = reader.get(f"/api/v1/pages/?{query}")
    assert response.status_code == 200
    assert_no_leak(response, content)


def test_hidden_items_are_404_on_every_detail_endpoint(reader, content):
    for page in content.hidden:
        for url in (f"/api/v1/content/{page.pk}/", f"/api/v1/pages/{page.pk}/"):
            response = reader.get(url)
            assert response.status_code == 404, url
            assert_no_leak(response, content)


def test_the_internal_section_cannot_be_listed_or_walked(reader, content):
    internal = next(p for p in content.hidden if p.slug == "internal-notice")
    folder = internal.get_parent()
    response = reader.get(f"/api/v1/pages/?child_of={folder.pk}")
    assert response.status_code == 400
    assert reader.get(f"/api/v1/pages/{folder.pk}/").status_code == 404


def test_preview_needs_a_token_for_every_hidden_item(reader, content):
    for page in content.hidden:
        assert reader.get(f"/api/v1/preview/{page.pk}/").status_code == 400
        response = reader.get(f"/api/v1/preview/{page.pk}/?token=guess")
        assert response.status_code == 403
        assert_no_leak(response, content)


def test_a_live_item_shows_its_published_revision_not_its_draft(reader, content):
    body = reader.get(f"/api/v1/content/{content.notice.pk}/").json()
    assert body["title"] == "社保年度基数调整通知"


def test_a_replacement_that_is_not_public_is_not_linked(client, content):
    content.repealed.replaced_by = content.hidden[2]  # the unpublished policy
    content.repealed.save_revision().publish()
    assert client.get(f"/api/v1/content/{content.repealed.pk}/").json()["replaced_by"] is None


def test_an_item_expires_from_the_api_at_its_expiry_time(client, content):
    from datetime import timedelta

    from django.utils import timezone

    assert content.notice.pk in [i["id"] for i in client.get("/api/v1/content/").json()["items"]]
    type(content.notice).objects.filter(pk=content.notice.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    from cms.delivery.caching import content_changed

    content_changed()  # what the cms app's expiry signal does through our handler
    assert content.notice.pk not in [i["id"] for i in client.get("/api/v1/content/").json()["items"]]
    assert client.get(f"/api/v1/content/{content.notice.pk}/").status_code == 404


def test_search_finds_chinese_inside_words_and_never_hidden_items(content):
    """The search rows of the matrix above go through the search service: it finds a public item
    by a word inside its title, and never an internal, draft or expired one, even before the
    API's own visibility filter."""
    from cms.delivery.api.searching import search_ids

    internal = next(p for p in content.hidden if p.slug == "internal-notice")
    assert internal.pk not in search_ids(f"{SECRET}内部通知", [type(internal)])
    assert content.guide.pk in search_ids("工商户", [type(content.guide)])
