"""Telling people what happened to an item: citizens by e-mail and SMS, officials in the platform.

Everything goes through the platform's message centre (``notifications``): its sender registry
and its SMS backends (``NOTIFICATIONS_SMS_BACKEND``, a console/log backend by default, so no
gateway is needed to develop or test). Deliveries are written in the step's transaction and sent
by the task worker after the commit, with retries; a rolled-back step sends nothing.

Messages never carry the query code (it was shown once, at submission) and never the answer
text: they say what changed and where to look.
"""
from __future__ import annotations

import logging

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

logger = logging.getLogger(__name__)


def _to_address(channel: str, address: str, title: str, body: str, link: str) -> None:
    from notifications.kinds import CITIZEN
    from notifications.service import notify_address

    try:
        notify_address(channel, address, title, body, kind=CITIZEN, link=link)
    except ValueError as exc:  # an address the channel cannot use: the other channel may still work
        logger.warning("citizen %s notification not sent: %s", channel, exc)


# what the citizen is told for each event (the event names of interaction.workflow)
CITIZEN_TEXT = {
    "submitted": N_("您的%(kind)s（受理编号 %(number)s）已收到，我们将在 %(deadline)s 前答复。"),
    "transferred": N_("您的%(kind)s（受理编号 %(number)s）已转至%(department)s办理。"),
    "info_requested": N_("您的%(kind)s（受理编号 %(number)s）需要补充材料，请凭受理编号和查询码查看并补充。"),
    "answered": N_("您的%(kind)s（受理编号 %(number)s）已答复，请凭受理编号和查询码查看并评价。"),
    "closed": N_("您的%(kind)s（受理编号 %(number)s）已办结。"),
    "rating_answered": N_("您对“%(subject)s”的服务评价已收到整改答复：%(answer)s"),
}


def notify_citizen(item, event: str) -> None:
    """E-mail (when given) and SMS to the asker about ``event`` on ``item``."""
    template = CITIZEN_TEXT.get(event)
    if template is None:
        return
    from django.utils import timezone

    values = {
        "kind": item.kind_label, "number": item.tracking_number,
        "deadline": timezone.localtime(item.deadline).strftime("%Y-%m-%d"),
        "department": item.department.name if item.department else "",
        "subject": item.subject, "answer": item.answer[:200],
    }
    body = _(template) % values
    title = _("明川市互动交流：%(number)s") % values
    link = f"{settings.BASE_URL}/interaction/track/"
    if item.email:
        _to_address("email", item.email, title, body, link)
    if item.phone:
        _to_address("sms", item.phone, title, body, link)


def notify_officials(users, subject: str, body: str, url: str = "", item=None) -> None:
    """Officials hear about items through the platform's message centre (kind ``interaction``)."""
    from notifications.kinds import INTERACTION
    from notifications.service import notify

    notify(list(users), INTERACTION, subject, link=url, source=item, body=body)
