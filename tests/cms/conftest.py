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


__all__ = ["NoticePage", "PolicyPage", "ServiceGuidePage"]
