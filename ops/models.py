"""Leadership leases: which worker process may run periodic work (scheduled publishing, webhook
retries, search outbox catch-up) right now. See ``ops.leadership``."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class LeaderLease(models.Model):
    """One row per kind of work; ``holder`` may act until ``expires_at`` and renews before then."""

    name = models.CharField(_("名称"), max_length=100, primary_key=True)
    holder = models.CharField(_("持有者"), max_length=200)
    expires_at = models.DateTimeField(_("到期时间"))
    acquired_at = models.DateTimeField(_("获得时间"))

    class Meta:
        verbose_name = _("主节点租约")
        verbose_name_plural = _("主节点租约")

    def __str__(self) -> str:
        return f"{self.name}: {self.holder}"
