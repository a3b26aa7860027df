"""Wagtail hooks of `cms`."""
from __future__ import annotations

from django.http import Http404
from django.utils.functional import lazy
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.utils.version import get_main_version

from cms.documents import user_may_read


@hooks.register("before_serve_document")
def refuse_unreadable_documents(document, request):
    """A document of a draft, internal or expired page is not served to those who cannot read
    that page (404: its existence is not revealed)."""
    if not user_may_read(document, request.user):
        raise Http404(gettext("没有这个文件"))


# Wagtail's own msgid (its catalogues translate it); held in a name so that our makemessages does
# not extract it into the project's catalogues, whose zh_Hans would map it to itself.
WHATS_NEW = "What's new in Wagtail %(version)s"


def _whats_new(version: str) -> str:
    return gettext(WHATS_NEW) % {"version": version}


_whats_new_lazy = lazy(_whats_new, str)


@hooks.register("construct_help_menu")
def keep_whats_new_in_the_users_language(request, menu_items):
    """Wagtail builds its "What's new in Wagtail" label with ``_(...) % {...}``, which evaluates
    once per process, and keeps the menu for the process: the label stayed in the language of the
    first request (Chinese for an English admin). A lazy label follows each user's language."""
    version = get_main_version(include_patch=False)
    for item in menu_items:
        if getattr(item, "name", "") == f"whats-new-in-wagtail-{version}":
            item.label = _whats_new_lazy(version)
