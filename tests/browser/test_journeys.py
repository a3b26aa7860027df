"""End-to-end journeys in Chromium against a real server with the demo data."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

CITY, DEPARTMENT = "127.0.0.1", "localhost"


def assert_guide_essentials(page):
    """What a citizen needs before going to the counter: materials, steps, time limit and fees."""
    assert page.locator("body").get_attribute("data-page-type") == "service_guide"
    materials = page.locator("table.checklist tbody tr")
    assert materials.count() >= 1
    assert page.get_by_role("heading", name="办理流程").is_visible()
    assert page.locator("ol.steps > li").count() >= 1
    facts = page.locator("dl.facts").inner_text()
    assert "承诺办结时限" in facts and "收费标准" in facts
    assert re.search(r"(\d+ 个工作日|即办)", facts)


def test_citizen_finds_a_service_guide_by_browsing(page, site_server, screenshot):
    page.goto(site_server.url_for(CITY, "/"))
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="办事指南").click()
    assert page.locator("body").get_attribute("data-page-type") == "service_guide_index"
    # narrow the list with the filter form (a plain GET form), then open a guide
    page.get_by_label("部门").select_option(label="明川市市场监督管理局")
    page.get_by_role("button", name="筛选").click()
    assert "department=" in page.url
    page.get_by_role("link", name="个体工商户设立登记").click()
    assert_guide_essentials(page)
    assert "个体工商户登记（备案）申请书" in page.locator("table.checklist").inner_text()
    screenshot(page, "journey-citizen-browse-guide")
    # print styles: the header search and navigation are not printed
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert page.locator("table.checklist").is_visible()
    screenshot(page, "journey-citizen-guide-print")


def test_citizen_finds_a_service_guide_by_searching(page, site_server, search_api, screenshot):
    page.goto(site_server.url_for(CITY, "/"))
    box = page.get_by_label("搜索办事指南、政策文件和通知公告")
    box.fill("营业执照")
    box.press("Enter")
    assert page.locator("body").get_attribute("data-page-type") == ""
    assert "/search/" in page.url
    results = page.locator("li.result")
    assert results.count() >= 1, page.content()
    assert page.locator("li.result mark").count() >= 1  # highlighted words
    screenshot(page, "journey-citizen-search")
    # facets filter by type
    page.locator("nav[aria-label='按类型筛选']").get_by_role("link", name=re.compile("办事指南")).click()
    assert "type=service_guide" in page.url
    assert all(t == "办事指南" for t in page.locator("li.result .tag").all_inner_texts())
    page.locator("li.result h3 a").first.click()
    assert_guide_essentials(page)


def test_search_suggestions_work_from_the_keyboard(page, site_server, search_api):
    page.goto(site_server.url_for(CITY, "/search/"))
    box = page.locator("#search-q")
    box.press_sequentially("营业")
    options = page.get_by_role("option")
    options.first.wait_for(timeout=5000)
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    chosen = options.first.inner_text()
    assert box.get_attribute("aria-activedescendant")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator("#search-q").input_value() == chosen


def test_search_page_works_without_javascript(browser, site_server, search_api):
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(site_server.url_for(CITY, "/search/"))
        page.locator("#search-q").fill("公积金")
        page.get_by_role("button", name="搜索").last.click()
        assert page.locator("li.result").count() >= 1
        # elder mode without JavaScript: a link that sets a cookie on the server
        page.locator("[data-elder-toggle]").click()
        assert "elder-mode" in (page.locator("html").get_attribute("class") or "")
    finally:
        context.close()


def test_the_two_sites_show_their_own_themes(page, site_server, screenshot):
    page.goto(site_server.url_for(CITY, "/"))
    city_header = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundImage + getComputedStyle(e).backgroundColor")
    city_primary = page.evaluate("() => getComputedStyle(document.documentElement).getPropertyValue('--color-primary').trim()")
    assert page.locator(".brand__name").inner_text() == "明川市人民政府"
    page.goto(site_server.url_for(DEPARTMENT, "/"))
    assert page.locator("body").get_attribute("class").startswith("theme-department")
    dept_primary = page.evaluate("() => getComputedStyle(document.documentElement).getPropertyValue('--color-primary').trim()")
    dept_header = page.locator(".site-header").evaluate("e => getComputedStyle(e).backgroundImage + getComputedStyle(e).backgroundColor")
    assert page.locator(".brand__name").inner_text() == "明川市市场监督管理局"
    assert (city_primary, dept_primary) == ("#a8161b", "#0b4f9c")
    assert city_header != dept_header
    # the department's site shares the city's catalogue and shows a guide in its own theme
    page.get_by_role("link", name="个体工商户设立登记").first.click()
    assert_guide_essentials(page)
    assert page.locator("body").get_attribute("class").startswith("theme-department")
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical.startswith(f"http://{CITY}")
    screenshot(page, "journey-department-guide")
    # headless clients get the same tokens
    tokens = page.request.get(site_server.url_for(DEPARTMENT, "/api/theme/")).json()
    assert tokens["theme"] == "department" and tokens["tokens"]["color"]["primary"] == dept_primary
