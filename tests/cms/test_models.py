"""The shared base: what counts as public, expired, internal; slug and body rules; tree rules."""
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.models import (
    CONTENT_TYPES,
    DepartmentSectionPage,
    HomePage,
    NoticeIndexPage,
    NoticePage,
    PolicyIndexPage,
    PolicyPage,
    ServiceGuideIndexPage,
    ServiceGuidePage,
    UserProfile,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_content_types_registry_maps_schema_types():
    assert CONTENT_TYPES == {"service_guide": ServiceGuidePage, "notice": NoticePage, "policy": PolicyPage}


def test_default_site_points_at_the_home_page(site):
    assert isinstance(site.root_page.specific, HomePage)
    assert [type(child.specific) for child in site.root_page.get_children()] == [
        ServiceGuideIndexPage, NoticeIndexPage, PolicyIndexPage]


def test_live_public_drops_expired_notices_at_query_time(make_page, market, monkeypatch):
    now = timezone.now()
    soon = make_page(NoticePage, market, expires_at=now + timedelta(minutes=5))
    forever = make_page(NoticePage, market)
    assert set(NoticePage.objects.live_public()) == {soon, forever}
    assert not soon.is_expired()
    later = now + timedelta(minutes=6)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert list(NoticePage.objects.live_public()) == [forever]
    assert soon.is_expired()


def test_live_public_excludes_drafts_and_restricted_pages(make_page, market):
    public = make_page(NoticePage, market)
    make_page(NoticePage, market, live=False)
    internal = make_page(NoticePage, market)
    restriction = PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="全市工作人员"))
    assert list(NoticePage.objects.live_public()) == [public]
    assert internal.is_internal() and not public.is_internal()
    assert internal.visible_to_groups() == ["全市工作人员"]
    assert public.visible_to_groups() is None


def test_slug_must_fit_the_exchange_pattern(make_page, market):
    page = make_page(NoticePage, market)
    page.slug = "通知"
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict


def test_slug_is_unique_across_content_types(make_page, market):
    make_page(NoticePage, market, slug="shared-slug")
    policy = make_page(PolicyPage, market)
    policy.slug = "shared-slug"
    with pytest.raises(ValidationError) as error:
        policy.full_clean()
    assert "该标识已被其他内容使用" in error.value.message_dict["slug"]


def test_body_is_sanitised_to_the_allow_list(make_page, market):
    page = make_page(NoticePage, market, body='<p onclick="x()">好<script>alert(1)</script>'
                                               '<b>粗</b><img src=x><a href="javascript:x">链</a></p>')
    page.refresh_from_db()
    assert page.body == "<p>好<strong>粗</strong><a>链</a></p>"


def test_expiry_must_follow_publication(make_page, market):
    page = make_page(NoticePage, market)
    page.expires_at = page.published_at - timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "expires_at" in error.value.message_dict


def test_content_only_goes_into_the_section_of_its_own_index(site, market):
    from cms.site_tree import ensure_section, ensure_tree

    indexes = ensure_tree(site)
    notice_section = ensure_section(indexes[NoticeIndexPage], market)
    assert NoticePage.can_create_at(notice_section)
    assert not PolicyPage.can_create_at(notice_section)
    assert not NoticePage.can_create_at(indexes[NoticeIndexPage])
    assert DepartmentSectionPage.can_create_at(indexes[NoticeIndexPage])


def test_user_profile_is_created_on_demand(market):
    user = User.objects.create_user("someone")
    profile = UserProfile.for_user(user)
    assert profile.pk and profile.department is None
    profile.department = market
    profile.save()
    assert UserProfile.for_user(user).department == market
    assert user.profile.department == market


def test_a_department_created_by_name_only_gets_a_unique_slug():
    from cms.models import Department

    first = Department.objects.create(name="明川市统计局")
    second = Department.objects.create(name="明川市审计局")
    assert first.slug and second.slug and first.slug != second.slug
    assert Department.objects.get_or_create_by_name(" 明川市统计局 ") == (first, False)
