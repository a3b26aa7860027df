"""``/api/v1/images/{id}/`` (as renditions, never the original upload) and
``/api/v1/documents/{id}/``. Images in collections under a view restriction are not served; a document only while a public live
page uses it (``cms.documents``)."""
from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from cms.delivery.api.common import Document, Image, document_data, image_data
from cms.delivery.api.errors import ERRORS
from cms.documents import document_visible
from cms.visibility import ANONYMOUS

router = Router(tags=["media"])


def _public(obj):
    if obj.collection.get_view_restrictions().exists():
        raise Http404
    return obj


@router.get("/images/{image_id}/", response={200: Image, **ERRORS}, url_name="image_detail",
            summary="读取图片（各尺寸的再现图）")
def get_image(request: HttpRequest, image_id: int):
    return image_data(_public(get_object_or_404(get_image_model(), pk=image_id)))


@router.get("/documents/{document_id}/", response={200: Document, **ERRORS}, url_name="document_detail",
            summary="读取附件")
def get_document(request: HttpRequest, document_id: int):
    """Only documents of public live pages (or public collections): see ``cms.documents``."""
    document = get_object_or_404(get_document_model(), pk=document_id)
    if not document_visible(document, ANONYMOUS):
        raise Http404
    return document_data(document)
