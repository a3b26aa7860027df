"""The home page in a real browser (Debian's Chromium through Playwright): widgets fill in, and
the layout is rearranged with the keyboard and by drag and drop, and kept after a reload."""
from __future__ import annotations

import os
import shutil

import pytest
from django.test import Client

from tests.conftest import require_service
from tests.portal.conftest import make_layout, make_user, make_widget

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@pytest.fixture
def browser_page(live_server, monkeypatch):
    # Playwright's sync API keeps an event loop in this thread; the ORM calls made here by the
    # test itself are ordinary blocking calls (Playwright's documented set-up with Django).
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
    if not chromium:
        require_service("CHROMIUM_PATH", "Chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        # tall enough that a drag from the second row to the first needs no scrolling (Playwright
        # emulates HTML5 drag and drop and cannot scroll in the middle of it)
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 1400})
        try:
            yield context
        finally:
            context.close()
            browser.close()


@pytest.fixture
def logged_in(browser_page, live_server, demo, settings):
    make_widget("todo", title="待我审批")
    make_widget("meetings", title="近期会议", type="calendar", backend="meetings",
                config={"url": "{backend}/api/meetings", "items_path": "meetings", "fields": {"title": "topic", "start": "start"}})
    make_widget("hangs", title="慢系统", url="{backend}/api/todos?delay_ms=3000", timeout=0.5)
    make_layout("everyone", ["todo", "meetings", "hangs"])
    user = make_user("browser-user", ["审批人员"])
    client = Client()
    client.force_login(user)
    host = live_server.url.split("//")[1].split(":")[0]
    name = settings.SESSION_COOKIE_NAME
    browser_page.add_cookies([{"name": name, "value": client.cookies[name].value, "domain": host, "path": "/"}])
    page = browser_page.new_page()
    page.goto(f"{live_server.url}/portal/")
    page.wait_for_selector('.portal-card[data-key="hangs"] [data-status]', timeout=10_000)
    return page


def order(page) -> list[str]:
    return page.eval_on_selector_all(".portal-card", "cards => cards.map(c => c.dataset.key)")


def test_widgets_fill_in_and_a_slow_system_shows_its_own_state(logged_in):
    page = logged_in
    assert page.inner_text('.portal-card[data-key="todo"]').count("项待办") == 1
    assert page.get_attribute('.portal-card[data-key="todo"] .portal-widget', "data-status") == "ok"
    assert page.get_attribute('.portal-card[data-key="hangs"] .portal-widget', "data-status") == "timeout"
    assert "系统响应超时" in page.inner_text('.portal-card[data-key="hangs"]')


def test_the_tools_appear_only_in_edit_layout_mode(logged_in):
    page = logged_in
    assert page.locator(".portal-card-tools").first.is_hidden() and page.locator("#portal-add").is_hidden()
    assert page.get_attribute('.portal-card[data-key="todo"]', "draggable") in (None, "false")
    page.get_by_role("button", name="编辑布局").click()
    assert page.get_attribute('[data-action="edit"]', "aria-pressed") == "true"
    assert page.locator('.portal-card[data-key="todo"] .portal-card-tools').is_visible()
    assert page.get_attribute('.portal-card[data-key="todo"]', "draggable") == "true"
    page.keyboard.press("Escape")
    assert page.locator(".portal-card-tools").first.is_hidden()
    assert page.evaluate("document.activeElement.dataset.action") == "edit"


def enter_edit_mode(page):
    page.click('[data-action="edit"]')
    page.wait_for_selector(".portal-card-tools:not([hidden])")


def test_keyboard_buttons_reorder_resize_and_the_layout_survives_a_reload(logged_in, live_server):
    page = logged_in
    assert order(page) == ["todo", "meetings", "hangs"]
    enter_edit_mode(page)
    page.focus('.portal-card[data-key="todo"] [data-action="down"]')
    with page.expect_response(lambda r: r.url.endswith("/portal/api/layout/") and r.request.method == "PUT") as saved:
        page.keyboard.press("Enter")
    assert saved.value.ok
    assert order(page) == ["meetings", "todo", "hangs"]
    # focus stays on the button that was pressed, so it can be pressed again
    assert page.evaluate("document.activeElement.dataset.action") == "down"
    with page.expect_response(lambda r: r.request.method == "PUT"):
        page.click('.portal-card[data-key="todo"] [data-action="wider"]')
    with page.expect_response(lambda r: r.request.method == "PUT"):
        page.click('.portal-card[data-key="hangs"] [data-action="remove"]')
    assert "已移除 慢系统" in page.inner_text(".portal-live")

    page.reload()
    page.wait_for_selector(".portal-card [data-status]")
    assert order(page) == ["meetings", "todo"]
    assert page.get_attribute('.portal-card[data-key="todo"]', "data-width") == "3"
    enter_edit_mode(page)

    page.select_option("#portal-add", "hangs")
    with page.expect_response(lambda r: r.request.method == "PUT"):
        page.click('[data-action="add"]')
    assert order(page) == ["meetings", "todo", "hangs"]
    page.wait_for_selector('.portal-card[data-key="hangs"] [data-status]')

    with page.expect_navigation():
        page.click('[data-action="reset"]')
    page.wait_for_selector(".portal-card [data-status]")
    assert order(page) == ["todo", "meetings", "hangs"]


def test_drag_and_drop_reorders_and_saves(logged_in):
    page = logged_in
    enter_edit_mode(page)
    with page.expect_response(lambda r: r.request.method == "PUT") as saved:
        page.drag_and_drop('.portal-card[data-key="hangs"] h2', '.portal-card[data-key="todo"] h2', target_position={"x": 2, "y": 2})
    assert saved.value.ok
    assert order(page)[0] == "hangs"
    page.reload()
    page.wait_for_selector(".portal-card")
    assert order(page)[0] == "hangs"
