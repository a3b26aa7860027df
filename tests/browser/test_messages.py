"""The message centre in a real browser: the unread badge in the portal header changes when a
message arrives (without reloading the page) and when messages are marked read."""
from __future__ import annotations

import re

import pytest

from tests.browser.server import wait_for

pytestmark = pytest.mark.browser

CITY = "127.0.0.1"
ADMIN = ("admin", "Mingchuan-admin-2026")


def badge(page) -> int:
    return int(page.locator(".portal-messages [data-unread-count]").inner_text())


def test_the_unread_badge_follows_new_and_read_messages(browser, site_server, screenshot):
    server = site_server
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    try:
        page.goto(server.url_for(CITY, "/admin/login/?local=1"))
        page.fill("#id_username", ADMIN[0])
        page.fill("#id_password", ADMIN[1])
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/admin/$"))
        page.goto(server.url_for(CITY, "/portal/"))
        before = badge(page)
        server.manage("shell", "-c", (
            "from django.contrib.auth.models import User; from notifications.service import notify;"
            "notify(User.objects.get(username='admin'), 'system', '浏览器测试消息', link='/portal/')"))
        # the header asks the server again when the tab becomes visible (and every 30 s)
        page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
        assert wait_for(lambda: badge(page) == before + 1, timeout=10), f"badge stayed at {badge(page)}"
        page.click(".portal-messages a")
        page.wait_for_url(re.compile(r"/portal/messages/"))
        assert page.get_by_text("浏览器测试消息").count() == 1
        page.get_by_role("button", name="全部标为已读").click()
        page.wait_for_load_state()
        assert page.locator(".notif-unread").count() == 0
        screenshot(page, "messages-all-read")
        page.goto(server.url_for(CITY, "/portal/"))
        assert badge(page) == 0
    finally:
        context.close()
