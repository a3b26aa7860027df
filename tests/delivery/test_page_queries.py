"""What an uncached public page costs in SQL (the full-page cache off): a service guide in at most
15 queries and the home page in at most 20 once the shared fragments (menu, footer, theme, the
home's lists) are cached, and every page renders the same with those fragments warm as cold,
and sees a publish at once."""
from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from cms.models import NoticePage, PolicyPage, ServiceGuidePage

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

GUIDE_MAX_QUERIES = 15
HOME_MAX_QUERIES = 20


@pytest.fixture
def full_site(site, make_page, market, labour, topic):
    """A home with all three sections filled, items of two departments with topics."""
    guides = [make_page(ServiceGuidePage, department, topics=[topic], title=f"事项{n}",
                        materials=[("material", {"name": "身份证", "required": True})])
              for n, department in enumerate([market, labour] * 5)]
    for n in range(6):
        make_page(NoticePage, market, topics=[topic], title=f"通知{n}")
        make_page(PolicyPage, labour, title=f"政策{n}", doc_number=f"明政〔2026〕{n}号")
    return guides


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False
    cache.clear()


def render(path):
    """The page, with its per-visitor CSRF token (the 好差评 form) blanked for comparisons."""
    response = Client().get(path)
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', 'name="csrfmiddlewaretoken" value=""',
                  response.content.decode())


@pytest.mark.parametrize(("name", "limit"), [("guide", GUIDE_MAX_QUERIES), ("home", HOME_MAX_QUERIES)])
def test_an_uncached_page_stays_within_its_query_budget(name, limit, full_site, no_page_cache,
                                                       django_assert_max_num_queries):
    path = full_site[0].url if name == "guide" else "/"
    cold = render(path)  # the first view after a change fills the shared fragments
    with django_assert_max_num_queries(limit):
        warm = render(path)
    assert warm == cold


def test_the_shared_fragments_follow_a_publish(full_site, no_page_cache, make_page, market):
    guide = full_site[0]
    render("/"), render(guide.url)
    make_page(NoticePage, market, title="新发布的通知", published_at=timezone.now())
    guide.title = "改名后的事项"
    guide.save_revision().publish()
    home = render("/")
    assert "新发布的通知" in home and "改名后的事项" in home
    assert "改名后的事项" in render(guide.url)


def test_the_menu_marks_the_current_section_on_every_page(full_site, no_page_cache):
    render("/")
    page = render(full_site[0].url)
    assert 'href="/services/" class="is-ancestor"' in page
    assert 'href="/services/" aria-current="page"' in render("/services/")


def test_direct_routing_finds_the_same_pages_and_refuses_the_same_ones(full_site, no_page_cache, make_page, market):
    draft = make_page(NoticePage, market, live=False, title="草稿")
    assert Client().get(draft.url or f"/notices/scjgj/{draft.slug}/").status_code == 404
    assert Client().get("/services/no-such-page/").status_code == 404
    section = full_site[0].get_parent()
    assert Client().get(section.url).status_code == 302  # the department section's own serve()
