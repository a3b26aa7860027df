"""公开选登: the answers published with the asker's consent, without personal data.

``public_answer`` is the only way an item leaves the building: it builds a fresh dict of the
fields that may be public (never the model), with the asker's name, phone numbers, ID numbers
and e-mail addresses scrubbed from the question and the answer.
"""
from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from interaction.models import Interaction
from interaction.privacy import scrub_text


def published_items(department_slug: str = "", query: str = ""):
    items = Interaction.objects.published().select_related("department").order_by("-answered_at", "-id")
    if department_slug:
        items = items.filter(department__slug=department_slug)
    if query:
        items = items.filter(Q(subject__icontains=query) | Q(content__icontains=query) | Q(answer__icontains=query))
    return items


def public_answer(item: Interaction) -> dict:
    names = (item.name,)
    return {
        "tracking_number": item.tracking_number,
        "kind": item.kind,
        "kind_label": item.kind_label,
        "department": item.department.name if item.department else "",
        "department_slug": item.department.slug if item.department else "",
        "subject": scrub_text(item.subject, names=names),
        "question": scrub_text(item.content, names=names),
        "answer": scrub_text(item.answer, names=names),
        "submitted_at": timezone.localtime(item.submitted_at),
        "answered_at": timezone.localtime(item.answered_at) if item.answered_at else None,
        "satisfaction": item.satisfaction,
        "satisfaction_label": item.get_satisfaction_display() if item.satisfaction else "",
    }
