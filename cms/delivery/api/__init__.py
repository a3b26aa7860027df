"""The public content API (django-ninja, so that the OpenAPI description is generated from the
same typed schemas that validate every response). Mounted at ``/api/``:
``/api/openapi.json``, ``/api/docs/`` and the endpoints under ``/api/v1/``."""
from __future__ import annotations

from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from cms.delivery.api.errors import register_error_handlers

DESCRIPTION = """明川市政府公开内容的只读 API：办事指南、通知公告、政策文件及其部门、主题、图片和附件。

只返回公开内容：草稿、受限（内部）页面和已过期的通知一律不出现。每个成功响应带 `ETag` 与
`Last-Modified`，支持条件请求（`304`）；错误统一为 JSON（参数错误 `400`，找不到 `404`，
请求过于频繁 `429` 并带 `Retry-After`）。草稿预览需要编辑在后台生成的短期令牌。
"""

class ChineseJSONRenderer(JSONRenderer):
    """UTF-8 JSON with the characters as they are (a third of the size of ``\\uXXXX`` escapes)."""

    media_type = "application/json; charset=utf-8"
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=ChineseJSONRenderer(),
    title="明川政务内容 API",
    version="1.0.0",
    description=DESCRIPTION,
    urls_namespace="delivery",
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
register_error_handlers(api)


def _add_routers() -> None:
    from cms.delivery.api import schemas  # noqa: F401  (registers the typed content types first)
    from cms.delivery.api import content, media, pages, preview, taxonomy

    for module in (content, taxonomy, pages, media, preview):
        api.add_router("/v1/", module.router)
    from django.apps import apps

    if apps.is_installed("interaction"):  # citizen interaction (contract §6) joins the same description
        from interaction.api import router as interaction_router

        api.add_router("/v1/", interaction_router)


_add_routers()
