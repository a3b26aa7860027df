"""Demo: a second Wagtail Site (a department's) on another host name with the `department` theme,
beside the city portal with the `city` theme, sharing the service-guide catalogue.

Runs after the CMS demo (order 80): the city site's home and catalogue exist by then. Host names:
the city portal keeps the BASE_URL host (127.0.0.1); the department's site answers on
``THEMES_DEMO_DEPARTMENT_HOST`` (default ``localhost``), which reaches the same server without
any DNS set-up. The catalogue is shared, not copied: see ``themes/catalogue.py`` (the department's home serves the same guide pages in its
theme, without copying them).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

from config.demo import register_demo_loader
from config.env import env_str

CITY_POPULAR = "营业执照，社会保险，住房公积金，居住证，个体工商户，不动产登记"
DEPARTMENT_POPULAR = "营业执照，个体工商户，食品经营许可，企业年报，投诉举报"
DEPARTMENT_NAME = "明川市市场监督管理局"
DEPARTMENT_SLUG = "scjg"


def _base_host_port() -> tuple[str, int]:
    parts = urlsplit(settings.BASE_URL)
    return parts.hostname or "127.0.0.1", parts.port or 80


def _department_home(tree_root):
    """The department site's home: the shared service-guide catalogue (themes.catalogue)."""
    from wagtail.models import Page

    from themes.catalogue import SharedCataloguePage

    existing = Page.objects.child_of(tree_root).filter(slug=DEPARTMENT_SLUG).first()
    if existing:
        return existing.specific
    from cms.models import Department

    department = Department.objects.filter(name=DEPARTMENT_NAME).first()
    page = SharedCataloguePage(
        title=DEPARTMENT_NAME, slug=DEPARTMENT_SLUG, department=department,
        intro="<p>明川市市场监督管理局负责全市市场主体登记、食品安全、质量监管和消费者权益保护。"
              "本站办事指南与市政府门户共用一套目录。</p>",
    )
    return tree_root.add_child(instance=page)


@register_demo_loader(order=5)
@transaction.atomic
def configure_city_site():
    """Before any content is loaded (and indexed with its URLs): the default Site answers on the
    BASE_URL host and port, in the city theme."""
    from wagtail.models import Site

    from themes.models import ThemeSettings

    host, port = _base_host_port()
    city = Site.objects.filter(is_default_site=True).first()
    if city is None:
        return []
    if (city.hostname, city.port) != (host, port) or not city.site_name:
        city.hostname, city.port = host, port
        city.site_name = city.site_name or settings.WAGTAIL_SITE_NAME
        city.save()
    ThemeSettings.objects.get_or_create(site=city, defaults={"theme": "city", "popular_searches": CITY_POPULAR})
    return []


@register_demo_loader(order=80)
@transaction.atomic
def load_department_site():
    from wagtail.models import Page, Site

    from themes.models import ThemeSettings

    host, port = _base_host_port()
    department_host = env_str("THEMES_DEMO_DEPARTMENT_HOST", "localhost")
    tree_root = Page.get_first_root_node()
    department = Site.objects.filter(hostname=department_host).first()
    home = department.root_page.specific if department else _department_home(tree_root)
    if department is None:
        department = Site.objects.create(hostname=department_host, port=port, root_page=home,
                                         site_name=DEPARTMENT_NAME, is_default_site=False)
    ThemeSettings.objects.get_or_create(site=department, defaults={
        "theme": "department", "organizer": DEPARTMENT_NAME, "popular_searches": DEPARTMENT_POPULAR,
    })
    return [
        f"  市政府门户（city 主题）:   http://{host}:{port}/",
        f"  部门网站（department 主题）: http://{department_host}:{port}/",
    ]
