"""The headless API of citizen interaction (shared/contracts §6), a django-ninja router added to
the content API (``/api/v1/``) so that it is in the same OpenAPI description.

Field rules are the HTML form's (``SubmissionForm``, ``ServiceRatingForm``): the schemas here
only say the JSON types, and a form error becomes ``400`` naming the field in ``details[].loc``.
These endpoints never enter the public response cache: every answer sets ``Cache-Control``.
"""
from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from cms.delivery.api.errors import Error
from interaction import abuse
from interaction.forms import ServiceRatingForm, SubmissionForm
from interaction.models import RATING_REASONS, Interaction
from interaction.publication import public_answer, published_items
from interaction.ratings import RatingRefused, rate_service
from interaction.status import Status
from interaction.submission import submit
from interaction.tracking import code_matches
from config.i18n import join_list

router = Router(tags=["interaction"])

ERRORS = {400: Error, 404: Error, 429: Error}
PAGE_SIZE = 10
KindName = Literal["consultation", "complaint", "suggestion", "help"]


class SubmissionIn(Schema):
    kind: KindName
    department: str = Field("", description="部门标识（slug）；空字符串表示不清楚，由市政府办公室分办", max_length=100)
    subject: str = Field(description="标题，4-100 字")
    content: str = Field(description="内容，10-2000 字")
    name: str
    phone: str
    email: str = ""
    publish_consent: bool = False
    privacy_consent: bool = Field(description="必须为 true")


class Receipt(Schema):
    tracking_number: str = Field(description="受理编号")
    query_code: str = Field(description="查询码（只返回这一次）")
    deadline: dt.date = Field(description="答复期限（工作日计算）")


class Answer(Schema):
    text: str
    answered_at: dt.datetime | None
    satisfaction: Literal["satisfied", "basic", "unsatisfied", ""] = ""


class Tracking(Schema):
    tracking_number: str
    kind: str
    status: Literal[tuple(Status.values)]  # type: ignore[valid-type]
    department: str
    submitted_at: dt.datetime
    deadline: dt.date
    answer: Answer | None


class PublishedAnswer(Schema):
    tracking_number: str
    kind: str
    department: str
    department_slug: str
    subject: str
    question: str
    answer: str
    submitted_at: dt.datetime
    answered_at: dt.datetime | None
    satisfaction: str


class PublishedList(Schema):
    count: int
    page: int
    page_size: int
    items: list[PublishedAnswer]


class PublishedFilters(Schema):
    department: str = Field("", max_length=100, description="部门标识（slug）")
    q: str = Field("", max_length=50, description="关键词")
    page: int = Field(1, ge=1, le=10_000)


class RatingIn(Schema):
    page_id: int = Field(ge=1, le=2**31 - 1, description="办事指南的页面 id")
    grade: int = Field(ge=1, le=5, description="5 非常满意 … 1 非常不满意")
    reasons: list[Literal[tuple(RATING_REASONS)]] = Field(default_factory=list, max_length=len(RATING_REASONS))  # type: ignore[valid-type]
    comment: str = Field("", max_length=500)
    contact_phone: str = Field("", max_length=20, description="可选：差评整改后的答复电话")
    contact_email: str = Field("", max_length=100)


class RatingOut(Schema):
    page_id: int
    grade: int
    follow_up: bool = Field(description="差评已转为整改事项")


def _error(status: int, message: str, details=None, **headers) -> JsonResponse:
    codes = {400: "invalid_parameter", 404: "not_found", 409: "conflict", 429: "rate_limited"}
    body = {"error": codes[status], "message": message}
    if details is not None:
        body["details"] = details
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "no-store"
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def _limited(request, action: str):
    wait = abuse.over_limit(request, action)
    return _error(429, _("请求过于频繁，请 %(s)s 秒后再试") % {"s": wait}, Retry_After=str(wait)) if wait else None


def _form_errors(form) -> JsonResponse:
    details = [{"loc": ["body", field], "msg": str(message), "type": "value_error"}
               for field, messages in form.errors.items() for message in messages]
    names = join_list(dict.fromkeys(d["loc"][1] for d in details))
    return _error(400, _("字段有误：%(names)s") % {"names": names}, details)


def _no_store(response):
    response["Cache-Control"] = "no-store"


@router.post("/interactions/", response={201: Receipt, **ERRORS}, url_name="interaction_submit",
             summary="提交咨询、投诉、建议或求助")
def submit_interaction(request: HttpRequest, payload: SubmissionIn):
    limited = _limited(request, "submit")
    if limited:
        return limited
    form = SubmissionForm(data=payload.dict())
    if not form.is_valid():
        return _form_errors(form)
    receipt = submit(form.cleaned_data)
    item = receipt.item
    response = JsonResponse({"tracking_number": item.tracking_number, "query_code": receipt.query_code,
                             "deadline": timezone.localtime(item.deadline).date().isoformat()}, status=201)
    _no_store(response)
    return response


@router.get("/interactions/published/", response={200: PublishedList, **ERRORS}, url_name="interaction_published",
            summary="公开选登的答复（不含个人信息）")
def list_published(request: HttpRequest, response: HttpResponse, filters: PublishedFilters = Query(...)):
    items = published_items(filters.department.strip(), filters.q.strip())
    count = items.count()
    start = (filters.page - 1) * PAGE_SIZE
    page = [public_answer(item) for item in items[start:start + PAGE_SIZE]]
    response["Cache-Control"] = "public, max-age=60"
    return {"count": count, "page": filters.page, "page_size": PAGE_SIZE, "items": page}


@router.get("/interactions/{tracking_number}/", response={200: Tracking, **ERRORS}, url_name="interaction_track",
            summary="凭受理编号和查询码查询办理进度")
def track_interaction(request: HttpRequest, response: HttpResponse, tracking_number: str,
                      code: str = Query(..., max_length=20, description="查询码")):
    limited = _limited(request, "track")
    if limited:
        return limited
    response["Cache-Control"] = "no-store"
    item = Interaction.objects.select_related("department").filter(tracking_number=tracking_number[:20]).first()
    if item is None or not code_matches(item, code):
        return _error(404, _("未找到：请核对受理编号和查询码"))
    answer = None
    if item.status in (Status.ANSWERED, Status.CLOSED) and item.answer:
        answer = {"text": item.answer, "answered_at": item.answered_at, "satisfaction": item.satisfaction}
    return {"tracking_number": item.tracking_number, "kind": item.kind, "status": item.status,
            "department": item.department.name if item.department else "", "submitted_at": item.submitted_at,
            "deadline": timezone.localtime(item.deadline).date(), "answer": answer}


@router.post("/ratings/", response={201: RatingOut, 409: Error, **ERRORS}, url_name="rating_submit",
             summary="好差评：评价一项服务（每位访客每天每项一次）")
def submit_rating(request: HttpRequest, payload: RatingIn):
    from wagtail.models import Page

    limited = _limited(request, "rate")
    if limited:
        return limited
    form = ServiceRatingForm(data={**payload.dict(), "grade": str(payload.grade)})
    if not form.is_valid():
        return _form_errors(form)
    page = Page.objects.live().public().filter(pk=payload.page_id).first()
    page = page.specific if page else None
    if page is None or getattr(page, "record_type", "") != "service_guide":
        return _error(400, _("字段有误：%(names)s") % {"names": "page_id"},
                      [{"loc": ["body", "page_id"], "msg": _("不是公开的办事指南"), "type": "value_error"}])
    try:
        rating = rate_service(request, page, form.cleaned_data)
    except RatingRefused as exc:
        return _error(409, str(exc))
    response = JsonResponse({"page_id": page.pk, "grade": rating.grade, "follow_up": rating.is_bad}, status=201)
    _no_store(response)
    return response
