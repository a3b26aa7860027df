"""好差评: a visitor's rating of a service guide (one per visitor per guide per day)."""
from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: reasons a rater may tick (key → label); the API's ``reasons`` take the keys
RATING_REASONS: dict[str, str] = {
    "unclear_materials": _("材料要求不清楚"),
    "slow": _("办理时间长"),
    "attitude": _("态度不好"),
    "repeated_visits": _("多次跑腿"),
    "online_broken": _("网上办理不好用"),
    "clear_guide": _("指南清楚易懂"),
    "fast": _("办理快捷"),
    "helpful_staff": _("工作人员热情"),
}

GRADES = {5: _("非常满意"), 4: _("满意"), 3: _("基本满意"), 2: _("不满意"), 1: _("非常不满意")}
BAD_GRADES = frozenset({1, 2})


class ServiceRating(models.Model):
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("办事指南"))
    department = models.ForeignKey("cms.Department", null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("部门"))
    grade = models.PositiveSmallIntegerField(_("评价"), choices=sorted(GRADES.items(), reverse=True))
    reasons = models.JSONField(_("原因"), default=list, blank=True)
    comment = models.CharField(_("意见"), max_length=500, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=20, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    # HMAC of the visitor (cookie or address): identifies "the same visitor today", nothing more
    visitor_key = models.CharField(max_length=64, editable=False)
    day = models.DateField(default=timezone.localdate)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("服务评价")
        verbose_name_plural = _("服务评价")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["page", "visitor_key", "day"],
                                               name="interaction_one_rating_per_day")]

    def __str__(self) -> str:
        return f"{self.page_id} {self.grade}"

    @property
    def is_bad(self) -> bool:
        return self.grade in BAD_GRADES
