"""Signals other apps listen to (the search engineer indexes synchronously on them).

* ``content_expired(sender=PageModel, page=page)``: a notice passed its ``expires_at`` or a
  policy was repealed / declared invalid (sent once, by ``run_scheduler`` or on publishing).
* ``content_imported(sender=None, pages=[...])``: ``import_content`` (or the demo loader)
  finished; ``pages`` are the specific pages it created or updated, live or draft. While the
  import writes, ``importing()`` is true: a listener that handles ``content_imported`` may skip
  its per-page work on Wagtail's page signals then (it would do the same work twice).
* ``privacy_changed(sender=Page, page=page, public=bool)``: a view restriction was added to
  ``page`` (``public=False``: it and everything under it left the public site) or removed
  (``public=True``). The hook for anything that keeps public copies (API cache, CDN, full-page
  cache, webhooks): treat ``public=False`` exactly like an unpublish of every live page under it.
"""
from django.dispatch import Signal

content_expired = Signal()
content_imported = Signal()
privacy_changed = Signal()


def importing() -> bool:
    """True while ``import_content`` writes a file; ``content_imported`` follows with every page."""
    from cms.models.base import BULK_WRITE

    return BULK_WRITE.get()
