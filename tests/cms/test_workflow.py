"""The editorial workflow end to end through the admin: 起草 → 科室审核 → 办公室签发 → live."""
import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, TaskState, WorkflowState

from cms.models import NoticeIndexPage, NoticePage
from cms.site_tree import ensure_section, ensure_tree
from cms.workflows import workflow_name
from tests.fixtures.content import notice_form

pytestmark = pytest.mark.django_db


def act(client, page, action, comment=""):
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, {"comment": comment} if comment else {})


def test_department_section_gets_a_two_step_workflow(site, market, team):
    section = ensure_section(ensure_tree(site)[NoticeIndexPage], market)
    workflow = section.get_workflow()
    assert workflow.name == workflow_name(market) == "市场监督管理局发布审批"
    assert [task.name for task in workflow.tasks] == ["市场监督管理局科室审核", "市场监督管理局办公室签发"]


def test_submit_reject_resubmit_approve_every_step_goes_live(client, site, market, team):
    section = ensure_section(ensure_tree(site)[NoticeIndexPage], market)
    editor, reviewer, publisher = team["editor"], team["reviewer"], team["publisher"]

    # 起草 and submit
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:add", args=["cms", "noticepage", section.pk]),
                           notice_form(department=market.pk, **{"action-submit": "1"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NoticePage.objects.get(slug="chuangkou-shijian")
    assert not page.live
    assert page.current_workflow_task.name == "市场监督管理局科室审核"

    # the reviewer sees it in their queue, the publisher cannot act on step one
    client.force_login(reviewer)
    assert page.title in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(publisher)
    act(client, page, "approve")
    assert NoticePage.objects.get(pk=page.pk).current_workflow_task.name == "市场监督管理局科室审核"

    # reject with a comment: the author is told, with the comment
    mail.outbox.clear()
    client.force_login(reviewer)
    act(client, page, "reject", comment="请补充办理地点。")
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert TaskState.objects.filter(status=TaskState.STATUS_REJECTED, comment="请补充办理地点。").exists()
    to_author = [m for m in mail.outbox if editor.email in m.to]
    assert to_author and "请补充办理地点。" in to_author[0].body

    # resubmit with the change
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                           notice_form(department=market.pk, summary="地点：政务服务中心一楼",
                                       **{"action-submit": "1"}))
    assert response.status_code == 302
    page = NoticePage.objects.get(pk=page.pk)
    assert page.current_workflow_task.name == "市场监督管理局科室审核"

    # step one, then step two
    client.force_login(reviewer)
    act(client, page, "approve")
    page = NoticePage.objects.get(pk=page.pk)
    assert page.current_workflow_task.name == "市场监督管理局办公室签发" and not page.live
    act(client, page, "approve")  # the reviewer may not sign off
    assert not NoticePage.objects.get(pk=page.pk).live
    mail.outbox.clear()
    client.force_login(publisher)
    act(client, page, "approve", comment="同意发布")

    page = NoticePage.objects.get(pk=page.pk)
    assert page.live and page.summary == "地点：政务服务中心一楼"
    assert any(editor.email in m.to for m in mail.outbox)  # told it was approved
    assert client.get(page.url).status_code == 200
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.workflow.start", "wagtail.workflow.reject", "wagtail.workflow.resume",
            "wagtail.workflow.approve", "wagtail.publish"} <= actions
