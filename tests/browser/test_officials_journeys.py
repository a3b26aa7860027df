"""The officials' journeys in Chromium (issue 16): from the public header through the demo IdP to
the portal and single sign-out; the portal at phone width; editing the portal layout by keyboard
only; the English admin; admin search in Chinese. axe finds no serious or critical WCAG 2.1 AA
violation on the sign-in page, the portal (desktop and phone) or the printed service guide."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request

import pytest

from tests.browser.axe import blocking_violations
from tests.browser.server import ROOT, wait_for
from tests.services.base import free_port, stop_process_group, wait_until

pytestmark = pytest.mark.browser
CITY = "127.0.0.1"
PASSWORD = "mingchuan-portal-2026"


@pytest.fixture(scope="module")
def demo_idp(site_server):
    """The demo IdP (sso/demo_idp) beside the journeys' server, registered as ./run does."""
    url = f"http://127.0.0.1:{free_port()}"
    env = {**site_server.env, "SSO_DEMO_IDP_URL": url}
    register = subprocess.run([sys.executable, "manage.py", "shell", "-c", "from sso.demo import load_demo_idp; load_demo_idp()"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert register.returncode == 0, register.stderr
    log = site_server.workdir / "demo-idp.log"
    proc = subprocess.Popen([sys.executable, "manage.py", "sso_demo_idp", "--url", url], cwd=ROOT, env=env,
                            stdout=open(log, "ab"), stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_until(lambda: urllib.request.urlopen(f"{url}/metadata", timeout=2).status == 200, what="demo IdP", timeout=60, log=log)
        yield url
    finally:
        stop_process_group(proc)


def new_page(browser, *, width=1280, height=900, locale="zh-CN"):
    context = browser.new_context(viewport={"width": width, "height": height}, locale=locale, timezone_id="Asia/Shanghai")
    context.set_default_timeout(20_000)
    return context.new_page()


def wait_for_widgets(page) -> None:
    """Every portal card has its content (or its error): screenshots and axe see the filled page."""
    page.wait_for_function("() => !document.querySelector('.portal-card-body[aria-busy=\"true\"]')", timeout=30_000)


def assert_accessible(page, what: str):
    problems = blocking_violations(page)
    assert not problems, f"{what}: " + "\n".join(problems)


def sign_in_from_the_header(page, server, idp_url, username, screenshot=None):
    """Public home → 工作人员入口 → (IdP chooser when several) → demo IdP form → portal."""
    page.goto(server.url_for(CITY, "/"))
    page.get_by_role("link", name="工作人员入口").click()
    page.wait_for_url(lambda url: url.startswith(idp_url) or "/sso/login/" in url)
    if "/sso/login/" in page.url:  # several IdPs: the themed chooser
        if screenshot:
            screenshot(page, "officials-sso-chooser")
            assert_accessible(page, "IdP chooser")
        page.get_by_role("link", name="通过明川市统一身份认证（演示）登录").click()
    page.wait_for_url(lambda url: url.startswith(f"{idp_url}/sso"))
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/portal/$"))
    page.wait_for_selector(".portal-card [data-status]")
    wait_for_widgets(page)


def session_info(page, server) -> dict:
    return json.loads(page.context.request.get(server.url_for(CITY, "/sso/session/")).text())


def test_the_sign_in_page_is_themed_and_accessible(browser, site_server, demo_idp, screenshot):
    page = new_page(browser)
    try:
        page.goto(site_server.url_for(CITY, "/accounts/login/?local=1&next=/portal/"))
        assert page.locator("h1").inner_text() == "工作人员登录"
        assert page.get_by_role("link", name="通过明川市统一身份认证（演示）登录").is_visible()
        assert page.locator("a[href*='signup'], a[href*='password/reset']").count() == 0
        page.get_by_label("用户名").fill("nobody")
        page.get_by_label("密码").fill("wrong-password")
        page.get_by_role("button", name="登录").click()
        assert page.get_by_role("alert").is_visible()
        screenshot(page, "officials-sign-in")
        assert_accessible(page, "sign-in page")
    finally:
        page.context.close()


def test_sso_from_the_public_header_to_the_portal_and_single_sign_out(browser, site_server, demo_idp, screenshot):
    page = new_page(browser)
    try:
        sign_in_from_the_header(page, site_server, demo_idp, "lina", screenshot)
        head = page.locator(".portal-head").inner_text()
        assert "李娜" in head and "明川市市场监督管理局" in head
        assert page.locator(".portal-messages a").is_visible()  # unread messages, linked
        info = session_info(page, site_server)
        assert info["identity_provider"] == "demo" and {"12315受理员", "执法人员", "局领导"} <= set(info["groups"])
        assert page.locator(".portal-card-tools").first.is_hidden()  # no permanent toolbars
        wait_for_widgets(page)
        assert page.locator(".portal-notice-error").count() == 0, page.locator(".portal-grid").inner_text()[:800]
        screenshot(page, "officials-portal-desktop")
        assert_accessible(page, "portal (desktop)")

        page.get_by_role("button", name="退出登录").click()
        page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/$"))
        assert session_info(page, site_server) == {"authenticated": False}
        page.goto(f"{demo_idp}/")
        assert "您尚未登录统一身份认证" in page.locator("h1").inner_text()  # signed out at the IdP too
        page.goto(site_server.url_for(CITY, "/portal/"))
        page.wait_for_url(lambda url: url.startswith(demo_idp) or "/sso/login/" in url)  # asked to sign in again
    finally:
        page.context.close()


def test_the_portal_fits_a_phone_in_both_themes(browser, site_server, demo_idp, screenshot):
    """The city site through SSO; the department's site (another host, so another session) with
    the local password form, which the embedded default allows."""
    page = new_page(browser, width=390, height=844)
    try:
        sign_in_from_the_header(page, site_server, demo_idp, "zhangwei")
        check_phone_portal(page, "city", screenshot)
        page.goto(site_server.url_for("localhost", "/accounts/login/?local=1&next=/portal/"))
        page.get_by_label("用户名").fill("zhangwei")
        page.get_by_label("密码").fill(PASSWORD)
        page.get_by_role("button", name="登录").click()
        page.wait_for_url(re.compile(r"localhost:\d+/portal/$"))
        assert "theme-department" in page.locator("body").get_attribute("class")
        check_phone_portal(page, "department", screenshot)
    finally:
        page.context.close()


def check_phone_portal(page, theme: str, screenshot) -> None:
    page.wait_for_selector(".portal-card [data-status]")
    wait_for_widgets(page)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{theme}: the portal scrolls sideways by {overflow}px at phone width"
    screenshot(page, f"officials-portal-phone-{theme}")
    assert_accessible(page, f"portal (phone, {theme})")
    page.get_by_role("button", name="编辑布局").click()
    assert_accessible(page, f"portal editing (phone, {theme})")


def test_editing_the_portal_layout_by_keyboard_only(browser, site_server, demo_idp):
    page = new_page(browser)
    try:
        sign_in_from_the_header(page, site_server, demo_idp, "zhangwei")
        keys = page.eval_on_selector_all(".portal-card", "cards => cards.map(c => c.dataset.key)")
        assert len(keys) >= 2
        for _ in range(60):  # Tab through the page until the “编辑布局” button has the focus
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.dataset.action") == "edit":
                break
        else:
            pytest.fail("编辑布局 cannot be reached with Tab")
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.dataset.action") == "up"  # focus moves into the first card's tools
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.dataset.action") == "down"
        with page.expect_response(lambda r: r.url.endswith("/portal/api/layout/") and r.request.method == "PUT") as saved:
            page.keyboard.press("Enter")
        assert saved.value.ok
        moved = page.eval_on_selector_all(".portal-card", "cards => cards.map(c => c.dataset.key)")
        assert moved[:2] == [keys[1], keys[0]]
        assert keys[0] in page.locator(".portal-live").inner_text() or page.locator(".portal-live").inner_text()
        page.keyboard.press("Escape")
        assert page.evaluate("document.activeElement.dataset.action") == "edit"
        assert page.locator(".portal-card-tools").first.is_hidden()
        page.reload()
        page.wait_for_selector(".portal-card")
        assert page.eval_on_selector_all(".portal-card", "cards => cards.map(c => c.dataset.key)")[:2] == [keys[1], keys[0]]
        page.context.request.delete(site_server.url_for(CITY, "/portal/api/layout/"),
                                    headers={"X-CSRFToken": page.locator("div.portal").get_attribute("data-csrf"),
                                             "Referer": site_server.url_for(CITY, "/portal/")})
    finally:
        page.context.close()


def admin_page(browser, server):
    page = new_page(browser)
    page.goto(server.url_for(CITY, "/admin/login/?local=1"))
    page.locator("input[name=username]").fill("admin")
    page.locator("input[name=password]").fill("Mingchuan-admin-2026")
    page.locator("input[name=password]").press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


def set_admin_language(server, code: str) -> None:
    server.manage("shell", "-c", "from django.contrib.auth.models import User; from wagtail.users.models import UserProfile; "
                  f"p = UserProfile.get_for_user(User.objects.get(username='admin')); p.preferred_language = '{code}'; p.save()")


def test_the_admin_in_english(browser, site_server, screenshot):
    """An administrator whose preferred language is English gets the whole admin in English,
    the project's own menus included."""
    set_admin_language(site_server, "en")
    page = admin_page(browser, site_server)
    try:
        assert page.locator("html").get_attribute("lang") == "en"
        sidebar = page.locator("#wagtail-sidebar")
        sidebar.get_by_text("Officials’ portal").first.wait_for()
        text = sidebar.inner_text()
        for label in ("Officials’ portal", "Single sign-on", "Pages"):
            assert label in text, label
        assert "工作门户" not in text and "统一身份认证" not in text
        screenshot(page, "officials-admin-english")
    finally:
        set_admin_language(site_server, "zh-hans")
        page.context.close()


def test_admin_search_in_chinese(browser, site_server, screenshot):
    page = admin_page(browser, site_server)
    try:
        page.goto(site_server.url_for(CITY, "/admin/pages/search/?q=公积金"))
        results = page.locator("main").inner_text()
        assert "关于调整个人住房公积金贷款利率的通知" in results
        found = wait_for(lambda: page.locator("main table tbody tr").count())
        assert found >= 2, results[:500]
        screenshot(page, "officials-admin-search")
    finally:
        page.context.close()


def test_the_printed_service_guide_is_accessible(browser, site_server, screenshot):
    page = new_page(browser)
    try:
        page.goto(site_server.url_for(CITY, "/services/"))
        page.locator("a[href*='/services/'][href$='/']").filter(has_text=re.compile("营业执照|许可|登记")).first.click()
        page.emulate_media(media="print")
        text = page.locator("main").inner_text()
        assert "地址" in text and "电话" in text
        screenshot(page, "officials-printed-guide")
        assert_accessible(page, "printed service guide")
    finally:
        page.context.close()
