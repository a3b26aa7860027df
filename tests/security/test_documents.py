"""#13 item 6: a document is public only while a public live page uses it (or it sits in a public
collection); private downloads follow the page's view restrictions, in Wagtail's serve view and
in the content API."""
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from cms.models import NoticePage

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def new_document(title="附件", collection=None):
    kwargs = {"collection": collection} if collection else {}
    return get_document_model().objects.create(title=title, file=ContentFile(b"%PDF-1.4 x", name="f.pdf"), **kwargs)


def attach(document):
    return [("attachment", {"title": document.title, "document": document})]


def readable(client, document) -> tuple[bool, bool]:
    """(served by Wagtail's view, described by the API) for this client."""
    served = client.get(document.url).status_code == 200
    described = client.get(f"/api/v1/documents/{document.pk}/").status_code == 200
    return served, described


def test_documents_follow_the_page_that_uses_them(client, make_page, market, api_settings):
    public_doc, draft_doc, internal_doc, expired_doc, orphan = (new_document(t) for t in "ABCDE")
    make_page(NoticePage, market, title="公开", attachments=attach(public_doc))
    make_page(NoticePage, market, title="草稿", live=False, attachments=attach(draft_doc))
    internal = make_page(NoticePage, market, title="内部", attachments=attach(internal_doc))
    restriction = PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="内部人员"))
    expiring = make_page(NoticePage, market, title="到期", attachments=attach(expired_doc),
                         published_at=timezone.now() - timedelta(days=3), expires_at=timezone.now() + timedelta(days=1))

    assert readable(client, public_doc) == (True, True)
    for hidden in (draft_doc, internal_doc, orphan):
        assert readable(client, hidden) == (False, False), hidden.title
    assert readable(client, expired_doc) == (True, True)
    NoticePage.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    cache.clear()  # the API's response cache may keep an answer up to DELIVERY_CACHE_MAX_AGE
    assert readable(client, expired_doc) == (False, False)

    insider = User.objects.create_user("insider", "i@example.test", "x")
    insider.groups.add(Group.objects.get(name="内部人员"))
    client.force_login(insider)
    assert client.get(internal_doc.url).status_code == 200  # their page lets them in
    assert client.get(draft_doc.url).status_code == 404
    assert client.get(f"/api/v1/documents/{internal_doc.pk}/").status_code == 404  # the API is anonymous


def test_editors_with_document_permissions_may_read(client, make_page, market, team):
    draft_doc = new_document("草稿附件", collection=None)
    make_page(NoticePage, market, title="草稿", live=False, attachments=attach(draft_doc))
    client.force_login(User.objects.create_superuser("boss", "b@example.test", "x"))
    assert client.get(draft_doc.url).status_code == 200


def test_a_public_collection_is_public(client, settings):
    settings.CMS_PUBLIC_DOCUMENT_COLLECTIONS = ["公开表格"]
    collection = Collection.get_first_root_node().add_child(name="公开表格")
    document = new_document("通用表格", collection=collection)
    assert readable(client, document) == (True, True)
    settings.CMS_PUBLIC_DOCUMENT_COLLECTIONS = []
    cache.clear()
    assert readable(client, document) == (False, False)
