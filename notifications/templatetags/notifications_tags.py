"""``{% unread_badge %}``: the signed-in user's unread count, linked to the message page.

Used in the portal header; public pages never show it (they are cached for everyone)."""
from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from notifications.service import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_badge(context, poll: int = 30):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return ""
    count = unread_count(user)
    return format_html(
        '<a class="notif-link" href="{}" data-unread-url="{}" data-poll="{}">{} <span class="notif-badge" data-unread-count>{}</span>'
        '<span class="visually-hidden">{}</span></a>',
        reverse("notifications:list"), reverse("notifications:unread"), int(poll), _("消息"), count, _("条未读"))
