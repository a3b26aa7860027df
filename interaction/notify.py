"""Telling people what happened to an item: citizens by e-mail and SMS, officials in the platform.

Everything goes out through :func:`deliver`, the one place that knows how: it uses the
platform's message centre (the ``notifications`` app's sender registry) when it is installed,
and otherwise its own small fallbacks (Django's e-mail, and an SMS sender registry whose default
``log`` backend writes the message to the log, so no SMS gateway is needed to develop or test).
Switching to the message centre everywhere is a change to that one function.

Messages never carry the query code (it was shown once, at submission) and never the answer
text: they say what changed and link to the tracking page.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

logger = logging.getLogger(__name__)


class SmsSender:
    """An SMS gateway. Subclass, implement ``send`` and ``register_sms_sender("name", cls)``."""

    def send(self, phone: str, text: str) -> None:
        raise NotImplementedError


class LogSmsSender(SmsSender):
    """Writes the SMS to the log (the default: development, tests, deployments without a gateway)."""

    sent: list[tuple[str, str]] = []  # the last messages, for tests and the demo

    def send(self, phone: str, text: str) -> None:
        type(self).sent = (type(self).sent + [(phone, text)])[-100:]
        logger.info("SMS to %s: %s", phone, text)


class ConsoleSmsSender(SmsSender):
    def send(self, phone: str, text: str) -> None:
        print(f"[SMS] {phone}: {text}", flush=True)


_SMS_SENDERS: dict[str, type[SmsSender]] = {"log": LogSmsSender, "console": ConsoleSmsSender}


def register_sms_sender(name: str, cls: type[SmsSender]) -> None:
    _SMS_SENDERS[name] = cls


def sms_sender() -> SmsSender:
    name = settings.INTERACTION_SMS_BACKEND
    if name in _SMS_SENDERS:
        return _SMS_SENDERS[name]()
    return import_string(name)()  # a dotted path to a sender class


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    url: str = ""


def _message_centre():
    """The notifications app's ``send`` when it is installed, else ``None``."""
    from django.apps import apps

    if not apps.is_installed("notifications"):
        return None
    try:
        return import_string("notifications.send")
    except ImportError:
        return None


def deliver(channel: str, recipient, message: Message) -> bool:
    """Send one message on ``channel`` (``email``, ``sms``, ``platform``); ``recipient`` is an
    address, a phone number or a user. Failures are logged, never raised: a notification must not
    undo the step that caused it."""
    centre = _message_centre()
    try:
        if centre is not None:
            centre(channel=channel, recipient=recipient, subject=message.subject, body=message.body,
                   url=message.url)
            return True
        if channel == "email":
            send_mail(message.subject, f"{message.body}\n\n{message.url}".strip(), None, [recipient])
        elif channel == "sms":
            sms_sender().send(recipient, f"{message.body} {message.url}".strip())
        elif channel == "platform":
            logger.info("message for %s: %s", recipient, message.subject)
        else:
            raise ValueError(f"unknown channel {channel!r}")
        return True
    except Exception:
        logger.exception("could not send a %s notification", channel)
        return False


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
    message = Message(subject=_("明川市互动交流：%(number)s") % values, body=body,
                      url=f"{settings.BASE_URL}/interaction/track/")
    if item.email:
        deliver("email", item.email, message)
    if item.phone:
        deliver("sms", item.phone, message)


def notify_officials(users, subject: str, body: str, url: str = "") -> None:
    """Officials hear about items through the platform's message centre."""
    for user in users:
        deliver("platform", user, Message(subject=subject, body=body, url=url))
