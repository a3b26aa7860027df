"""Journeys of the people behind the site: an editor's notice goes through the department's
approval workflow and appears on the public site and in search; an official signs in through
the real SAML IdP and rearranges the portal home. Editors' accounts are the CMS demo's
(cms/demo.py, local login); the official is a user of the test IdP (tests/services/saml_idp.py)."""
from __future__ import annotations

import re
import uuid

import pytest

from tests.conftest import require_service

pytestmark = pytest.mark.browser

CITY = "127.0.0.1"
EDITOR = ("scj_editor", "Mingchuan-editor-2026")
REVIEWER = ("scj_reviewer", "Mingchuan-reviewer-2026")
PUBLISHER = ("scj_publisher", "Mingchuan-publisher-2026")


def admin_login(browser, server, account):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.goto(server.url_for(CITY, "/admin/login/?local=1"))  # local accounts even when SSO is on
    page.fill("#id_username", account[0])
    page.fill("#id_password", account[1])
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def section_id(server, index_slug: str, department_slug: str) -> int:
    out = server.manage("shell", "-c", (
        "from cms.models import DepartmentSectionPage as S;"
        f"print(S.objects.get(department__slug='{department_slug}', url_path__contains='/{index_slug}/').id)"
    ))
    return int(out.strip().splitlines()[-1])


def approve(browser, server, account, page_id: int):
    page = admin_login(browser, server, account)
    try:
        page.goto(server.url_for(CITY, f"/admin/pages/{page_id}/edit/"))
        with page.expect_navigation():
            page.locator('button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])').dispatch_event("click")
    finally:
        page.context.close()


def test_a_notice_goes_through_approval_to_the_public_site_and_search(browser, site_server, screenshot):
    title = f"关于市场监管窗口延时服务的通知（{uuid.uuid4().hex[:4]}）"
    parent = section_id(site_server, "notices", "scjgj")
    editor = admin_login(browser, site_server, EDITOR)
    editor.goto(site_server.url_for(CITY, f"/admin/pages/add/cms/noticepage/{parent}/"))
    editor.fill("#id_title", title)
    # the department is the section's (#13 item 8): pre-set, not chosen
    editor.wait_for_function("() => document.getElementById('id_department').value !== ''")
    editor.fill("#id_summary", "市场监管窗口工作日延时服务至19:00。")
    editor.locator(".public-DraftEditor-content").first.click()
    editor.keyboard.type("自下周一起，市场监管窗口工作日延时服务至19:00，方便群众下班后办事。")
    editor.wait_for_function("() => document.getElementById('id_body').value.includes('19:00')")
    editor.get_by_role("tab", name="推荐").click()
    editor.fill("#id_slug", f"scj-evening-{uuid.uuid4().hex[:6]}")
    editor.get_by_role("tab", name="内容").click()
    with editor.expect_navigation():
        editor.locator('button[name="action-submit"]').dispatch_event("click")
    assert "已创建并提交审核" in editor.locator(".messages").inner_text()
    href = editor.get_by_role("link", name=title).first.get_attribute("href")
    page_id = int(re.search(r"/pages/(\d+)/", href).group(1))
    editor.context.close()

    public = browser.new_page(locale="zh-CN")
    public.goto(site_server.url_for(CITY, "/notices/"))
    assert title not in public.content()  # not public while in review

    approve(browser, site_server, REVIEWER, page_id)  # 科室审核
    public.goto(site_server.url_for(CITY, "/notices/"))
    assert title not in public.content()  # the office sign-off is still to come
    approve(browser, site_server, PUBLISHER, page_id)  # 办公室签发

    public.goto(site_server.url_for(CITY, "/notices/"))
    public.get_by_role("link", name=title).click()
    assert public.locator("body").get_attribute("data-page-type") == "notice"
    assert "19:00" in public.locator(".rich-text").inner_text()
    screenshot(public, "journey-editor-notice-live")
    public.context.close()


def test_an_approved_notice_is_found_by_search(browser, site_server, search_api):
    """Runs after the approval journey (same module, same server): the notice it published."""
    page = browser.new_page(locale="zh-CN")
    page.goto(site_server.url_for(CITY, "/search/?q=延时服务"))
    titles = [t.strip() for t in page.locator("li.result h3").all_inner_texts()]
    assert any(t.startswith("关于市场监管窗口延时服务的通知") for t in titles), titles
    page.context.close()


def rearrange_portal_home(page, server, screenshot, name):
    """Move the first widget down one place; the new order is saved and survives a reload."""
    page.goto(server.url_for(CITY, "/portal/"))
    cards = page.locator("li.portal-card")
    cards.first.wait_for()
    before = [cards.nth(i).get_attribute("data-key") for i in range(cards.count())]
    assert len(before) >= 2
    first_title = page.locator("li.portal-card h2").first.inner_text()
    page.get_by_role("button", name="编辑布局").click()
    with page.expect_response(lambda r: "/portal/api/layout/" in r.url and r.request.method != "GET") as saved:
        page.get_by_role("button", name=f"下移 {first_title}").click()
    assert saved.value.ok
    page.reload()
    cards = page.locator("li.portal-card")
    cards.first.wait_for()
    after = [cards.nth(i).get_attribute("data-key") for i in range(cards.count())]
    assert after[:2] == [before[1], before[0]]
    screenshot(page, name)


def test_an_official_signs_in_through_the_idp_and_rearranges_the_portal_home(browser, site_server, screenshot):
    require_service("SAML_TEST_IDP_METADATA_URL", "the SAML identity provider (tests/services/saml_idp.py)")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    page = context.new_page()
    try:
        page.goto(site_server.url_for(CITY, "/sso/saml/gov/login/?next=/portal/"))
        page.locator("input[name=username]").fill("zhangwei")  # the IdP's own login form
        page.locator("input[name=password]").fill("zhangwei-pass")
        page.locator("input[name=password]").press("Enter")
        page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/portal/"))
        rearrange_portal_home(page, site_server, screenshot, "journey-official-portal-sso")
    finally:
        context.close()
