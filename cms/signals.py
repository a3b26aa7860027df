"""Signals other apps listen to (the search engineer indexes synchronously on them).

* ``content_expired(sender=PageModel, page=page)``: a notice passed its ``expires_at`` or a
  policy was repealed / declared invalid (sent once, by ``run_scheduler`` or on publishing).
* ``content_imported(sender=None, pages=[...])``: ``import_content`` (or the demo loader)
  finished; ``pages`` are the specific pages it created or updated, live or draft.
"""
from django.dispatch import Signal

content_expired = Signal()
content_imported = Signal()
