"""Fixtures of the CMS tests: the site tree, departments, a factory for content pages."""
from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from django.utils import timezone

from cms.models import Department, NoticePage, PolicyPage, ServiceGuidePage, Topic
from cms.site_tree import ensure_section, ensure_tree, get_site

_counter = itertools.count(1)


@pytest.fixture
def site(db):
    site = get_site()
    ensure_tree(site)
    site.refresh_from_db()
    return site


@pytest.fixture
def market(db):
    return Department.objects.create(name="明川市市场监督管理局", slug="scjgj")


@pytest.fixture
def labour(db):
    return Department.objects.create(name="明川市人力资源和社会保障局", slug="rsj")


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="市场准入", slug="market-access")


@pytest.fixture
def make_page(site):
    """``make_page(NoticePage, department, title=..., live=True, **fields)`` in the department's
    section of the right index, published unless ``live=False``."""
    indexes = {model.content_model: index for model, index in ensure_tree(site).items()}

    def make(model, department, *, live=True, topics=(), **fields):
        n = next(_counter)
        fields.setdefault("title", f"{model._meta.verbose_name}{n}")
        fields.setdefault("slug", f"{model.record_type.replace('_', '-')}-{n}")
        fields.setdefault("published_at", timezone.now() - timedelta(days=n))
        section = ensure_section(indexes[model], department)
        page = model(department=department, live=live, **fields)
        section.add_child(instance=page)
        page.topics.set(list(topics))
        revision = page.save_revision()
        if live:
            revision.publish()
        page.refresh_from_db()
        return page

    return make





@pytest.fixture
def team(site, market):
    """Editor, reviewer and publisher of 市场监督管理局 (groups made by the department set-up)."""
    from django.contrib.auth.models import Group, User

    from cms.models import NoticeIndexPage
    from cms.permissions import group_name

    ensure_section(ensure_tree(site)[NoticeIndexPage], market)  # triggers the department set-up
    people = {}
    for role in ("editor", "reviewer", "publisher"):
        user = User.objects.create_user(f"scj_{role}", f"scj_{role}@example.test", "x")
        user.groups.add(Group.objects.get(name=group_name(market, role)))
        people[role] = user
    return people


def notice_form(**values) -> dict:
    """POST data of the notice edit form, as the admin sends it."""
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

    data = {
        "title": "关于调整窗口服务时间的通知", "slug": "chuangkou-shijian", "summary": "",
        "body": rich_text("<p>自下月起调整。</p>"), "published_at": "2026-11-01 09:00",
        "expires_at": "", "priority": "normal", "attachments": streamfield([]),
        "comments": inline_formset([]), "go_live_at": "",
    }
    data.update(values)
    return nested_form_data(data)
