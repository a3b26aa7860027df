"""Department and Topic: the managed taxonomies shared by every content type (Wagtail snippets).

Names are what import files and the search API use (`department`, `topics` are names in
content.schema.json), so names are unique; slugs are the stable ids used in URLs and filters."""
from __future__ import annotations

from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from cms.text import pinyin_free_slug
from django.utils.translation import gettext_lazy as _


class TaxonomyQuerySet(models.QuerySet):
    def get_or_create_by_name(self, name: str):
        """Find a term by its (trimmed) name or create it with a stable, unique slug."""
        name = name.strip()
        existing = self.filter(name=name).first()
        if existing:
            return existing, False
        return self.create(name=name), True


def unique_slug(model, name: str) -> str:
    base = slugify(name) or pinyin_free_slug(name, prefix=model._meta.model_name)
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class Taxonomy(index.Indexed, models.Model):
    """Common fields of a taxonomy term."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    slug = models.SlugField(_("标识"), max_length=100, unique=True, allow_unicode=False,
                            help_text=_("用于网址和筛选的英文标识，如 scjgj"))
    description = models.TextField(_("说明"), blank=True)

    objects = TaxonomyQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        # Other apps (SSO provisioning) create terms by name only: give them a stable slug.
        if not self.slug:
            self.slug = unique_slug(type(self), self.name)
        super().save(*args, **kwargs)


@register_snippet
class Department(Taxonomy):
    """A government department (实施主体 / 发布机构); each has its own section in the page tree."""

    code = models.CharField(_("机构代码"), max_length=40, blank=True,
                            help_text=_("统一社会信用代码或内部编码"))
    phone = models.CharField(_("联系电话"), max_length=60, blank=True)
    address = models.CharField(_("办公地址"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("code"), FieldPanel("phone"),
              FieldPanel("address"), FieldPanel("description")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("部门")
        verbose_name_plural = _("部门")


@register_snippet
class Topic(Taxonomy):
    """A subject (主题) such as 市场准入 or 社会保障, shared by all content types."""

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(Taxonomy.Meta):
        verbose_name = _("主题")
        verbose_name_plural = _("主题")
