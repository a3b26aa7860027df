"""``/api/v1/preview/{page_id}/?token=…``: one draft revision for an external front end, only
with a valid preview token made for that page (see ``cms.delivery.preview``). Never cached."""
from __future__ import annotations

from typing import Union

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router
from ninja.errors import HttpError
from wagtail.models import Page, Revision
from django.utils.translation import gettext

from cms.delivery.api.errors import ERRORS, Error
from cms.delivery.api.pages import PageItem, page_item
from cms.delivery.content_types import content_types, spec_for_model
from cms.delivery.preview import PreviewTokenError, revision_id_for

router = Router(tags=["preview"])
PreviewItem = PageItem
if content_types():
    from cms.delivery.api.content import ContentItem

    PreviewItem = Union[ContentItem, PageItem]


@router.get("/preview/{page_id}/", response={200: PreviewItem, 403: Error, **ERRORS},
            url_name="preview", exclude_unset=True, summary="用预览令牌读取草稿修订")
def preview(request: HttpRequest, response: HttpResponse, page_id: int,
            token: str = Query(..., min_length=1, max_length=2000, description="编辑在后台生成的预览令牌")):
    response["Cache-Control"] = "private, no-store"
    try:
        revision_id = revision_id_for(token, page_id)
    except PreviewTokenError as exc:
        raise HttpError(403, str(exc)) from exc
    revision = Revision.page_revisions.filter(pk=revision_id, object_id=str(page_id)).first()
    if revision is None or not Page.objects.filter(pk=page_id).exists():
        raise HttpError(404, gettext("修订不存在"))
    page = revision.as_object()
    spec = spec_for_model(type(page))
    return spec.serialize(page) if spec else page_item(page, with_fields=True)
