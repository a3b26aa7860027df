"""Department scoping: an editor of 市场监督管理局 is refused every action on 人社局's section,
while the same actions on their own section are allowed (the control)."""
import pytest
from django.urls import reverse
from wagtail.documents.permissions import permission_policy
from wagtail.models import Collection

from cms.models import NoticeIndexPage, NoticePage, PolicyIndexPage
from cms.permissions import department_collection
from cms.site_tree import ensure_section, ensure_tree
from tests.fixtures.content import notice_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(client, site, market, labour, team, make_page):
    indexes = ensure_tree(site)
    own_section = ensure_section(indexes[NoticeIndexPage], market)
    other_section = ensure_section(indexes[NoticeIndexPage], labour)
    own = make_page(NoticePage, market, title="本部门通知")
    other = make_page(NoticePage, labour, title="人社局通知")
    client.force_login(team["editor"])
    return {"own_section": own_section, "other_section": other_section, "own": own, "other": other}


def refused(response) -> bool:
    """Wagtail answers a permission failure with 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] in (reverse("wagtailadmin_home"), "/admin/"))


def test_create_is_refused_outside_the_own_section(client, setting, labour):
    url = reverse("wagtailadmin_pages:add", args=["cms", "noticepage", setting["other_section"].pk])
    assert refused(client.get(url))
    assert refused(client.post(url, notice_form(department=labour.pk, slug="intruder")))
    assert not NoticePage.objects.filter(slug="intruder").exists()
    own_url = reverse("wagtailadmin_pages:add", args=["cms", "noticepage", setting["own_section"].pk])
    assert client.get(own_url).status_code == 200


def test_edit_is_refused_outside_the_own_section(client, setting, labour):
    other = setting["other"]
    url = reverse("wagtailadmin_pages:edit", args=[other.pk])
    assert refused(client.get(url))
    assert refused(client.post(url, notice_form(department=labour.pk, title="篡改", slug=other.slug)))
    other.refresh_from_db()
    assert other.title == "人社局通知" and other.latest_revision.content["title"] == "人社局通知"
    assert client.get(reverse("wagtailadmin_pages:edit", args=[setting["own"].pk])).status_code == 200


def test_publish_and_unpublish_are_refused(client, setting, labour, market):
    other = setting["other"]
    client.post(reverse("wagtailadmin_pages:edit", args=[other.pk]),
                notice_form(department=labour.pk, title="篡改", slug=other.slug, **{"action-publish": "1"}))
    assert refused(client.post(reverse("wagtailadmin_pages:unpublish", args=[other.pk])))
    other.refresh_from_db()
    assert other.live and other.title == "人社局通知"
    # not even on the own section: publishing is the publisher's (through the workflow)
    own = setting["own"]
    own.unpublish()
    client.post(reverse("wagtailadmin_pages:edit", args=[own.pk]),
                notice_form(department=market.pk, slug=own.slug, **{"action-publish": "1"}))
    own.refresh_from_db()
    assert not own.live


def test_move_is_refused_both_ways(client, setting, site, labour):
    other, own = setting["other"], setting["own"]
    assert refused(client.get(reverse("wagtailadmin_pages:move", args=[other.pk])))
    assert refused(client.post(reverse("wagtailadmin_pages:move_confirm",
                                       args=[other.pk, setting["own_section"].pk])))
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[own.pk, setting["other_section"].pk]))
    other.refresh_from_db()
    own.refresh_from_db()
    assert other.get_parent().pk == setting["other_section"].pk
    assert own.get_parent().pk == setting["own_section"].pk


def test_delete_is_refused(client, setting):
    other = setting["other"]
    assert refused(client.get(reverse("wagtailadmin_pages:delete", args=[other.pk])))
    assert refused(client.post(reverse("wagtailadmin_pages:delete", args=[other.pk])))
    assert NoticePage.objects.filter(pk=other.pk).exists()


def test_other_sections_are_not_listed_in_the_admin(client, setting, site, labour):
    response = client.get(reverse("wagtailadmin_explore", args=[setting["other_section"].pk]), follow=True)
    assert response.redirect_chain, "the other section's listing must not be served"
    assert "人社局通知" not in response.content.decode()
    own_listing = client.get(reverse("wagtailadmin_explore", args=[setting["own_section"].pk]))
    assert own_listing.status_code == 200 and "本部门通知" in own_listing.content.decode()
    index_listing = client.get(reverse("wagtailadmin_explore", args=[setting["own_section"].get_parent().pk]))
    html = index_listing.content.decode() if index_listing.status_code == 200 else ""
    assert labour.name not in html
    # another index's sections of the other department are out of reach too
    other_policy_section = ensure_section(ensure_tree(site)[PolicyIndexPage], labour)
    response = client.get(reverse("wagtailadmin_explore", args=[other_policy_section.pk]))
    assert response.status_code == 302


def test_documents_only_go_into_the_own_collection(setting, team, market, labour):
    allowed = set(permission_policy.collections_user_has_permission_for(team["editor"], "add"))
    assert department_collection(market) in allowed
    assert department_collection(labour) not in allowed
    assert Collection.get_first_root_node() not in allowed
