"""import_content / export_content as shared/contracts §1 says."""
import io
import json
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import PageLogEntry

from cms.exchange.importer import SYSTEM_USERNAME
from cms.models import CONTENT_TYPES, Department, DepartmentSectionPage, NoticePage, PolicyPage, ServiceGuidePage, Topic
from cms.signals import content_imported

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

GUIDE = {
    "type": "service_guide", "slug": "getihu-dengji", "title": "个体工商户设立登记",
    "department": "明川市市场监督管理局", "topics": ["市场准入", "营商环境"], "audience": ["个人"],
    "published_at": "2024-03-01T09:00:00+08:00", "summary": "设立登记。",
    "body": "<p>可全程网办。</p>", "item_code": "330100-SCJ-XK-001", "item_type": "行政许可",
    "legal_basis": "《促进个体工商户发展条例》", "conditions": "具有经营能力。",
    "materials": [{"name": "申请书", "form": "原件", "copies": 1, "required": True},
                  {"name": "委托书", "required": False, "note": "委托办理时"}],
    "procedure": [{"name": "申请", "description": "网上提交。"}, {"name": "发证"}],
    "statutory_time_limit_days": 3, "promised_time_limit_days": 1, "fees": "不收费",
    "locations": [{"name": "政务服务中心", "address": "江滨大道200号", "hours": "工作日", "phone": "12345"}],
    "online_url": "https://zwfw.example/getihu", "consultation_phone": "12315", "complaint_phone": "12345",
    "faqs": [{"question": "能网办吗？", "answer": "能。"}],
    "attachments": [{"title": "申请书样表", "path": "files/form.pdf"}],
}
NOTICE = {
    "type": "notice", "slug": "yuandan-fangjia", "title": "元旦放假通知", "department": "明川市人民政府办公室",
    "published_at": "2026-11-20T10:00:00+08:00", "expires_at": "2027-01-04T00:00:00+08:00",
    "priority": "important", "body": "<p>放假三天。</p>",
}
POLICY = {
    "type": "policy", "slug": "mingshijian-gui-2024-3", "title": "个体工商户登记管理办法",
    "department": "明川市市场监督管理局", "published_at": "2024-03-01T09:00:00+08:00",
    "doc_number": "明市监规〔2024〕3号", "index_number": "11330100/2024-00012", "issuer": "明川市市场监督管理局",
    "written_at": "2024-02-20", "effective_at": "2024-04-01", "status": "有效", "theme_category": "工商",
    "topics": ["市场准入"],
}


@pytest.fixture
def write(tmp_path):
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "form.pdf").write_bytes(b"%PDF-1.4 demo form")

    def write(records, name="content.jsonl"):
        path = tmp_path / name
        path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                                for r in records), encoding="utf-8")
        return path

    return write


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def export(tmp_path, name="export.jsonl"):
    path = tmp_path / name
    run("export_content", "--output", str(path))
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def content_count():
    return sum(model.objects.count() for model in CONTENT_TYPES.values())


def test_valid_file_becomes_drafts_by_the_system_user(site, write):
    received = []
    content_imported.connect(lambda sender, pages, **kw: received.extend(pages), dispatch_uid="t", weak=False)
    try:
        out, err = run("import_content", str(write([GUIDE, NOTICE, POLICY])))
    finally:
        content_imported.disconnect(dispatch_uid="t")
    assert out.strip().endswith("/ 3 records imported (3 new, 0 updated)")
    assert len(out.strip().splitlines()) == 1 and err == ""  # no progress bar off a terminal
    guide = ServiceGuidePage.objects.get(slug="getihu-dengji")
    assert not guide.live and guide.has_unpublished_changes
    assert guide.latest_revision.user.username == SYSTEM_USERNAME
    assert [m.value["name"] for m in guide.materials] == ["申请书", "委托书"]
    assert guide.materials[1].value["required"] is False
    assert guide.get_parent().specific.department.name == "明川市市场监督管理局"
    assert guide.attachments[0].value["document"].title == "申请书样表"
    assert sorted(t.name for t in guide.topics.all()) == ["市场准入", "营商环境"]
    assert {p.slug for p in received} == {"getihu-dengji", "yuandan-fangjia", "mingshijian-gui-2024-3"}
    assert NoticePage.objects.get(slug="yuandan-fangjia").expire_at is not None


def test_publish_records_who_published(site, write):
    publisher = User.objects.create_user("scj_publisher")
    run("import_content", str(write([POLICY])), "--publish", "--user", "scj_publisher")
    policy = PolicyPage.objects.get(slug=POLICY["slug"])
    assert policy.live and policy.doc_number == "明市监规〔2024〕3号"
    entry = PageLogEntry.objects.get(page=policy, action="wagtail.publish")
    assert entry.user == publisher


def test_a_bad_record_in_the_middle_writes_nothing_and_names_every_line(site, write):
    bad_notice = {**NOTICE, "slug": "Bad Slug", "priority": "high", "colour": "red"}
    del bad_notice["department"]
    bad_policy = {**POLICY, "slug": "another", "status": "有效", "priority": "urgent",
                  "published_at": "2024-03-01T09:00:00"}
    guide_missing_file = {**GUIDE, "slug": "other-guide", "attachments": [{"title": "x", "path": "files/nope.exe"}]}
    path = write([GUIDE, bad_notice, "{not json", bad_policy, {**NOTICE, "slug": "getihu-dengji"},
                  guide_missing_file, POLICY])
    before = (Department.objects.count(), Topic.objects.count(), get_document_model().objects.count())
    with pytest.raises(CommandError) as failure:
        run("import_content", str(path))
    assert "nothing written" in str(failure.value)
    assert content_count() == 0
    assert before == (Department.objects.count(), Topic.objects.count(), get_document_model().objects.count())


def test_error_lines_are_exact(site, write, capsys):
    bad_notice = {**NOTICE, "slug": "Bad Slug", "priority": "high", "colour": "red"}
    del bad_notice["department"]
    bad_policy = {**POLICY, "slug": "another", "priority": "urgent", "published_at": "2024-03-01T09:00:00"}
    path = write([GUIDE, bad_notice, "{not json", bad_policy, {**NOTICE, "slug": "getihu-dengji"},
                  {**GUIDE, "slug": "other-guide", "attachments": [{"title": "x", "path": "files/nope.exe"}]}])
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_content", str(path), stdout=io.StringIO(), stderr=err)
    assert err.getvalue().splitlines() == [
        f"{path}:2: colour: 未知字段 / unknown field",
        f"{path}:2: department: 缺少必填字段 / required",
        f"{path}:2: priority: 取值必须是 normal / important / urgent",
        f"{path}:2: slug: 格式不符，应匹配 ^[a-z0-9][a-z0-9-]{{0,99}}$",
        f"{path}:3: (line): 不是有效的 JSON / invalid JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{path}:4: priority: 不适用于政策文件（policy）",
        f"{path}:4: published_at: 缺少时区，例如 +08:00 / missing time zone offset",
        f"{path}:5: slug: 与第 1 行重复 / duplicate of line 1",
        f"{path}:6: attachments[0].path: 找不到文件 / file not found: files/nope.exe",
    ]


def test_reimport_updates_as_a_new_revision_without_duplicates(site, write):
    run("import_content", str(write([GUIDE, NOTICE])), "--publish")
    guide = ServiceGuidePage.objects.get(slug="getihu-dengji")
    revisions = guide.revisions.count()
    changed = {**GUIDE, "title": "个体工商户设立登记（新版）", "materials": [{"name": "申请书"}]}
    out, _ = run("import_content", str(write([changed, NOTICE], name="again.jsonl")))
    assert "(0 new, 2 updated)" in out
    assert ServiceGuidePage.objects.filter(slug="getihu-dengji").count() == 1 and content_count() == 2
    assert DepartmentSectionPage.objects.count() == 2 and Department.objects.count() == 2
    assert get_document_model().objects.count() == 1  # the same file is not stored twice
    guide = ServiceGuidePage.objects.get(slug="getihu-dengji")
    assert guide.revisions.count() == revisions + 1
    assert guide.title == "个体工商户设立登记"  # live version untouched: the change is a draft
    draft = guide.get_latest_revision_as_object()
    assert draft.title == "个体工商户设立登记（新版）" and len(draft.materials) == 1


def test_round_trip_into_an_empty_site_gives_equal_records(site, write, tmp_path):
    run("import_content", str(write([GUIDE, NOTICE, POLICY])), "--publish")
    first = export(tmp_path)
    assert [r["slug"] for r in first] == ["getihu-dengji", "yuandan-fangjia", "mingshijian-gui-2024-3"]
    # the export is the import: equal to what went in, attachment path aside
    exported_guide = {**first[0], "attachments": GUIDE["attachments"]}
    assert exported_guide == {**GUIDE, "topics": sorted(GUIDE["topics"])}
    assert first[2] == POLICY
    assert (tmp_path / first[0]["attachments"][0]["path"]).read_bytes() == b"%PDF-1.4 demo form"

    for section in DepartmentSectionPage.objects.all():
        section.delete()
    Department.objects.all().delete()
    Topic.objects.all().delete()
    get_document_model().objects.all().delete()
    assert content_count() == 0

    run("import_content", str(tmp_path / "export.jsonl"), "--publish")
    second = export(tmp_path, name="second.jsonl")
    assert second == first


def test_imported_notice_leaves_the_list_when_it_expires(client, site, write, monkeypatch):
    now = timezone.now()
    soon = {**NOTICE, "published_at": (now - timedelta(days=1)).isoformat(),
            "expires_at": (now + timedelta(minutes=1)).isoformat()}
    run("import_content", str(write([soon])), "--publish")
    assert [p.slug for p in client.get("/notices/").context["listing"].page] == ["yuandan-fangjia"]
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=2))
    assert list(client.get("/notices/").context["listing"].page) == []


def test_body_html_is_sanitised_on_import(site, write):
    run("import_content", str(write([{**NOTICE, "body": '<p onclick="x()">放假<script>alert(1)</script></p><img src=x>'}])))
    assert NoticePage.objects.get().get_latest_revision_as_object().body == "<p>放假</p>"


def test_unknown_site_and_user_are_clear_errors(site, write):
    path = write([NOTICE])
    with pytest.raises(CommandError, match="unknown site"):
        run("import_content", str(path), "--site", "nowhere.example")
    with pytest.raises(CommandError, match="unknown user"):
        run("import_content", str(path), "--user", "nobody")
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing written"):
        call_command("import_content", str(write([{**NOTICE, "site": "nowhere.example"}], name="s.jsonl")),
                     stdout=io.StringIO(), stderr=err)
    assert err.getvalue().endswith("s.jsonl:1: site: 没有这个站点 / unknown site: nowhere.example\n")
    assert content_count() == 0


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_on_a_terminal(site, write, capsys):
    out = Terminal()
    call_command("import_content", str(write([GUIDE, NOTICE])), stdout=out, stderr=io.StringIO())
    assert "导入 / importing" in capsys.readouterr().err  # tqdm draws on the terminal
    assert "2 records imported" in out.getvalue()


def test_export_to_stdout_writes_json_lines_and_warns_about_files(site, write):
    run("import_content", str(write([GUIDE, NOTICE])), "--publish")
    out, err = run("export_content", "--type", "notice")
    assert [json.loads(line)["slug"] for line in out.splitlines()] == ["yuandan-fangjia"]
    out, err = run("export_content")
    assert len(out.splitlines()) == 2
    assert "1 attachment file(s) not copied" in err
