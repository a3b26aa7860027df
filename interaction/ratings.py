"""好差评: storing a service rating (one per visitor per guide per day), opening a 整改 item for
a 差评, and the scores per guide and per department.

"The same visitor" is an HMAC of the client address and the guide (no cookie, no login): the
unique constraint ``(page, visitor_key, day)`` enforces it even under concurrent requests.
"""
from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from config.client_address import client_address
from interaction.models import RATING_REASONS, ServiceRating
from interaction.models.ratings import BAD_GRADES, GRADES
from config.i18n import join_list


class RatingRefused(Exception):
    """Not stored; ``str(exc)`` says why, in words for the visitor."""


def visitor_key(request, page_id: int) -> str:
    address = client_address(request) or "unknown"
    return hmac.new(settings.SECRET_KEY.encode(), f"rating:{page_id}:{address}".encode(), hashlib.sha256).hexdigest()


def is_service_guide(page) -> bool:
    return getattr(page, "record_type", "") == "service_guide"


def rate_service(request, page, data: dict) -> ServiceRating:
    """Store a rating of ``page`` (a live service guide) from validated ``data``."""
    if not is_service_guide(page):
        raise RatingRefused(_("只能评价办事指南。"))
    unknown = set(data.get("reasons") or []) - set(RATING_REASONS)
    if unknown:
        raise RatingRefused(_("未知的评价原因：%(r)s") % {"r": join_list(sorted(unknown))})
    rating = ServiceRating(
        page_id=page.pk, department_id=getattr(page, "department_id", None), grade=data["grade"],
        reasons=list(dict.fromkeys(data.get("reasons") or [])), comment=data.get("comment", ""),
        contact_name=data.get("contact_name", ""), contact_phone=data.get("contact_phone", ""),
        contact_email=data.get("contact_email", ""), visitor_key=visitor_key(request, page.pk),
        day=timezone.localdate(),
    )
    try:
        with transaction.atomic():
            rating.save()
            if rating.grade in BAD_GRADES:
                open_follow_up(rating, page)
    except IntegrityError as exc:
        if ServiceRating.objects.filter(page_id=page.pk, visitor_key=rating.visitor_key, day=rating.day).exists():
            raise RatingRefused(_("您今天已经评价过这项服务，谢谢！")) from exc
        raise
    return rating


def open_follow_up(rating: ServiceRating, page):
    """A 差评 opens a 整改 item for the guide's department, answered back to the rater if they
    left contact details."""
    from interaction.submission import submit

    reasons = join_list(RATING_REASONS[r] for r in rating.reasons)
    lines = [_("办事指南：%(t)s") % {"t": page.title}, _("评价：%(g)s") % {"g": GRADES[rating.grade]}]
    if reasons:
        lines.append(_("原因：%(r)s") % {"r": reasons})
    if rating.comment:
        lines.append(_("意见：%(c)s") % {"c": rating.comment})
    data = {
        "department": page.department, "subject": (_("差评整改：%(t)s") % {"t": page.title})[:100],
        "content": "\n".join(lines), "name": rating.contact_name, "phone": rating.contact_phone,
        "email": rating.contact_email, "publish_consent": False, "privacy_consent": True,
    }
    return submit(data, kind="rectification", source_rating=rating).item


def scores(queryset=None, by: str = "page"):
    """Average grade, number of ratings, share of 满意 (4-5) and number of 差评 (1-2), per
    ``page`` or per ``department``."""
    field = {"page": "page_id", "department": "department_id"}[by]
    queryset = ServiceRating.objects.all() if queryset is None else queryset
    return (queryset.values(field)
            .annotate(count=Count("id"), average=Avg("grade"),
                      good=Count("id", filter=Q(grade__gte=4)), bad=Count("id", filter=Q(grade__lte=2)))
            .order_by("average", "-count"))


def guide_score(page_id: int) -> dict:
    """``{"count", "average"}`` of one guide's ratings (shown on the guide and to officials)."""
    return ServiceRating.objects.filter(page_id=page_id).aggregate(count=Count("id"), average=Avg("grade"))
