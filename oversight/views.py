"""The monitoring board (per department: now and in the chosen period) and its drill-down.
Read-only; each viewer sees only the departments ``oversight.access`` allows."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cms.models import Department
from oversight import access, sources
from oversight.board import DRILL_STATES, build_board, drill_down, humanize_seconds
from oversight.filters import RangeForm


def departments_for(user):
    visible = access.visible_departments(user)
    if visible is not access.ALL and not visible:
        raise PermissionDenied(_("只有领导和监察人员可以查看效能监察。"))
    queryset = Department.objects.order_by("name")
    return queryset if visible is access.ALL else queryset.filter(pk__in=visible)


def _range_form(request, departments):
    form = RangeForm(request.GET or None, departments=departments)
    if not form.is_bound:
        form = RangeForm({}, departments=departments)
    return form


@never_cache
@login_required
@require_GET
def board(request):
    departments = list(departments_for(request.user))
    form = _range_form(request, departments)
    if not form.is_valid():
        return render(request, "oversight/board.html", {"form": form, "boards": []}, status=400)
    start, end = form.bounds()
    scope = [form.cleaned_data["department"]] if form.cleaned_data.get("department") else [d.pk for d in departments]
    names = {d.pk: d.name for d in departments}
    visible = access.visible_departments(request.user)
    boards = []
    for source in sources.all_sources():
        scoped = scope if (visible is not access.ALL or form.cleaned_data.get("department")) else None
        result = build_board(source.key, start, end, scoped, names)
        boards.append({"source": source, "board": result, "total": result.total})
    return render(request, "oversight/board.html", {
        "form": form, "boards": boards, "humanize": humanize_seconds, "query": request.GET.urlencode(),
    })


@never_cache
@login_required
@require_GET
def drill(request, source: str, department_id: int):
    departments = list(departments_for(request.user))
    department_id = department_id or None  # 0 in the URL: items without a department
    if source not in dict(sources.choices()):
        raise Http404(_("没有这个来源。"))
    if not access.can_see(request.user, department_id):
        raise PermissionDenied(_("您无权查看该部门。"))
    state = request.GET.get("state", "open")
    if state not in DRILL_STATES:
        return render(request, "oversight/drill.html", {"error": _("未知的状态筛选。")}, status=400)
    form = _range_form(request, departments)
    if not form.is_valid():
        return render(request, "oversight/drill.html", {"form": form, "error": _("日期有误。")}, status=400)
    start, end = form.bounds()
    page = Paginator(drill_down(source, department_id, state, start, end).select_related("department"), 50).get_page(
        request.GET.get("page"))
    department = next((d for d in departments if d.pk == department_id), None)
    return render(request, "oversight/drill.html", {
        "page": page, "state": state, "states": DRILL_STATES, "source": sources.get_source(source),
        "department": department, "form": form, "humanize": humanize_seconds,
    })
