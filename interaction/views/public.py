"""The citizen's pages on the public site (themed, plain HTML forms: no JavaScript needed).

The query code is sent only by POST (never in a URL, so it does not end up in logs, history or
referrers), and pages that show personal data are ``no-store``.
"""
from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from interaction import abuse
from interaction.attachments import AttachmentRefused
from interaction.events import history
from interaction.forms import AnswerRatingForm, ServiceRatingForm, SubmissionForm, SupplementForm, TrackForm
from interaction.kinds import KINDS, PUBLIC_KINDS
from interaction.models import Interaction
from interaction.publication import public_answer, published_items
from interaction.ratings import RatingRefused, rate_service
from interaction.status import Status
from interaction.submission import clean_files, submit
from interaction.tracking import code_matches
from interaction.workflow import StepRefused, citizen_step

PAGE_SIZE = 10


def _render(request, template, context, status=200, private=False):
    response = render(request, template, context, status=status)
    if private:
        response["Cache-Control"] = "no-store, private"
    return response


def _too_many(request, wait: int):
    response = _render(request, "interaction/refused.html",
                       {"message": _("提交过于频繁，请 %(s)s 秒后再试。") % {"s": wait}}, status=429)
    response["Retry-After"] = str(wait)
    return response


@require_GET
def index(request):
    return _render(request, "interaction/index.html", {"kinds": PUBLIC_KINDS})


@never_cache
@require_http_methods(["GET", "POST"])
def submit_form(request, kind: str):
    if kind not in KINDS or not KINDS[kind].public:
        raise Http404
    if request.method == "GET":
        form = SubmissionForm(initial={"kind": kind, "department": request.GET.get("department", "")})
        return _render(request, "interaction/submit.html", {"form": form, "kind": KINDS[kind]})
    wait = abuse.over_limit(request, "submit")
    if wait:
        return _too_many(request, wait)
    data = request.POST.copy()
    data["kind"] = kind
    form = SubmissionForm(data, request.FILES)
    if abuse.is_bot(request.POST):
        # same answer as a real refusal, nothing stored, nothing hinted
        return _render(request, "interaction/refused.html", {"message": _("提交未成功，请稍后重试。")}, status=400)
    if form.is_valid():
        try:
            files = clean_files(form.cleaned_data["attachments"])
        except AttachmentRefused as exc:
            form.add_error("attachments", str(exc))
        else:
            receipt = submit(form.cleaned_data, files)
            return _render(request, "interaction/receipt.html",
                           {"item": receipt.item, "query_code": receipt.query_code}, status=201, private=True)
    return _render(request, "interaction/submit.html", {"form": form, "kind": KINDS[kind]}, status=400)


def _find(form) -> Interaction | None:
    """The item for a valid number and code; ``None`` for an unknown number *or* a wrong code."""
    item = Interaction.objects.select_related("department").filter(
        tracking_number=form.cleaned_data["tracking_number"].strip()).first()
    if item is None or not code_matches(item, form.cleaned_data["code"]):
        return None
    return item


def _track_context(item, code: str) -> dict:
    public_steps = {"interaction.submitted", "interaction.transferred", "interaction.info_requested",
                    "interaction.info_supplied", "interaction.answered", "interaction.rated", "interaction.closed"}
    return {
        "item": item, "code": code,
        "steps": [entry for entry in history(item) if entry.action in public_steps],
        "supplement_form": SupplementForm(initial={"tracking_number": item.tracking_number, "code": code})
        if item.status == Status.AWAITING_INFO else None,
        "rating_form": AnswerRatingForm(initial={"tracking_number": item.tracking_number, "code": code})
        if item.status in (Status.ANSWERED, Status.CLOSED) and not item.satisfaction and item.answer else None,
    }


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    if request.method == "GET":
        return _render(request, "interaction/track.html", {"form": TrackForm()})
    wait = abuse.over_limit(request, "track")
    if wait:
        return _too_many(request, wait)
    form = TrackForm(request.POST)
    if not form.is_valid():
        return _render(request, "interaction/track.html", {"form": form}, status=400)
    item = _find(form)
    if item is None:
        return _render(request, "interaction/track.html",
                       {"form": form, "not_found": True}, status=404, private=True)
    return _render(request, "interaction/track_result.html", _track_context(item, form.cleaned_data["code"]),
                   private=True)


def _citizen_step(request, form_class, step: str, changes):
    wait = abuse.over_limit(request, "track")
    if wait:
        return _too_many(request, wait)
    form = form_class(request.POST)
    if not form.is_valid():
        return _render(request, "interaction/refused.html", {"message": _("提交的内容不完整或过长，请返回修改。"),
                                                              "errors": form.errors}, status=400)
    item = _find(form)
    if item is None:
        return _render(request, "interaction/track.html", {"form": TrackForm(), "not_found": True},
                       status=404, private=True)
    try:
        item = citizen_step(item, step, **changes(form.cleaned_data))
    except StepRefused as exc:
        return _render(request, "interaction/refused.html", {"message": str(exc)}, status=409)
    context = _track_context(item, form.cleaned_data["code"])
    context["done"] = _("已提交，谢谢！")
    return _render(request, "interaction/track_result.html", context, private=True)


@never_cache
@require_POST
def supplement(request):
    return _citizen_step(request, SupplementForm, "info_supplied",
                         lambda data: {"info_reply": data["info_reply"]})


@never_cache
@require_POST
def rate_answer(request):
    return _citizen_step(request, AnswerRatingForm, "rated", lambda data: {"satisfaction": data["satisfaction"]})


@require_GET
def published(request):
    from cms.models import Department

    department_slug = request.GET.get("department", "").strip()
    query = request.GET.get("q", "").strip()[:50]
    items = published_items(department_slug, query)
    try:
        page_number = int(request.GET.get("page", "1"))
        if page_number < 1:
            raise ValueError
    except ValueError:
        return _render(request, "interaction/refused.html", {"message": _("页码无效。")}, status=400)
    paginator = Paginator(items, PAGE_SIZE)
    if page_number > max(1, paginator.num_pages):
        raise Http404
    page = paginator.page(page_number)
    context = {
        "page_obj": page, "answers": [public_answer(item) for item in page.object_list],
        "departments": Department.objects.order_by("name"), "department": department_slug, "q": query,
    }
    return _render(request, "interaction/published.html", context)


@require_GET
def published_detail(request, tracking_number: str):
    item = get_object_or_404(Interaction.objects.published().select_related("department"),
                             tracking_number=tracking_number)
    return _render(request, "interaction/published_detail.html", {"answer": public_answer(item)})


@never_cache
@require_POST
def rate_service_view(request, page_id: int):
    from wagtail.models import Page

    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    wait = abuse.over_limit(request, "rate")
    if wait:
        return _too_many(request, wait)
    form = ServiceRatingForm(request.POST)
    if abuse.is_bot(request.POST):
        return _render(request, "interaction/refused.html", {"message": _("提交未成功，请稍后重试。")}, status=400)
    if not form.is_valid():
        return _render(request, "interaction/rating_form_page.html", {"form": form, "guide": page}, status=400)
    try:
        rating = rate_service(request, page, form.cleaned_data)
    except RatingRefused as exc:
        return _render(request, "interaction/refused.html", {"message": str(exc), "back": page.url}, status=409)
    response = _render(request, "interaction/rating_thanks.html", {"rating": rating, "guide": page}, status=201)
    return response
