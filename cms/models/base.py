"""The shared base of every content type: department, topics, summary, body, dates, attachments,
and the query helpers other apps rely on (``live_public()``, ``is_expired()``, ``is_internal()``).

"Internal" content uses Wagtail's own page privacy (PageViewRestriction, usually by groups):
search, the API and the portal all tell internal from public the same way."""
from __future__ import annotations

import re
from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from rest_framework import serializers
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import CommentPanel, FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.models.blocks import AttachmentBlock
from cms.models.fields import MultipleChoiceJSONField
from cms.text import sanitize_html
from cms.vocabulary import Audience
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext

SLUG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
BODY_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
# Set by the importer while it writes a file it has validated as a whole (slugs unique, relations
# loaded from the database): saves skip the checks that cost a query each and are already done.
BULK_WRITE: ContextVar[bool] = ContextVar("cms_bulk_write", default=False)
TRUSTED_RELATIONS = ("department", "owner", "locale", "content_type", "latest_revision", "live_revision",
                     "alias_of", "locked_by", "replaced_by")
AUDIENCE_CHOICES = Audience.choices


class GovernmentPageQuerySet(PageQuerySet):
    def not_expired(self, at=None):
        """Exclude items whose ``expires_at`` has passed: lists drop them on time, at query time."""
        from cms.visibility import not_expired_q

        return self.filter(not_expired_q(at))

    def expired(self, at=None):
        return self.filter(expires_at__isnull=False, expires_at__lte=at or timezone.now())

    def live_public(self, at=None):
        """What an anonymous citizen may see in lists: live, without view restrictions, not expired."""
        from cms.visibility import ANONYMOUS

        return self.visible_to(ANONYMOUS, at)

    def visible_to(self, reader, at=None):
        """The project's one visibility rule (``cms.visibility``) as a queryset method."""
        from cms.visibility import restricted_for

        return self.live().filter(depth__gt=1).exclude(restricted_for(reader)).not_expired(at)

    def in_department(self, department):
        return self.filter(department=department)


GovernmentPageManager = PageManager.from_queryset(GovernmentPageQuerySet)


class GovernmentPageForm(WagtailAdminPageForm):
    """The department is the department of the section the page lives in: shown, never editable,
    and whatever a crafted POST says is ignored (a disabled field takes its initial value)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "department" not in self.fields:
            return
        parent = getattr(self, "parent_page", None)
        if parent is None and self.instance.pk:
            parent = self.instance.get_parent()
        department_id = getattr(parent.specific, "department_id", None) if parent is not None else None
        if department_id:
            self.initial["department"] = self.fields["department"].initial = department_id
            self.fields["department"].disabled = True
            self.fields["department"].help_text = gettext("由所在部门栏目决定")


class GovernmentPage(Page):
    """Abstract base of ServiceGuidePage, NoticePage and PolicyPage.

    Field names equal content.schema.json's so import/export, search and the API map 1:1.
    ``record_type`` is the schema's ``type`` value of the subclass."""

    record_type: str = ""

    department = models.ForeignKey("cms.Department", on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("发布部门"))
    topics = ParentalManyToManyField("cms.Topic", blank=True, related_name="+", verbose_name=_("主题"))
    summary = models.TextField(_("摘要"), blank=True)
    body = RichTextField(_("正文"), blank=True, features=BODY_FEATURES)
    audience = MultipleChoiceJSONField(_("服务对象"), item_choices=AUDIENCE_CHOICES)
    published_at = models.DateTimeField(_("发布时间"), default=timezone.now, db_index=True)
    expires_at = models.DateTimeField(_("失效时间"), null=True, blank=True, db_index=True,
                                      help_text=_("到期后自动从列表和搜索中撤下"))
    attachments = StreamField([("attachment", AttachmentBlock())], blank=True, verbose_name=_("附件"))

    objects = GovernmentPageManager()
    base_form_class = GovernmentPageForm

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("department"), FieldPanel("topics"), FieldPanel("audience")],
                        heading=_("分类")),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("published_at"), FieldPanel("expires_at")], heading=_("时间")),
        FieldPanel("attachments"),
    ]
    # Expiry is edited as `expires_at` (content tab) and mirrored into Wagtail's `expire_at`, so
    # Wagtail's own scheduler unpublishes on time. The stock expiry field is left out: it refuses
    # past dates, which would block editing an already expired notice.
    settings_panels = [
        MultiFieldPanel([FieldPanel("go_live_at", heading=_("定时发布时间"))], heading=_("定时发布")),
        CommentPanel(),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("department", [index.SearchField("name"), index.FilterField("slug")]),
        index.RelatedFields("topics", [index.SearchField("name"), index.FilterField("slug")]),
        index.FilterField("department"),
        index.FilterField("published_at"),
        index.FilterField("expires_at"),
    ]

    api_fields = [
        APIField("department", serializer=serializers.StringRelatedField()),
        APIField("topics", serializer=serializers.StringRelatedField(many=True)),
        APIField("summary"),
        APIField("body"),
        APIField("audience"),
        APIField("published_at"),
        APIField("expires_at"),
        APIField("attachments"),
    ]

    class Meta:
        abstract = True

    # --- rules ----------------------------------------------------------------------------------
    def audience_labels(self) -> list[str]:
        """服务对象 as shown to readers: the stored values (个人, 法人) in the reader's language."""
        labels = dict(AUDIENCE_CHOICES)
        return [labels.get(value, value) for value in self.audience or ()]

    @classmethod
    def can_create_at(cls, parent):
        """Content lives in a department section under the index of its own type."""
        if not super().can_create_at(parent):
            return False
        index_page = parent.get_parent()
        return index_page is not None and getattr(index_page.specific_class, "content_model", None) is cls

    def clean(self):
        super().clean()
        self.body = sanitize_html(self.body)
        self.expire_at = self.expires_at
        errors = {}
        if self.slug and not SLUG_PATTERN.match(self.slug):
            errors["slug"] = gettext("标识只能由小写英文字母、数字和连字符组成（用于导入导出的稳定标识）")
        elif self.slug and not BULK_WRITE.get() and self.slug_taken_elsewhere():
            errors["slug"] = gettext("该标识已被其他内容使用")
        section_department = self.section_department_id()
        if section_department and self.department_id != section_department:
            errors["department"] = gettext("发布部门必须是所在部门栏目的部门")
        if self.expires_at and self.published_at and self.expires_at <= self.published_at:
            errors["expires_at"] = gettext("失效时间必须晚于发布时间")
        if errors:
            raise ValidationError(errors)

    def full_clean(self, *args, exclude=None, **kwargs):
        # The importer sets every relation from objects it has just loaded (BULK_WRITE);
        # re-validating each foreign key would cost a query per key per save (about 6 saves per
        # published page). Everything else is still validated.
        if BULK_WRITE.get():
            exclude = {*(exclude or ()), *TRUSTED_RELATIONS}
        return super().full_clean(*args, exclude=exclude, **kwargs)

    def section_department_id(self):
        """The department of the section this page sits in (None outside a section, or while
        the importer writes: it places every record in its own department's section)."""
        if BULK_WRITE.get() or not self.pk or not self.path:
            return None
        parent = self.get_parent()
        return getattr(parent.specific, "department_id", None) if parent is not None else None

    def slug_taken_elsewhere(self) -> bool:
        from cms.models import CONTENT_TYPES  # the registry is built after the subclasses

        return any(model.objects.filter(slug=self.slug).exclude(pk=self.pk).exists()
                   for model in CONTENT_TYPES.values())

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        self.expire_at = self.expires_at
        return super().save(*args, **kwargs)

    # --- helpers other apps use -------------------------------------------------------------------
    def is_expired(self, at=None) -> bool:
        return bool(self.expires_at and self.expires_at <= (at or timezone.now()))

    def serve(self, request, *args, **kwargs):
        """An expired item is gone from its own URL at once (not when the scheduler next runs)."""
        from cms.visibility import is_expired

        if is_expired(self) and not getattr(request, "is_preview", False):  # editors may still preview it
            raise Http404(gettext("该内容已过期"))
        return super().serve(request, *args, **kwargs)

    def is_internal(self) -> bool:
        """True when the page (or an ancestor) has a view restriction: staff-only content."""
        return bool(self.get_view_restrictions())

    def visible_to_groups(self) -> list[str] | None:
        """``None`` for public pages; else the group names that may read it (empty list: any
        logged-in user). Password-restricted pages count as internal with no group."""
        restrictions = self.get_view_restrictions()
        if not restrictions:
            return None
        names: set[str] = set()
        for restriction in restrictions:
            if restriction.restriction_type == PageViewRestriction.GROUPS:
                names.update(restriction.groups.values_list("name", flat=True))
        return sorted(names)

    def topic_names(self) -> list[str]:
        return [topic.name for topic in self.topics.all()]

    def get_section(self):
        return self.get_parent().specific
