"""Journeys of citizen interaction in Chromium: an enquiry with an attachment is answered,
signed off and rated; a complaint is transferred; a 差评 on a service guide opens a follow-up.
Citizens use only plain forms (no JavaScript needed); officials use the Wagtail admin."""
from __future__ import annotations

import re
import uuid

import pytest

from tests.browser.test_editorial_journeys import CITY, EDITOR, PUBLISHER, admin_login

pytestmark = pytest.mark.browser

JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20"
    "242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000"
    "000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1"
    "082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a73"
    "7475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9"
    "dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00fbd3ffd9")


def citizen_submits(page, server, kind: str, subject: str, department: str, attachment: bool = False) -> tuple[str, str]:
    page.goto(server.url_for(CITY, f"/interaction/new/{kind}/"))
    page.select_option("#id_department", label=department)
    page.fill("#id_subject", subject)
    page.fill("#id_content", "请问办理需要准备哪些材料？是否可以网上办理？谢谢。")
    page.fill("#id_name", "浏览器测试")
    page.fill("#id_phone", "13800138000")
    page.fill("#id_email", "e2e@example.com")
    if attachment:
        page.set_input_files("#id_attachments", files=[{"name": "材料.jpg", "mimeType": "image/jpeg", "buffer": JPEG}])
    page.check("#id_publish_consent")
    page.check("#id_privacy_consent")
    page.get_by_role("button", name="提交").click()
    page.wait_for_selector("[data-tracking-number]")
    return (page.locator("[data-tracking-number]").inner_text().strip(),
            page.locator("[data-query-code]").inner_text().strip())


def open_item(official, server, number: str):
    official.goto(server.url_for(CITY, f"/admin/interaction/?q={number}"))
    official.get_by_role("link", name=number).click()
    official.wait_for_selector("[data-status]")


def run_step(official, name: str, **fields):
    form = official.locator(f'form[data-step="{name}"]')
    for field, value in fields.items():
        form.locator(f'[name="{field}"]').fill(value)
    with official.expect_navigation():
        form.locator("button[type=submit]").click()


def test_an_enquiry_with_an_attachment_is_answered_signed_off_and_rated(browser, site_server, page, screenshot):
    subject = f"食品经营许可延续咨询（{uuid.uuid4().hex[:4]}）"
    number, code = citizen_submits(page, site_server, "consultation", subject, "明川市市场监督管理局", attachment=True)
    assert re.fullmatch(r"\d{15}", number) and len(code) == 8
    screenshot(page, "interaction-receipt")

    handler = admin_login(browser, site_server, EDITOR)
    open_item(handler, site_server, number)
    assert handler.get_by_role("link", name="材料.jpg").count() == 1
    run_step(handler, "assigned")
    run_step(handler, "drafted", answer_draft="您好：延续申请请在许可证有效期届满30个工作日前提出。")
    run_step(handler, "submitted_for_signoff")
    assert handler.locator("[data-status]").first.get_attribute("data-status") == "awaiting_signoff"
    assert handler.locator('form[data-step="answered"]').count() == 0      # only the 签发 group signs off
    handler.context.close()

    signer = admin_login(browser, site_server, PUBLISHER)
    open_item(signer, site_server, number)
    signer.locator('form[data-step="answered"] [name="publish"]').check()
    run_step(signer, "answered")
    assert signer.locator("[data-status]").first.get_attribute("data-status") == "answered"
    signer.context.close()

    page.goto(site_server.url_for(CITY, "/interaction/track/"))
    page.fill("#id_tracking_number", number)
    page.fill("#id_code", code)
    page.get_by_role("button", name="查询").click()
    assert "有效期届满30个工作日前" in page.locator("[data-answer]").inner_text()
    page.get_by_label("满意", exact=True).check()
    page.get_by_role("button", name="提交评价").click()
    assert page.locator("[data-satisfaction]").inner_text() == "满意"
    screenshot(page, "interaction-rated")
    page.goto(site_server.url_for(CITY, "/interaction/published/?department=scjgj"))
    assert subject in page.content() and "13800138000" not in page.content() and "浏览器测试" not in page.content()
    assert page.js_errors == []


def test_a_complaint_is_transferred_to_another_department(browser, site_server, page):
    subject = f"用人单位未缴社保（{uuid.uuid4().hex[:4]}）"
    number, _ = citizen_submits(page, site_server, "complaint", subject, "明川市市场监督管理局")
    handler = admin_login(browser, site_server, EDITOR)
    open_item(handler, site_server, number)
    form = handler.locator('form[data-step="transferred"]')
    form.locator('[name="department"]').select_option(label="明川市人力资源和社会保障局")
    form.locator('[name="reason"]').fill("属于社会保险征缴监察职责")
    with handler.expect_navigation():
        form.locator("button[type=submit]").click()
    # back on the queue: the item has left this department
    handler.goto(site_server.url_for(CITY, f"/admin/interaction/?q={number}&status="))
    assert handler.get_by_role("link", name=number).count() == 0
    handler.context.close()
    admin = admin_login(browser, site_server, ("admin", "Mingchuan-admin-2026"))
    open_item(admin, site_server, number)
    text = admin.content()
    assert "明川市人力资源和社会保障局" in text and "属于社会保险征缴监察职责" in text
    admin.context.close()


def test_a_bad_rating_on_a_service_guide_opens_a_follow_up(browser, site_server, page):
    out = site_server.manage("shell", "-c", (
        "from cms.models import ServiceGuidePage as G;"
        "print(G.objects.live().get(slug='yingye-zhizhao-yishi-bulin').url_path)"))
    path = "/" + out.strip().splitlines()[-1].strip("/").split("/", 1)[1] + "/"
    page.goto(site_server.url_for(CITY, path))
    assert page.locator("#rating-heading").count() == 1
    page.get_by_label("非常不满意").check()
    page.get_by_label("材料要求不清楚").check()
    page.fill("#rating_comment", "窗口要求的材料和指南上写的不一样")
    page.get_by_role("button", name="提交评价").click()
    assert page.locator("[data-follow-up]").count() == 1, page.locator("main").inner_text()
    handler = admin_login(browser, site_server, EDITOR)
    handler.goto(site_server.url_for(CITY, "/admin/interaction/?kind=rectification&status="))
    # the demo data may hold earlier follow-ups of the same guide: the new one carries this comment
    rows = handler.locator("tr", has_text="营业执照遗失补领")
    links = [rows.nth(i).get_by_role("link", name=re.compile(r"^\d{15}$")).first.get_attribute("href")
             for i in range(rows.count())]
    assert links, handler.content()
    details = []
    for href in links:
        handler.goto(site_server.url_for(CITY, href))
        details.append(handler.content())
    assert any("窗口要求的材料和指南上写的不一样" in detail for detail in details)
    handler.context.close()


@pytest.mark.parametrize("path", ["/interaction/", "/interaction/new/consultation/", "/interaction/track/",
                                  "/interaction/published/"])
def test_interaction_pages_have_no_serious_accessibility_violations(page, site_server, screenshot, path):
    from tests.browser.axe import blocking_violations

    page.goto(site_server.url_for(CITY, path))
    assert page.locator("body").get_attribute("class").startswith("theme-city")
    screenshot(page, "interaction" + path.strip("/").replace("/", "-"))
    assert blocking_violations(page) == []
    assert page.js_errors == []
