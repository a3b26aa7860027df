"""The officials' side in the Wagtail admin (互动交流): the department queue, one item with its
steps, attachments, exports, and the 好差评 scores. Every view is limited to the user's
departments (``interaction.access``); another department's item is a 404, not a 403, so ids do
not reveal what exists."""
from __future__ import annotations

import logging

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from interaction import access
from interaction.deadlines import deadline_state
from interaction.events import history
from interaction.exports import EXPORTERS
from interaction.models import Attachment, Interaction, ServiceRating
from interaction.queue import QueueFilter, row
from interaction.ratings import scores
from interaction.workflow import TRANSITIONS, StepRefused, available, perform

logger = logging.getLogger(__name__)
PAGE_SIZE = 50


def _filter(request) -> QueueFilter:
    data = request.GET.copy() if request.GET else QueryDict(mutable=True)
    if "status" not in data:
        data["status"] = "open"
    return QueueFilter(data, user=request.user)


@require_GET
def queue(request):
    if not access.departments_of(request.user).exists():
        raise PermissionDenied
    form = _filter(request)
    items = form.items()
    paginator = Paginator(items, PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    now = timezone.now()
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "header_title": _("互动交流"), "page_title": _("互动交流：办理队列"), "header_icon": "mail",
        "filter_form": form, "page_obj": page, "rows": [row(item, now) for item in page.object_list],
        "query": params.urlencode(),
    }
    return TemplateResponse(request, "interaction/admin/queue.html", context)


def _item_for(request, pk: int) -> Interaction:
    item = get_object_or_404(Interaction.objects.select_related("department", "assignee", "answered_by"), pk=pk)
    if not access.can_handle(request.user, item):
        raise Http404
    return item


def _detail_context(request, item, forms=None):
    forms = forms or {}
    steps = [(step, forms.get(step.name) or step.form(item=item, user=request.user)) for step in available(item, request.user)]
    return {
        "header_title": item.tracking_number, "page_title": f"{item.tracking_number} {item.subject}",
        "header_icon": "mail", "item": item, "state": deadline_state(item), "steps": steps,
        "attachments": item.attachments.all(), "history": history(item),
        "can_sign_off": access.can_sign_off(request.user, item),
    }


@require_GET
def detail(request, pk: int):
    item = _item_for(request, pk)
    response = TemplateResponse(request, "interaction/admin/detail.html", _detail_context(request, item))
    response["Cache-Control"] = "no-store, private"
    return response


@require_POST
def step(request, pk: int, name: str):
    item = _item_for(request, pk)
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise Http404
    if not transition.allowed(item, request.user):
        if item.status in transition.sources and transition.signers_only:
            raise PermissionDenied
        messages.error(request, _("该事项当前不能执行“%(step)s”。") % {"step": transition.label})
        return redirect("interaction_admin:detail", pk=item.pk)
    form = transition.form(request.POST, item=item, user=request.user)
    if not form.is_valid():
        response = TemplateResponse(request, "interaction/admin/detail.html",
                                    _detail_context(request, item, {name: form}), status=400)
        return response
    try:
        perform(item, name, request.user, form.cleaned_data)
    except StepRefused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已完成：%(step)s") % {"step": transition.label})
    if name == "transferred" and not Interaction.objects.filter(pk=item.pk,
                                                               department__in=access.departments_of(request.user)).exists():
        return redirect("interaction_admin:queue")
    return redirect("interaction_admin:detail", pk=item.pk)


@require_GET
def attachment(request, pk: int, attachment_id: int):
    item = _item_for(request, pk)
    file = get_object_or_404(Attachment, pk=attachment_id, interaction=item)
    response = FileResponse(file.file.open("rb"), as_attachment=True, filename=file.original_name,
                            content_type=file.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response


@require_GET
def export(request, fmt: str):
    if fmt not in EXPORTERS or not access.departments_of(request.user).exists():
        raise Http404
    items = _filter(request).items()
    logger.info("interaction export (%s) by %s: %s items", fmt, request.user.get_username(), items.count())
    return EXPORTERS[fmt](items, f"interaction-{timezone.localdate():%Y%m%d}")


@require_GET
def rating_scores(request):
    from cms.models import Department
    from wagtail.models import Page

    departments = access.departments_of(request.user)
    if not departments.exists():
        raise PermissionDenied
    ratings = ServiceRating.objects.filter(department__in=departments)
    by_department = list(scores(ratings, by="department"))
    names = dict(Department.objects.filter(pk__in=[s["department_id"] for s in by_department]).values_list("pk", "name"))
    for entry in by_department:
        entry["name"] = names.get(entry["department_id"], "")
    by_page = list(scores(ratings, by="page")[:100])
    titles = dict(Page.objects.filter(pk__in=[s["page_id"] for s in by_page]).values_list("pk", "title"))
    for entry in by_page:
        entry["title"] = titles.get(entry["page_id"], "")
    context = {
        "header_title": _("好差评"), "page_title": _("好差评：服务评价统计"), "header_icon": "pick",
        "by_department": by_department, "by_page": by_page,
        "recent_bad": ratings.filter(grade__lte=2).select_related("follow_up")[:20],
    }
    return TemplateResponse(request, "interaction/admin/scores.html", context)
