"""#13 item 2 in a real browser: with the Content-Security-Policy on, the public site, the portal
and the Wagtail admin (dashboard, page editor with its rich-text editor and choosers) work and
the browser reports no violation."""
from __future__ import annotations

import pytest

from tests.browser.test_editorial_journeys import CITY, EDITOR, admin_login, section_id

pytestmark = pytest.mark.browser


def watch_violations(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text else None)
    return found


def test_public_pages_run_under_the_strict_policy(page, site_server):
    violations = watch_violations(page)
    for path in ("/", "/notices/", "/search/?q=营业执照"):
        response = page.goto(site_server.url_for(CITY, path))
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    assert violations == [] and page.js_errors == []


def test_the_admin_editor_works_under_its_policy(browser, site_server):
    editor = admin_login(browser, site_server, EDITOR)
    violations = watch_violations(editor)
    try:
        parent = section_id(site_server, "notices", "scjgj")
        editor.goto(site_server.url_for(CITY, f"/admin/pages/add/cms/noticepage/{parent}/"))
        editor.fill("#id_title", "CSP 测试通知")
        editor.locator(".public-DraftEditor-content").first.click()
        editor.keyboard.type("正文")
        editor.wait_for_function("() => document.getElementById('id_body').value.includes('正文')")
        response = editor.goto(site_server.url_for(CITY, "/admin/"))
        editor.wait_for_load_state("networkidle")
        assert response.status == 200 and "object-src 'none'" in response.headers["content-security-policy"]
        assert violations == [], violations
    finally:
        editor.context.close()
