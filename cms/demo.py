"""Demo data of `cms`: departments, topics, 30+ items of the fictional 明川市, internal items,
department groups and the demo accounts. Idempotent: existing items are kept as they are."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction

from config.demo import demo_password, register_demo_loader, shown_password

DEMO_PASSWORD_NOTE = "（演示密码，仅限本机演示环境）"
# username, password, display name, role key (None: administrator)
DEMO_ACCOUNTS = [
    ("scj_editor", "Mingchuan-editor-2026", "张编辑", "editor"),
    ("scj_reviewer", "Mingchuan-reviewer-2026", "李科长", "reviewer"),
    ("scj_publisher", "Mingchuan-publisher-2026", "王主任", "publisher"),
    ("admin", "Mingchuan-admin-2026", "系统管理员", None),
]
DEMO_DEPARTMENT_SLUG = "scjgj"


def demo_records() -> list[dict]:
    from cms.demo_data.notices import NOTICES
    from cms.demo_data.policies import POLICIES
    from cms.demo_data.services import SERVICE_GUIDES

    return [*SERVICE_GUIDES, *NOTICES, *POLICIES]


def ensure_taxonomies() -> None:
    from cms.demo_data.departments import DEPARTMENTS, TOPICS
    from cms.models import Department, Topic

    for name, slug, code, phone, address, description in DEPARTMENTS:
        Department.objects.get_or_create(name=name, defaults={
            "slug": slug, "code": code, "phone": phone, "address": address, "description": description})
    for name, slug in TOPICS:
        Topic.objects.get_or_create(name=name, defaults={"slug": slug})


def load_items(site) -> list:
    """Import every demo record not yet present (published), link replacements, restrict the
    internal ones; return the pages created."""
    from cms.demo_data.notices import INTERNAL_SLUGS
    from cms.demo_data.policies import REPLACEMENTS
    from cms.exchange.records import RecordWriter, find_page
    from cms.models import PolicyPage

    created = []
    writer = RecordWriter(publish=True)
    for record in demo_records():
        if find_page(record["slug"]) is None:
            created.append(writer.write(record, site=site)[0])
    for old_slug, new_slug in REPLACEMENTS.items():
        old = PolicyPage.objects.get(slug=old_slug)
        if old.replaced_by_id is None:
            old.replaced_by = PolicyPage.objects.get(slug=new_slug)
            old.save_revision(log_action=True).publish()
    for slug, group_names in INTERNAL_SLUGS.items():
        restrict_to_groups(find_page(slug), group_names)
    return created


def restrict_to_groups(page, group_names: list[str]) -> None:
    from django.contrib.auth.models import Group

    restriction = PageViewRestriction.objects.filter(page=page).first()
    if restriction is None:
        restriction = PageViewRestriction.objects.create(page=page,
                                                         restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(*[Group.objects.get_or_create(name=name)[0] for name in group_names])


def ensure_accounts() -> list[str]:
    from cms.models import Department, UserProfile
    from cms.permissions import ensure_department_groups, ensure_staff_group

    User = get_user_model()
    department = Department.objects.get(slug=DEMO_DEPARTMENT_SLUG)
    groups = ensure_department_groups(department)
    staff = ensure_staff_group()
    lines = ["演示账号 / demo accounts " + DEMO_PASSWORD_NOTE]
    for username, password, display_name, role in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username, f"{username}@mingchuan.gov.example", demo_password(password),
                                            first_name=display_name)
        if role is None:
            user.is_staff = user.is_superuser = True
            user.save()
        else:
            user.groups.add(groups[role])
        user.groups.add(staff)
        profile = UserProfile.for_user(user)
        if not profile.display_name:
            profile.display_name = display_name
            profile.department = None if role is None else department
            profile.save()
        label = "系统管理员" if role is None else f"{department.name}{groups[role].name.split('-')[-1]}"
        lines.append(f"  {label}: {username} / {shown_password(username, password)}")
    return lines


@register_demo_loader(order=10)
def load_cms_demo():
    from cms.signals import content_imported
    from cms.site_tree import ensure_tree, get_site
    from cms.workflows import setup_all_departments

    site = get_site()
    ensure_tree(site)
    ensure_taxonomies()
    ensure_accounts()  # groups first: internal items are restricted to them
    created = load_items(site)
    setup_all_departments()
    if created:
        content_imported.send(sender=None, pages=created)
    site.refresh_from_db()
    return [*ensure_accounts(), f"公共网站 / public site: {site.root_url}/"]
