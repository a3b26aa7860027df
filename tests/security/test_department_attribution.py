"""#13 item 8: the department of a page is the department of its section; an editor cannot
attribute a page to another department, on create or edit."""
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cms.models import NoticeIndexPage, NoticePage
from cms.site_tree import ensure_section, ensure_tree
from tests.fixtures.content import notice_form

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def own_section(client, site, market, labour, team):
    client.force_login(team["editor"])
    return ensure_section(ensure_tree(site)[NoticeIndexPage], market)


def test_create_with_another_department_keeps_the_sections(client, own_section, market, labour):
    url = reverse("wagtailadmin_pages:add", args=["cms", "noticepage", own_section.pk])
    response = client.post(url, notice_form(department=labour.pk, slug="attributed"))
    form = response.context["form"] if response.context and "form" in response.context else None
    assert response.status_code == 302, form.errors if form is not None else response.status_code
    page = NoticePage.objects.get(slug="attributed")
    assert page.department == market
    assert page.latest_revision.content["department"] == market.pk


def test_edit_with_another_department_keeps_the_sections(client, own_section, market, labour, make_page):
    page = make_page(NoticePage, market, title="本部门通知")
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(url, notice_form(department=labour.pk, title="改了部门", slug=page.slug))
    page.refresh_from_db()
    assert page.get_latest_revision_as_object().department == market


def test_the_model_refuses_a_mismatch(own_section, market, labour, make_page):
    page = make_page(NoticePage, market, title="本部门通知")
    page.department = labour
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "department" in refused.value.message_dict
