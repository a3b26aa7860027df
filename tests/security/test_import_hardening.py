"""#13 items 1, 3, 4, 11: hostile import files end in ``FILE:LINE: field: reason``, never a traceback;
attachments cannot leave the import folder; drafts never reach search; slug clashes import."""
import io
import json
import os

import pytest
from django.core.management import CommandError, call_command
from wagtail.documents import get_document_model

from cms.models import NoticePage, ServiceGuidePage
from search.models import SearchEntry
from tests.cms.test_import_export import GUIDE, NOTICE, run

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture
def folder(tmp_path):
    base = tmp_path / "import"
    (base / "files").mkdir(parents=True)
    (base / "files" / "form.pdf").write_bytes(b"%PDF-1.4 demo form")
    (tmp_path / "outside.pdf").write_bytes(b"%PDF-1.4 secret")
    return base


def write(folder, lines, name="content.jsonl"):
    path = folder / name
    data = b"".join((line if isinstance(line, bytes) else
                     (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)).encode()) + b"\n"
                    for line in lines)
    path.write_bytes(data)
    return path


def failure_of(path, *args) -> str:
    """The command's refusal: its message plus every ``FILE:LINE: field: reason`` on stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_content", str(path), *args, stdout=io.StringIO(), stderr=err)
    return str(failure.value) + "\n" + err.getvalue()


def guide_with(folder, attachment_path):
    return {**GUIDE, "attachments": [{"title": "表", "path": attachment_path}]}


@pytest.mark.parametrize("attachment", ["ATTACHMENT_ABSOLUTE", "../outside.pdf", "files/../../outside.pdf",
                                        "files/link.pdf", "linkdir/form.pdf", "files/fifo.pdf", "files",
                                        "/proc/self/environ", "files/form.pdf\x00"])
def test_attachments_are_confined_to_the_import_folder(site, folder, attachment):
    os.symlink(folder.parent / "outside.pdf", folder / "files" / "link.pdf")
    os.symlink(folder / "files", folder / "linkdir")
    os.mkfifo(folder / "files" / "fifo.pdf")
    if attachment == "ATTACHMENT_ABSOLUTE":
        attachment = str(folder / "files" / "form.pdf")
    message = failure_of(write(folder, [guide_with(folder, attachment)]))
    assert "content.jsonl:1: attachments[0].path:" in message
    assert get_document_model().objects.count() == 0
    assert not ServiceGuidePage.objects.exists()


def test_a_file_inside_the_folder_is_accepted(site, folder):
    run("import_content", str(write(folder, [guide_with(folder, "files/form.pdf")])))
    assert get_document_model().objects.get().file.read() == b"%PDF-1.4 demo form"


@pytest.mark.parametrize("line,expected", [
    (b'{"type": "notice", "title": "\xff\xfe"}', "invalid UTF-8"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"a": ' * 50_000 + "1" + "}" * 50_000, "nested too deeply"),
])
def test_undecodable_or_deep_lines_are_reported_with_their_line(site, folder, line, expected):
    message = failure_of(write(folder, [NOTICE, line]))
    assert "content.jsonl:2: (line):" in message and expected in message


def test_every_length_and_url_problem_is_reported_up_front(site, folder):
    long_title = {**NOTICE, "slug": "long-title", "title": "长" * 300}
    bad_url = {**GUIDE, "slug": "bad-url", "online_url": "javascript:alert(document.cookie)", "attachments": []}
    long_phone = {**GUIDE, "slug": "long-phone", "consultation_phone": "1" * 200, "attachments": []}
    long_department = {**NOTICE, "slug": "long-dept", "department": "部" * 200}
    message = failure_of(write(folder, [long_title, bad_url, long_phone, long_department]))
    for expected in ("content.jsonl:1: title:", "content.jsonl:2: online_url:", "content.jsonl:3: consultation_phone:",
                     "content.jsonl:4: department:"):
        assert expected in message
    assert not NoticePage.objects.exists()


def test_a_draft_update_never_reaches_search(site, folder):
    run("import_content", str(write(folder, [NOTICE])), "--publish")
    assert SearchEntry.objects.filter(title=NOTICE["title"]).exists()
    draft = {**NOTICE, "title": "未审核的草稿标题", "summary": "草稿摘要", "body": "<p>草稿正文</p>"}
    run("import_content", str(write(folder, [draft], "draft.jsonl")))
    page = NoticePage.objects.get(slug=NOTICE["slug"])
    assert page.live and page.has_unpublished_changes and page.title == NOTICE["title"]
    texts = " ".join(SearchEntry.objects.values_list("title", "summary", "text").first())
    assert "草稿" not in texts and NOTICE["title"] in texts


def test_a_slug_of_another_departments_page_updates_and_moves_it(site, folder):
    """The documented rule: slugs are global; a record updates the page with its slug (as a new
    revision) and moves it to the record's department. Re-import is idempotent."""
    run("import_content", str(write(folder, [NOTICE])), "--publish")
    other_city = {**NOTICE, "department": "另一个市的市场监督管理局", "title": "另一个市的通知"}
    path = write(folder, [other_city], "other.jsonl")
    out, err = run("import_content", str(path), "--publish")
    page = NoticePage.objects.get(slug=NOTICE["slug"])
    assert "1 updated" in out, (out, err)
    assert page.title == "另一个市的通知" and page.department.name == other_city["department"]
    assert page.get_parent().specific.department.name == other_city["department"]
    revisions = page.revisions.count()
    run("import_content", str(path), "--publish")  # again: no error, one more revision, same place
    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1 and NoticePage.objects.filter(slug=NOTICE["slug"]).count() == 1
