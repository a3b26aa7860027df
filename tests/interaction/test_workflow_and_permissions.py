"""The officials' side: steps of the workflow with the audit log, sign-off only by the 签发
group, and the permission matrix (no department sees another's items; anonymous users none)."""
from __future__ import annotations

import pytest
from django.core import mail
from wagtail.models import ModelLogEntry

from interaction.models import Interaction
from notifications.models import Delivery, Notification
from interaction.status import Status

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def step(client, item, name, **data):
    return client.post(f"/admin/interaction/{item.pk}/step/{name}/", data)


def test_an_enquiry_goes_from_new_to_answered_with_sign_off_and_every_step_logged(
        client, make_item, market_handler, market_signer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        item, code = make_item()
    # the citizen: e-mail and SMS through the message centre's senders; the department: a message
    assert {(d.channel, d.address) for d in Delivery.objects.filter(kind="citizen")} == {
        ("email", "zhangsan@example.com"), ("sms", "13812345678")}
    assert any(item.tracking_number in m.body for m in mail.outbox)
    assert Notification.objects.filter(recipient=market_handler, kind="interaction").exists()
    client.force_login(market_handler)
    assert step(client, item, "assigned", assignee=market_handler.pk).status_code == 302
    assert step(client, item, "drafted", answer_draft="您好，所需材料见办事指南。").status_code == 302
    assert step(client, item, "submitted_for_signoff").status_code == 302
    item.refresh_from_db()
    assert item.status == Status.AWAITING_SIGNOFF
    # the handler is not in the 签发 group: signing off is refused and nothing changes
    refused = step(client, item, "answered", answer="擅自签发", publish="on")
    assert refused.status_code == 403 or refused["Location"] == "/admin/"   # Wagtail: PermissionDenied → home
    item.refresh_from_db()
    assert item.status == Status.AWAITING_SIGNOFF and item.answer == ""
    client.force_login(market_signer)
    with django_capture_on_commit_callbacks(execute=True):
        response = step(client, item, "answered", answer="您好，所需材料见办事指南。", publish="on")
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == Status.ANSWERED and item.answered_by == market_signer and item.is_published
    assert any("已答复" in m.body for m in mail.outbox)
    actions = list(ModelLogEntry.objects.for_instance(item).order_by("id").values_list("action", flat=True))
    assert actions == ["interaction.submitted", "interaction.assigned", "interaction.drafted",
                       "interaction.submitted_for_signoff", "interaction.answered"]


def test_a_rejected_sign_off_goes_back_to_the_handler(client, make_item, market_signer):
    item, _ = make_item()
    Interaction.objects.filter(pk=item.pk).update(status=Status.AWAITING_SIGNOFF, answer_draft="草稿")
    client.force_login(market_signer)
    assert step(client, item, "signoff_rejected", comment="请补充法律依据").status_code == 302
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS
    entry = ModelLogEntry.objects.for_instance(item).latest("id")
    assert entry.action == "interaction.signoff_rejected" and entry.data["comment"] == "请补充法律依据"


def test_a_transfer_needs_a_reason_and_moves_the_item_out_of_the_first_department(
        client, make_item, market_handler, labour_handler, labour):
    item, _ = make_item(kind="complaint")
    client.force_login(market_handler)
    refused = step(client, item, "transferred", department=labour.pk, reason="")
    assert refused.status_code == 400
    item.refresh_from_db()
    assert item.department.slug == "scjgj"
    moved = step(client, item, "transferred", department=labour.pk, reason="属于劳动保障监察职责")
    assert moved.status_code == 302 and moved["Location"].endswith("/admin/interaction/")
    item.refresh_from_db()
    assert item.department == labour and item.status == Status.NEW and item.assignee is None
    assert client.get(f"/admin/interaction/{item.pk}/").status_code == 404   # no longer theirs
    client.force_login(labour_handler)
    page = client.get(f"/admin/interaction/{item.pk}/")
    assert page.status_code == 200 and "属于劳动保障监察职责" in page.content.decode()


def test_requesting_more_information_and_the_citizen_supplying_it(client, make_item, market_handler):
    item, code = make_item()
    client.force_login(market_handler)
    step(client, item, "assigned", assignee=market_handler.pk)
    assert step(client, item, "info_requested", info_request="请提供营业执照复印件").status_code == 302
    client.logout()
    page = client.post("/interaction/track/", {"tracking_number": item.tracking_number, "code": code})
    assert "请提供营业执照复印件" in page.content.decode()
    supplied = client.post("/interaction/track/supplement/", {"tracking_number": item.tracking_number, "code": code,
                                                              "info_reply": "已补充：执照编号见附件说明"})
    assert supplied.status_code == 200
    item.refresh_from_db()
    assert item.status == Status.IN_PROGRESS and item.info_reply.startswith("已补充")


@pytest.mark.parametrize("persona,sees_market,sees_labour", [
    ("market_handler", True, False), ("market_signer", True, False), ("labour_handler", False, True),
    ("outsider", False, False), ("admin_user", True, True),
])
def test_permission_matrix(request, client, make_item, labour, persona, sees_market, sees_labour):
    user = request.getfixturevalue(persona)
    market_item, _ = make_item(subject="市场监管局的事项标题")
    labour_item, _ = make_item(department=labour, subject="人社局的事项标题")
    client.force_login(user)
    assert (client.get(f"/admin/interaction/{market_item.pk}/").status_code == 200) is sees_market
    assert (client.get(f"/admin/interaction/{labour_item.pk}/").status_code == 200) is sees_labour
    queue = client.get("/admin/interaction/")
    if not (sees_market or sees_labour):
        assert queue.status_code in (302, 403)
        return
    text = queue.content.decode()
    assert ("市场监管局的事项标题" in text) is sees_market
    assert ("人社局的事项标题" in text) is sees_labour
    assert "13812345678" not in text and "138****5678" in text      # masked in lists
    export = client.get("/admin/interaction/export.csv").content.decode("utf-8-sig")
    assert ("市场监管局的事项标题" in export) is sees_market and ("人社局的事项标题" in export) is sees_labour
    assert "13812345678" not in export and "张三" not in export


def test_another_departments_steps_are_refused(client, make_item, labour_handler, market_handler):
    item, _ = make_item()
    client.force_login(labour_handler)
    assert step(client, item, "assigned", assignee=labour_handler.pk).status_code == 404
    item.refresh_from_db()
    assert item.status == Status.NEW


def test_anonymous_users_get_the_login_page_not_items(client, make_item):
    item, _ = make_item()
    for url in ("/admin/interaction/", f"/admin/interaction/{item.pk}/", "/admin/interaction/export.csv"):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_xlsx_export_is_a_real_workbook_with_masked_data(client, make_item, market_handler):
    import io

    from openpyxl import load_workbook

    make_item(subject="=HYPERLINK(\"http://evil\")")
    client.force_login(market_handler)
    response = client.get("/admin/interaction/export.xlsx?status=")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][0] == "受理编号" and len(rows) == 2
    assert rows[1][2].startswith("'=")               # no formula injection
    assert rows[1][6] == "张*" and rows[1][7] == "138****5678"


def test_attachments_are_served_only_to_the_handling_department(client, market, market_handler, labour_handler):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from interaction.submission import clean_files, submit
    from tests.interaction.conftest import VALID

    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    receipt = submit({**VALID, "department": market}, clean_files([SimpleUploadedFile("证明.pdf", pdf)]))
    attachment = receipt.item.attachments.get()
    url = f"/admin/interaction/{receipt.item.pk}/attachments/{attachment.pk}/"
    assert client.get(url).status_code == 302                      # anonymous: to the login page
    client.force_login(labour_handler)
    assert client.get(url).status_code == 404
    client.force_login(market_handler)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == pdf
    assert "attachment" in response["Content-Disposition"] and response["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/media/{attachment.file.name}").status_code == 404   # never a public file
