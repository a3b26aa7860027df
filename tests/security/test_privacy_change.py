"""#13 item 5: a page made internal (view restriction added) leaves every public copy at once and
subscribers are told, like an unpublish; made public again, like a publish."""
import json

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from cms.delivery.models import WebhookSubscriber
from cms.signals import privacy_changed
from tests.fixtures.content import publish

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def loopback_allowed(settings):
    settings.OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]


def test_restricting_a_page_purges_and_announces(client, site_root, receiver, api_settings, loopback_allowed,
                                                 django_capture_on_commit_callbacks):
    WebhookSubscriber.objects.create(name="聚合平台", url=receiver.url + "/hook", secret="s")
    with django_capture_on_commit_callbacks(execute=True):
        section = publish(site_root, Page(title="栏目", slug="section"))
        child = publish(section, Page(title="将变为内部的页面", slug="child"))
    detail = f"/api/v1/pages/{child.pk}/"
    assert client.get(detail).status_code == 200  # now cached
    receiver.requests.clear()
    heard = []
    privacy_changed.connect(lambda sender, page, public, **kw: heard.append((page.pk, public)), weak=False,
                            dispatch_uid="test")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            restriction = PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.GROUPS)
            restriction.groups.add(Group.objects.create(name="内部人员"))
        assert heard == [(section.pk, False)]
        assert client.get(detail).status_code == 404
        events = {(json.loads(r.body)["event"], json.loads(r.body)["content"]["id"]) for r in receiver.requests}
        assert events == {("unpublished", section.pk), ("unpublished", child.pk)}

        receiver.requests.clear()
        with django_capture_on_commit_callbacks(execute=True):
            restriction.delete()
        assert heard[-1] == (section.pk, True)
        assert client.get(detail).status_code == 200
        events = {(json.loads(r.body)["event"], json.loads(r.body)["content"]["id"]) for r in receiver.requests}
        assert events == {("published", section.pk), ("published", child.pk)}
    finally:
        privacy_changed.disconnect(dispatch_uid="test")


def test_pages_already_hidden_are_not_announced(site_root, receiver, loopback_allowed,
                                                django_capture_on_commit_callbacks):
    section = publish(site_root, Page(title="栏目", slug="section"))
    inner = publish(section, Page(title="早已内部", slug="inner"))
    PageViewRestriction.objects.create(page=inner, restriction_type=PageViewRestriction.LOGIN)
    WebhookSubscriber.objects.create(name="聚合平台", url=receiver.url + "/hook", secret="s")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    ids = {json.loads(r.body)["content"]["id"] for r in receiver.requests}
    assert ids == {section.pk}
