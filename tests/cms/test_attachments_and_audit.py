"""Attachment rules (type allow-list, size limit) and the audit log of taxonomy edits."""
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import ModelLogEntry

from cms.exchange.records import RecordError, check_attachment
from cms.models import Department

pytestmark = pytest.mark.django_db


def test_import_refuses_types_outside_the_allow_list_and_large_files(tmp_path, settings):
    settings.WAGTAILDOCS_EXTENSIONS = ["pdf"]
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    (tmp_path / "a.exe").write_bytes(b"MZ")
    (tmp_path / "big.pdf").write_bytes(b"%PDF" + b"x" * 20)
    (tmp_path / "ok.pdf").write_bytes(b"%PDF")
    with pytest.raises(RecordError, match="file type not allowed: .exe"):
        check_attachment(tmp_path / "a.exe")
    with pytest.raises(RecordError, match="file too large: big.pdf"):
        check_attachment(tmp_path / "big.pdf")
    check_attachment(tmp_path / "ok.pdf")


def test_admin_upload_keeps_the_same_rules(client, settings):
    settings.WAGTAILDOCS_EXTENSIONS = ["pdf"]
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    client.force_login(User.objects.create_superuser("root", "root@example.test", "x"))
    url = reverse("wagtaildocs:add")
    client.post(url, {"title": "脚本", "file": SimpleUploadedFile("run.exe", b"MZ"), "collection": 1})
    client.post(url, {"title": "大文件", "file": SimpleUploadedFile("big.pdf", b"%PDF" + b"x" * 20), "collection": 1})
    assert get_document_model().objects.count() == 0
    client.post(url, {"title": "通知", "file": SimpleUploadedFile("ok.pdf", b"%PDF"), "collection": 1})
    assert get_document_model().objects.count() == 1


def test_taxonomy_edits_are_in_the_audit_log(client):
    admin = User.objects.create_superuser("root", "root@example.test", "x")
    client.force_login(admin)
    response = client.post(reverse("wagtailsnippets_cms_department:add"),
                           {"name": "明川市统计局", "slug": "tjj", "code": "", "phone": "", "address": "", "description": ""})
    assert response.status_code == 302
    department = Department.objects.get(slug="tjj")
    entry = ModelLogEntry.objects.get(object_id=str(department.pk), action="wagtail.create")
    assert entry.user == admin
