"""Test content: a public item of each kind next to everything that must stay hidden (a draft,
an item in a private section, an unpublished one). Shared by the visibility matrix and the
contract test."""
from __future__ import annotations

from wagtail.models import Page, PageViewRestriction

from tests.delivery.conftest import publish


def build_content(home) -> dict:
    public = publish(home, Page(title="公开页面", slug="public"))
    draft = home.add_child(instance=Page(title="草稿页面", slug="draft", live=False))
    draft.save_revision()
    private_section = publish(home, Page(title="内部栏目", slug="internal"))
    PageViewRestriction.objects.create(page=private_section, restriction_type=PageViewRestriction.LOGIN)
    private = publish(private_section, Page(title="内部页面", slug="internal-page"))
    withdrawn = publish(home, Page(title="已撤回页面", slug="withdrawn"))
    withdrawn.unpublish()
    return {"public": [public], "hidden": [draft, private_section, private, withdrawn]}
