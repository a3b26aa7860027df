"""The message page (filters, mark read / all read, open a message), channel preferences, and
the unread count as JSON for the header's live badge. Every query is scoped to the signed-in
user: another person's message id answers 404, never their content."""
from __future__ import annotations

from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notifications import kinds
from notifications.forms import MessageFilterForm, PreferencesForm
from notifications.models import Notification
from notifications.service import unread_count

PAGE_SIZE = 20


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@never_cache
@login_required
@require_GET
def message_list(request):
    form = MessageFilterForm(request.GET or None)
    queryset = Notification.objects.for_user(request.user)
    if form.is_bound and not form.is_valid():
        return render(request, "notifications/list.html", {"form": form, "page": None, "unread": unread_count(request.user)},
                      status=400)
    queryset = form.apply(queryset) if form.is_bound else queryset
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "notifications/list.html", {
        "form": form, "page": page, "unread": unread_count(request.user),
        "query": request.GET.copy().urlencode() if request.GET else "",
    })


@login_required
@require_POST
def mark_read(request, pk: int):
    updated = Notification.objects.for_user(request.user).filter(pk=pk).mark_read()
    if not updated and not Notification.objects.for_user(request.user).filter(pk=pk).exists():
        raise Http404(_("没有这条消息。"))
    return HttpResponseRedirect(_safe_next(request, reverse("notifications:list")))


@login_required
@require_POST
def mark_all_read(request):
    queryset = Notification.objects.for_user(request.user)
    kind = request.POST.get("kind", "")
    if kind in dict(kinds.choices()):
        queryset = queryset.filter(kind=kind)
    count = queryset.mark_read()
    flash.success(request, _("已将 %(count)d 条消息标为已读。") % {"count": count})
    return HttpResponseRedirect(_safe_next(request, reverse("notifications:list")))


@never_cache
@login_required
@require_GET
def open_message(request, pk: int):
    """Mark the message read and go to what it is about (only a link on this site)."""
    notification = Notification.objects.for_user(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404(_("没有这条消息。"))
    Notification.objects.filter(pk=pk).mark_read()
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(link)
    return HttpResponseRedirect(reverse("notifications:list"))


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.user, request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            form.save()
            flash.success(request, _("消息接收设置已保存。"))
            return HttpResponseRedirect(reverse("notifications:preferences"))
        return render(request, "notifications/preferences.html", {"form": form}, status=400)
    return render(request, "notifications/preferences.html", {"form": form})


@never_cache
@require_GET
def unread_json(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "not_authenticated", "message": _("请先登录。")}, status=401,
                            json_dumps_params={"ensure_ascii": False})
    return JsonResponse({"unread": unread_count(request.user)})
