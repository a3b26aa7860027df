"""Who may download a document (attachment). Documents have sequential ids, so "nobody links to
it" is no protection: a document is readable by a reader only while

* it sits in a collection named in ``CMS_PUBLIC_DOCUMENT_COLLECTIONS`` that has no view
  restriction of its own (forms meant for everyone), or
* a page that uses it (attachments, links in rich text: Wagtail's reference index, which follows
  each page's saved, i.e. live, content) is visible to that reader under the project's one
  visibility rule (``cms.visibility``): live, not expired, its view restrictions passed.

People who manage documents in the admin (add/change/choose permission) may always read them.
Enforced in Wagtail's document serve view (``before_serve_document`` hook in
``cms/wagtail_hooks.py``) and in the content API (``/api/v1/documents/{id}/``).
"""
from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from cms.visibility import ANONYMOUS, Reader, reader_for, visible_pages


def pages_using(document) -> list[int]:
    page_type = ContentType.objects.get_for_model(Page)
    ids = (ReferenceIndex.get_references_to(document).filter(base_content_type=page_type)
           .values_list("object_id", flat=True))
    return [int(pk) for pk in ids if str(pk).isdigit()]


def in_public_collection(document) -> bool:
    collection = document.collection
    return (collection.name in getattr(settings, "CMS_PUBLIC_DOCUMENT_COLLECTIONS", [])
            and not collection.get_view_restrictions().exists())


def document_visible(document, reader: Reader = ANONYMOUS) -> bool:
    if in_public_collection(document):
        return True
    restrictions = document.collection.get_view_restrictions()
    if any(not reader.passes(restriction) for restriction in restrictions):
        return False
    return visible_pages(reader=reader).filter(pk__in=pages_using(document)).exists()


def can_manage_documents(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    from wagtail.documents.permissions import permission_policy

    return permission_policy.user_has_any_permission(user, ["add", "change", "choose"])


def user_may_read(document, user) -> bool:
    return can_manage_documents(user) or document_visible(document, reader_for(user))
