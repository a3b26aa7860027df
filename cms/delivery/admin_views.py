"""Admin views of the delivery app: the preview token page an editor opens from a page's header
menu, and manual redelivery of a webhook delivery."""
from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.models import Page
from django.utils.translation import gettext

from cms.delivery.api.common import api_url
from cms.delivery.models import WebhookDelivery
from cms.delivery.preview import frontend_url, make_token
from cms.delivery.tasks import redeliver


def preview_token(request, page_id: int):
    """A fresh token for the page's latest revision (the draft being edited)."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    revision = page.get_latest_revision()
    context = {"page": page, "revision": revision}
    if revision is not None:
        token = make_token(page.pk, revision.pk)
        context.update(
            token=token,
            expires_at=timezone.now() + timezone.timedelta(seconds=settings.DELIVERY_PREVIEW_TTL),
            api_preview_url=api_url("preview", page_id=page.pk) + f"?token={token}",
            frontend_url=frontend_url(page.pk, token),
        )
    return TemplateResponse(request, "delivery/admin/preview_token.html", context)


@require_POST
def redeliver_view(request, delivery_id: int):
    if not request.user.has_perm("delivery.change_webhooksubscriber"):
        raise PermissionDenied
    delivery = redeliver(delivery_id)
    if delivery is None:
        messages.error(request, gettext("投递不存在"))
        return redirect(reverse("delivery_events:index"))
    attempt = delivery.log.order_by("-attempted_at").first()
    if attempt and attempt.ok:
        messages.success(request, gettext("已重新发送到 %(subscriber)s（%(status)s）") % {"subscriber": delivery.subscriber, "status": attempt.status_code})
    else:
        messages.error(request, gettext("重新发送到 %(subscriber)s 失败：%(error)s") % {"subscriber": delivery.subscriber, "error": attempt.status_code or attempt.error})
    return redirect(reverse("delivery_events:inspect", args=[delivery.event_id]))


def delivery_for_event(event_id):
    return WebhookDelivery.objects.filter(event_id=event_id).select_related("subscriber").prefetch_related("log")
