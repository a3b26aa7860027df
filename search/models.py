"""Models of `search`: the database copy of every search document (what the fallback searches),
the indexing outbox, and what editors manage (synonyms, promoted results) and read (analytics)."""
from __future__ import annotations

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

from search.text import normalize_query
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """One search document, stored in the database in the same transaction as the content change.

    It is both the database fallback's index and the source the outbox drainer sends to
    Elasticsearch, so nothing is lost while Elasticsearch is down."""

    key = models.CharField(max_length=150, unique=True)
    type = models.CharField(max_length=50, db_index=True)
    slug = models.CharField(max_length=255, blank=True)
    title = models.CharField(max_length=500)
    url = models.CharField(max_length=1000, blank=True)
    summary = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="body, materials, legal basis, document number, FAQs")
    doc_number_norm = models.CharField(max_length=200, blank=True, db_index=True)
    department = models.CharField(max_length=255, blank=True, db_index=True)
    topics = models.JSONField(default=list, blank=True)
    year = models.IntegerField(null=True, blank=True, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    validity = models.CharField(max_length=20, default="valid")
    # " public " or " group:科员 authenticated ": padded so that a LIKE on " token " is exact on
    # SQLite and PostgreSQL alike (JSON containment is not portable).
    access_tokens = models.CharField(max_length=1000, blank=True, db_index=True)
    document = models.JSONField(default=dict)
    # bigram tokens (search/grams.py) for the database's full-text index: FTS5 on SQLite, a
    # generated tsvector column on PostgreSQL (migration 0003)
    title_grams = models.TextField(blank=True, editable=False)
    body_grams = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("搜索条目")
        verbose_name_plural = _("搜索条目")

    def __str__(self) -> str:
        return f"{self.key} {self.title}"


class OutboxEntry(models.Model):
    """"Document ``key`` changed": written with the change, drained to Elasticsearch in bulk.

    Rows are kept (``processed_at``) for a day so a rebuild can replay what changed while it ran."""

    key = models.CharField(max_length=150, db_index=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("索引待办")
        verbose_name_plural = _("索引待办")


class Synonym(models.Model):
    """Words that mean the same to citizens (工商登记 ↔ 市场主体登记), or a one-way expansion
    (五险一金 → 社会保险, 住房公积金). Applied when a query is parsed, in both engines, so a
    change takes effect on the next query with no reindex and no downtime."""

    terms = models.CharField(_("词语"), max_length=500,
                             help_text=_("用逗号分隔的同义词，例如：工商登记, 市场主体登记"))
    expands_to = models.CharField(_("单向扩展为"), max_length=500, blank=True,
                                  help_text=_("可选。填写后为单向扩展：搜索“词语”时也搜索这些词，反之不然"))
    enabled = models.BooleanField(_("启用"), default=True)

    panels = [FieldPanel("terms"), FieldPanel("expands_to"), FieldPanel("enabled")]

    class Meta:
        verbose_name = _("同义词")
        verbose_name_plural = _("同义词")

    def __str__(self) -> str:
        return f"{self.terms} → {self.expands_to}" if self.expands_to else self.terms

    @staticmethod
    def split(value: str) -> list[str]:
        return [normalize_query(p) for p in value.replace("，", ",").replace("、", ",").split(",") if p.strip()]


class PromotedResult(models.Model):
    """A "best bet": an item editors pin to the top of the first page for a query."""

    query = models.CharField(_("搜索词"), max_length=200, db_index=True)
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("置顶页面"))
    sort_order = models.IntegerField(_("排序"), default=0)
    note = models.CharField(_("备注"), max_length=255, blank=True)

    panels = [FieldPanel("query"), FieldPanel("page"), FieldPanel("sort_order"), FieldPanel("note")]

    class Meta:
        verbose_name = _("推荐结果")
        verbose_name_plural = _("推荐结果")
        ordering = ["query", "sort_order"]

    def __str__(self) -> str:
        return f"{self.query} → {self.page}"

    def save(self, *args, **kwargs):
        self.query = normalize_query(self.query)
        super().save(*args, **kwargs)


class QueryLog(models.Model):
    """One search request (type-ahead requests are not logged)."""

    query = models.CharField(max_length=200, db_index=True)
    results = models.PositiveIntegerField()
    backend = models.CharField(max_length=20)
    authenticated = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("搜索记录")
        verbose_name_plural = _("搜索记录")


class ClickLog(models.Model):
    """A result a user opened from the result list (``POST /api/search/click/``)."""

    query = models.CharField(max_length=200, db_index=True)
    key = models.CharField(max_length=150, blank=True)
    url = models.CharField(max_length=1000)
    position = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("点击记录")
        verbose_name_plural = _("点击记录")
