"""Per-site theme choice and the site-specific header/footer facts a government site must show."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from django.utils.translation import gettext, gettext_lazy as _

from themes.registry import ThemeError, get_theme, theme_choices


def validate_theme_name(value: str) -> None:
    if not value:
        return
    try:
        get_theme(value)
    except ThemeError as exc:
        raise ValidationError(str(exc)) from exc


class ThemeChoiceField(models.CharField):
    """A CharField whose choices are the themes registered at run time (never frozen into a
    migration, so adding a theme folder needs no migration)."""

    def formfield(self, **kwargs):
        from django import forms

        return forms.ChoiceField(
            choices=[("", gettext("默认主题")), *theme_choices()], required=not self.blank,
            label=self.verbose_name, help_text=self.help_text,
        )


@register_setting(icon="view")
class ThemeSettings(BaseSiteSetting):
    theme = ThemeChoiceField(
        _("主题"), max_length=40, blank=True, validators=[validate_theme_name],
        help_text=_("本站点使用的外观主题；留空使用系统默认主题。"),
    )
    organizer = models.CharField(_("主办单位"), max_length=120, blank=True,
                                 help_text=_("页脚显示的网站主办单位，留空使用主题默认值。"))
    contact = models.CharField(_("联系方式"), max_length=200, blank=True, help_text=_("例如：联系电话 0000-12345"))
    icp_number = models.CharField(_("ICP备案号"), max_length=60, blank=True)
    site_code = models.CharField(_("政府网站标识码"), max_length=30, blank=True)
    popular_searches = models.CharField(
        _("热门搜索"), max_length=300, blank=True,
        help_text=_("首页和搜索页显示的热门搜索词，用逗号或顿号分隔。"),
    )

    panels = [
        FieldPanel("theme"),
        MultiFieldPanel([FieldPanel("organizer"), FieldPanel("contact"), FieldPanel("icp_number"),
                         FieldPanel("site_code")], heading=_("页脚信息")),
        FieldPanel("popular_searches"),
    ]

    class Meta:
        verbose_name = _("站点主题")
        verbose_name_plural = _("站点主题")

    def popular_search_terms(self) -> list[str]:
        import re

        return [term.strip() for term in re.split(r"[,，、;；\n]", self.popular_searches) if term.strip()]


from themes.catalogue import SharedCataloguePage  # noqa: E402,F401  (a page model of this app)
