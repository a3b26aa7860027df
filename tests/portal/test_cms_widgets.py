"""CMS query widgets: the latest notices of my department (internal ones only for allowed roles),
policies by topic."""
import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from cms.models import NoticePage, PolicyPage, UserProfile
from tests.portal.conftest import make_layout, make_user, make_widget

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(make_page, market, labour):
    mine = make_page(NoticePage, market, title="市场监管局通知")
    make_page(NoticePage, labour, title="人社局通知")
    internal = make_page(NoticePage, market, title="内部通知：审批人员会议")
    restriction = PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get_or_create(name="审批人员")[0])
    make_widget("dept-notices", type="notices", connector="cms_notices", backend="", config={"limit": 5})
    make_layout("everyone", ["dept-notices"])
    return mine


def titles(client):
    body = client.get("/portal/api/widgets/dept-notices/").json()
    assert body["status"] == "ok", body
    return [item["title"] for item in body["data"]["items"]]


def test_notices_are_those_of_my_department(client, notices, market):
    user = make_user("clerk")
    UserProfile.objects.create(user=user, department=market)
    client.force_login(user)
    assert titles(client) == ["市场监管局通知"]


def test_internal_notices_only_for_the_roles_they_are_restricted_to(client, notices, market):
    user = make_user("approver", ["审批人员"])
    UserProfile.objects.create(user=user, department=market)
    client.force_login(user)
    assert titles(client) == ["市场监管局通知", "内部通知：审批人员会议"]
    assert client.get("/portal/api/widgets/dept-notices/").json()["data"]["items"][0]["url"].startswith("/")


def test_policies_by_topic(client, make_page, market, topic):
    make_page(PolicyPage, market, title="市场准入政策", topics=[topic])
    make_page(PolicyPage, market, title="别的政策")
    make_widget("policies", type="notices", connector="cms_policies", backend="", config={"topic": topic.name})
    make_layout("everyone", ["policies"])
    client.force_login(make_user("anyone"))
    body = client.get("/portal/api/widgets/policies/").json()
    assert [item["title"] for item in body["data"]["items"]] == ["市场准入政策"]
