"""#13 item 7: one visibility rule (cms.visibility) behind every output, tested as a matrix of
readers (anonymous, the department's editor, an internal official, a superuser) against every
output: the page's own URL, index pages, RSS/Atom, the sitemap, the content API, the portal's CMS
widgets and the search API. Hidden titles all contain 机密 (tests/delivery/content.py)."""
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.models import NoticePage
from cms.visibility import ANONYMOUS, Reader, is_visible, public_pages, reader_for, visible_pages
from portal.registry import FetchContext
from tests.delivery.content import SECRET

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

PUBLIC_OUTPUTS = ["/notices/", "/services/", "/policies/", "/feeds/notices/rss/", "/feeds/notices/atom/",
                  "/feeds/policies/rss/", "/sitemap.xml", "/api/v1/content/?page_size=100",
                  "/api/v1/pages/?page_size=100"]
SEARCHES = [f"/api/search/?q={SECRET}", "/api/search/?q=通知", "/api/search/?q=内部通知"]


@pytest.fixture
def world(content, make_page, market, labour):
    """The delivery test content plus a password-protected notice and an internal official."""
    protected = make_page(NoticePage, market, title=f"{SECRET}密码保护通知", slug="protected-notice")
    PageViewRestriction.objects.create(page=protected, restriction_type=PageViewRestriction.PASSWORD,
                                       password="letmein")
    internal = NoticePage.objects.get(slug="internal-notice")  # moved into an internal folder: fresh URL
    official = User.objects.create_user("insider", "i@example.test", "x")
    official.groups.add(Group.objects.get(name="内部人员"))
    editor = User.objects.create_user("editor", "e@example.test", "x")
    boss = User.objects.create_superuser("boss", "b@example.test", "x")
    return {"content": content, "protected": protected, "internal": internal,
            "readers": {"anonymous": None, "editor": editor, "insider": official, "superuser": boss}}


@pytest.mark.parametrize("persona", ["anonymous", "editor", "insider", "superuser"])
def test_public_outputs_never_show_hidden_items(client, world, persona):
    """Feeds, sitemap, index pages and the content API are public outputs (cached, syndicated):
    they show what an anonymous reader may see, whoever asks."""
    user = world["readers"][persona]
    if user is not None:
        client.force_login(user)
    for path in PUBLIC_OUTPUTS:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        assert SECRET not in response.content.decode(), (persona, path)
    for path in SEARCHES:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        titles = " ".join(hit["title"] for hit in response.json()["results"])
        assert "已过期" not in titles and "密码保护" not in titles and "草稿" not in titles, (persona, path)
        if persona in ("anonymous", "editor"):
            assert "内部通知" not in titles, (persona, path)


@pytest.mark.parametrize("persona,sees_internal", [("anonymous", False), ("editor", False),
                                                   ("insider", True), ("superuser", True)])
def test_own_url_follows_the_rule(client, world, persona, sees_internal):
    user = world["readers"][persona]
    if user is not None:
        client.force_login(user)
    content = world["content"]
    expired = next(page for page in content.hidden if page.slug == "expired-notice")
    assert client.get(expired.url).status_code == 404  # expired: gone at once, scheduler or not
    internal = client.get(world["internal"].url)
    assert (internal.status_code == 200) is sees_internal
    assert client.get(content.notice.url).status_code == 200


def test_expiry_is_immediate_everywhere(client, world):
    notice = world["content"].notice
    NoticePage.objects.filter(pk=notice.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    for path in ("/feeds/notices/rss/", "/sitemap.xml", "/api/v1/content/?type=notice", "/notices/"):
        assert notice.slug not in client.get(path).content.decode(), path
    assert client.get(notice.url).status_code == 404


@pytest.mark.parametrize("roles,expected", [((), False), (("内部人员",), True), (("其他",), False)])
def test_portal_widget_follows_the_rule(world, roles, expected):
    from portal.connectors.cms import NoticesForDepartment

    ctx = FetchContext(user_id=1, username="x", display_name="x", department="", roles=roles)
    titles = [item["title"] for item in NoticesForDepartment().fetch({"limit": 50}, ctx, 1.0)["items"]]
    assert not any("密码保护" in title for title in titles)  # a password is never checked in a list
    assert not any("已过期" in title for title in titles)
    assert any("内部通知" in title for title in titles) is expected


def test_queryset_and_single_page_answers_agree(world):
    readers = [ANONYMOUS, Reader(authenticated=True), Reader(authenticated=True, groups=frozenset({"内部人员"})),
               Reader(authenticated=True, superuser=True)]
    pages = list(world["content"].public) + list(world["content"].hidden) + [world["protected"]]
    for reader in readers:
        listed = set(visible_pages(reader=reader).values_list("pk", flat=True))
        for page in pages:
            assert (page.pk in listed) is is_visible(page, reader), (reader, page.slug)
    assert set(public_pages().values_list("pk", flat=True)) == set(visible_pages().values_list("pk", flat=True))


def test_reader_for_user(world):
    assert reader_for(None) is ANONYMOUS
    assert "内部人员" in reader_for(world["readers"]["insider"]).groups
