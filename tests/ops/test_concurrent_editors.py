"""SQLite (and PostgreSQL) under the load of a working day: 8 editors drafting, submitting and
getting approved through the admin of a running installation (gunicorn with 2 workers x 4
threads, the task worker, the periodic worker) while ``import_content`` publishes a batch beside
them. Nothing may fail, and no process may ever see "database is locked"."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from tests.ops.conftest import EDITOR_PASSWORD, EDITORS
from tests.ops.installation import ROOT, AdminSession

pytestmark = pytest.mark.embedded
IMPORTED = 80
LOCKED = "database is locked"


def notice_form(n: int, department_id: int, **extra) -> dict:
    return nested_form_data({
        "title": f"并发测试通知{n}", "slug": f"concurrent-notice-{n}", "summary": f"第{n}位编辑的通知",
        "body": rich_text(f"<p>第{n}位编辑起草的内容。</p>"), "published_at": "2026-11-01 09:00",
        "expires_at": "", "priority": "normal", "attachments": streamfield([]),
        "comments": inline_formset([]), "go_live_at": "", "department": department_id, **extra,
    })


def import_file(path, department: str) -> None:
    lines = [json.dumps({
        "type": "notice", "slug": f"bulk-notice-{n}", "title": f"批量导入通知{n}", "department": department,
        "published_at": "2026-10-01T09:00:00+08:00", "summary": f"批量导入的第{n}条",
        "body": "<p>" + "批量导入的正文。" * 20 + "</p>", "priority": "normal",
    }, ensure_ascii=False) for n in range(IMPORTED)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def editorial_round(base_url: str, n: int, section_id: int, department_id: int) -> list[str]:
    """Editor n drafts and submits; the reviewer and the publisher approve. Returns problems."""
    problems: list[str] = []
    editor, reviewer, publisher = AdminSession(base_url), AdminSession(base_url), AdminSession(base_url)
    try:
        editor.login(f"editor{n}", EDITOR_PASSWORD)
        created = editor.post(f"/admin/pages/add/cms/noticepage/{section_id}/", notice_form(n, department_id))
        if created.status_code != 302 or "/edit/" not in created.headers.get("location", ""):
            return [f"editor{n} draft: {created.status_code} {created.text[:300]}"]
        page_id = int(created.headers["location"].rstrip("/").split("/")[-2])
        submitted = editor.post(f"/admin/pages/{page_id}/edit/", notice_form(n, department_id, **{"action-submit": "1"}))
        if submitted.status_code != 302:
            return [f"editor{n} submit: {submitted.status_code} {submitted.text[:300]}"]
        for who, session, password in (("scj_reviewer", reviewer, "Mingchuan-reviewer-2026"),
                                       ("scj_publisher", publisher, "Mingchuan-publisher-2026")):
            session.login(who, password)
            url = session.workflow_action_url(page_id, "approve")
            if url is None:
                return [f"{who} finds no approve action on page {page_id}"]
            approved = session.post(url, {"comment": "同意"})
            if approved.status_code >= 400:
                problems.append(f"{who} approve {page_id}: {approved.status_code} {approved.text[:300]}")
    except Exception as exc:  # a timeout or a dropped connection is a failure too
        problems.append(f"editor{n}: {type(exc).__name__}: {exc}")
    finally:
        for session in (editor, reviewer, publisher):
            session.close()
    return problems


def editorial_load(site, tmp_path, editors: int = EDITORS) -> dict:
    """Start the installation, run ``editors`` editorial rounds and an ``import_content
    --publish`` at once, stop it; return what went wrong (also used by bench/sqlite_concurrency.py)."""
    ids = site.query(
        "from cms.models import Department, NoticeIndexPage\n"
        "from cms.site_tree import ensure_section, ensure_tree, get_site\n"
        "dept = Department.objects.get(slug='scjgj')\n"
        "section = ensure_section(ensure_tree(get_site())[NoticeIndexPage], dept)\n"
        "result = {'section': section.pk, 'department': dept.pk, 'department_name': dept.name}"
    )
    records = tmp_path / "bulk.jsonl"
    import_file(records, ids["department_name"])
    site.start()
    started = time.monotonic()
    try:
        importer = subprocess.Popen([sys.executable, "manage.py", "import_content", str(records), "--publish"],
                                    cwd=ROOT, env=site.env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        with ThreadPoolExecutor(editors) as pool:
            rounds = list(pool.map(lambda n: editorial_round(site.base_url, n, ids["section"], ids["department"]),
                                   range(editors)))
        _, import_errors = importer.communicate(timeout=600)
        elapsed = time.monotonic() - started
    finally:
        site.stop()
    log = site.log_text()
    live = site.query(
        "from cms.models import NoticePage\n"
        "result = {'editors': NoticePage.objects.live().filter(slug__startswith='concurrent-notice-').count(),\n"
        "          'imported': NoticePage.objects.live().filter(slug__startswith='bulk-notice-').count()}"
    )
    return {"problems": [problem for found in rounds for problem in found], "import_status": importer.returncode,
            "import_errors": import_errors, "log": log, "live": live, "seconds": elapsed,
            "locked": log.count(LOCKED) + import_errors.count(LOCKED)}


def test_eight_editors_an_import_and_the_workers_never_see_a_locked_database(site_copy, tmp_path):
    result = editorial_load(site_copy, tmp_path)
    log = result["log"]
    # a 500 shows only the error page: the server's traceback says why
    assert result["problems"] == [], "\n".join(result["problems"]) + "\n" + log[log.find("Traceback") - 500:][:6000]
    assert result["import_status"] == 0, result["import_errors"][-3000:]
    assert result["locked"] == 0
    assert "Traceback" not in log, log[log.index("Traceback") - 500:][:4000]
    assert result["live"] == {"editors": EDITORS, "imported": IMPORTED}
