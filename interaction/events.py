"""Every step of an item goes into Wagtail's audit log (设置 → 日志, and the item's history),
and the people concerned are told. Action names are constants registered with labels in
``wagtail_hooks.py``; a typo fails loudly in ``record``."""
from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

ACTIONS = {
    "submitted": _("群众提交"),
    "assigned": _("分派承办人"),
    "transferred": _("转办"),
    "info_requested": _("要求补充材料"),
    "info_supplied": _("群众补充材料"),
    "drafted": _("保存答复草稿"),
    "submitted_for_signoff": _("提交签发"),
    "signoff_rejected": _("退回修改"),
    "answered": _("签发答复"),
    "rated": _("群众评价答复"),
    "closed": _("办结"),
    "exported": _("导出"),
}
PREFIX = "interaction."
CITIZEN_EVENTS = {"transferred", "info_requested", "answered", "closed"}


def action_name(event: str) -> str:
    if event not in ACTIONS:
        raise KeyError(f"unknown interaction event {event!r}")
    return PREFIX + event


def record(item, event: str, *, user=None, data: dict | None = None) -> None:
    log(instance=item, action=action_name(event), user=user, data=data or {})


def history(item):
    from wagtail.models import ModelLogEntry

    return ModelLogEntry.objects.for_instance(item).select_related("user").order_by("timestamp", "id")


def after_submission(item) -> None:
    from interaction.access import members_of
    from interaction.notify import notify_citizen, notify_officials

    notify_citizen(item, "submitted")
    if item.department is not None:
        notify_officials(members_of(item.department), gettext("新%(kind)s：%(subject)s") % _values(item),
                         gettext("受理编号 %(number)s，期限 %(deadline)s") % _values(item),
                         f"/admin/interaction/{item.pk}/", item=item)


def after_step(item, event: str) -> None:
    from interaction.access import members_of, signers_of
    from interaction.notify import notify_citizen, notify_officials

    url = f"/admin/interaction/{item.pk}/"
    if item.source_rating_id and event == "answered":
        notify_citizen(item, "rating_answered")  # the rater never had a query code
    elif event in CITIZEN_EVENTS:
        notify_citizen(item, event)
    values = _values(item)
    detail = gettext("受理编号 %(number)s，期限 %(deadline)s") % values
    if event == "transferred" and item.department is not None:
        notify_officials(members_of(item.department), gettext("转办来的%(kind)s：%(subject)s") % values,
                         detail, url, item=item)
    elif event == "submitted_for_signoff" and item.department is not None:
        notify_officials(signers_of(item.department), gettext("待签发：%(subject)s") % values, detail, url, item=item)
    elif event == "assigned" and item.assignee is not None:
        notify_officials([item.assignee], gettext("分派给您的%(kind)s：%(subject)s") % values, detail, url, item=item)


def _values(item) -> dict:
    from django.utils import timezone

    return {"kind": item.kind_label, "subject": item.subject, "number": item.tracking_number,
            "deadline": timezone.localtime(item.deadline).strftime("%Y-%m-%d")}
