"""Wagtail hooks of `cms`."""
from __future__ import annotations

from django.http import Http404
from wagtail import hooks

from cms.documents import user_may_read
from django.utils.translation import gettext


@hooks.register("before_serve_document")
def refuse_unreadable_documents(document, request):
    """A document of a draft, internal or expired page is not served to those who cannot read
    that page (404: its existence is not revealed)."""
    if not user_may_read(document, request.user):
        raise Http404(gettext("没有这个文件"))
