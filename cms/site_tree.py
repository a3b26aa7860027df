"""Make sure a Wagtail Site has the CMS tree: HomePage → three indexes → department sections.

Used by the demo loader and by ``import_content`` (which may run against an empty site)."""
from __future__ import annotations

from django.db import transaction
from wagtail.models import Page, Site

from cms.models import (
    DepartmentSectionPage,
    HomePage,
    NoticeIndexPage,
    PolicyIndexPage,
    ServiceGuideIndexPage,
)
from cms.models.indexes import ContentIndexPage

INDEXES: list[tuple[type[ContentIndexPage], str, str]] = [
    (ServiceGuideIndexPage, "办事指南", "services"),
    (NoticeIndexPage, "通知公告", "notices"),
    (PolicyIndexPage, "政策文件", "policies"),
]
HOME_TITLE = "明川市人民政府"


def get_site(hostname: str | None = None) -> Site:
    """The site for ``hostname``, or the default site. Raises ``Site.DoesNotExist``."""
    if hostname:
        return Site.objects.get(hostname=hostname)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise Site.DoesNotExist("没有默认站点 / no default site")
    return site


@transaction.atomic
def ensure_home(site: Site) -> HomePage:
    """Return the site's HomePage, replacing Wagtail's welcome page on a fresh install."""
    root_page = site.root_page.specific
    if isinstance(root_page, HomePage):
        return root_page
    tree_root = Page.get_first_root_node()
    home = HomePage.objects.child_of(tree_root).first()
    if home is None:
        home = tree_root.add_child(instance=HomePage(title=HOME_TITLE, slug="home-cms",
                                                     intro="<p>欢迎访问明川市人民政府门户网站。</p>"))
    site.root_page = home
    site.save()
    # The welcome page of a fresh install has no children and no other site: remove it.
    if (type(root_page) is Page and root_page.depth == 2 and not root_page.get_children().exists()
            and not Site.objects.filter(root_page=root_page).exists()):
        root_page.delete()
    if home.slug != "home":
        if not Page.objects.child_of(tree_root).filter(slug="home").exists():
            home.slug = "home"
            home.save()
    return home


def ensure_index(home: HomePage, model: type[ContentIndexPage]) -> ContentIndexPage:
    existing = model.objects.descendant_of(home).first()
    if existing:
        return existing
    _, title, slug = next(entry for entry in INDEXES if entry[0] is model)
    return home.add_child(instance=model(title=title, slug=slug))


def ensure_tree(site: Site) -> dict[type, ContentIndexPage]:
    home = ensure_home(site)
    return {model: ensure_index(home, model) for model, _, _ in INDEXES}


def index_for(site: Site, content_model) -> ContentIndexPage:
    index_model = next(model for model, _, _ in INDEXES if model.content_model is content_model)
    return ensure_tree(site)[index_model]


def ensure_section(index_page: ContentIndexPage, department) -> DepartmentSectionPage:
    """The department's section under ``index_page`` (created when missing)."""
    section = DepartmentSectionPage.objects.child_of(index_page).filter(department=department).first()
    if section:
        return section
    return index_page.add_child(instance=DepartmentSectionPage(
        title=department.name, slug=department.slug, department=department))
