"""Hostile input on the public form: every field, oversized and malicious attachments (a PDF
with script, an image bomb), the honeypot and repeated submissions: a clear error, and nothing
stored (no item, no file)."""
from __future__ import annotations

import io
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from interaction.attachments import AttachmentRefused, clean_upload
from interaction.models import Attachment, Interaction

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

FORM = {"department": "scjgj", "subject": "咨询营业执照办理", "content": "请问营业执照变更登记需要哪些材料？",
        "name": "李四", "phone": "13900001111", "email": "", "privacy_consent": "on"}


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (64, 48), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"          # Make
    exif[0x8825] = {2: (30, 15, 0)}     # GPS latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png_bomb() -> bytes:
    """A tiny PNG that claims 30000×30000 pixels (900 Mpx): decoding it would take gigabytes."""
    import struct

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * 30000
    data = zlib.compress(row * 50, 9)  # truncated data is enough: the header is what matters
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def pdf(body: bytes) -> bytes:
    return b"%PDF-1.7\n" + body + b"\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def submit(client, files=(), **changes):
    data = {**FORM, **changes}
    if files:
        data["attachments"] = list(files)
    return client.post("/interaction/new/consultation/", data)


def nothing_stored(settings):
    root = settings.INTERACTION_PRIVATE_ROOT
    files = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
    return not Interaction.objects.exists() and not Attachment.objects.exists() and not files


def test_a_good_submission_with_an_image_stores_it_without_metadata(client, market, settings):
    response = submit(client, [SimpleUploadedFile("photo.jpg", jpeg_with_exif(), "image/jpeg")])
    assert response.status_code == 201, response.content.decode()[:2000]
    attachment = Attachment.objects.get()
    stored = attachment.file.open("rb").read()
    assert b"SecretCam" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()
    assert attachment.original_name == "photo.jpg" and attachment.file.name.endswith(".jpg")
    assert str(settings.INTERACTION_PRIVATE_ROOT) in attachment.file.path
    html = response.content.decode()
    item = Interaction.objects.get()
    assert item.tracking_number in html


@pytest.mark.parametrize("name,content,message", [
    ("evil.pdf", pdf(b"1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj"), "脚本"),
    ("hex.pdf", pdf(b"1 0 obj << /OpenAction << /S /J#61vaScript /J#53 (x) >> >> endobj"), "脚本"),
    ("hidden.pdf", pdf(b"2 0 obj << /Length 40 /Filter /FlateDecode >>\nstream\n"
                       + zlib.compress(b"<< /S /JavaScript /JS (app.alert(1)) >>") + b"\nendstream endobj"), "脚本"),
    ("bomb.png", png_bomb(), "尺寸过大"),
    ("script.jpg", b"<script>alert(1)</script>", "类型不允许"),
    ("fake.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "无法识别"),
    ("page.html", b"<html><body>hi</body></html>", "类型不允许"),
    ("empty.pdf", b"", "空文件"),
])
def test_malicious_attachments_are_refused_and_nothing_is_stored(client, market, settings, name, content, message):
    response = submit(client, [SimpleUploadedFile(name, content, "application/octet-stream")])
    assert response.status_code == 400
    assert message in response.content.decode()
    assert nothing_stored(settings)


def test_an_oversized_attachment_is_refused(client, market, settings):
    settings.INTERACTION_ATTACHMENT_MAX_MB = 1
    big = pdf(b"x" * (1024 * 1024 + 10))
    response = submit(client, [SimpleUploadedFile("big.pdf", big, "application/pdf")])
    assert response.status_code == 400 and "超过 1 MB" in response.content.decode()
    assert nothing_stored(settings)


def test_too_many_attachments_are_refused(client, market, settings):
    files = [SimpleUploadedFile(f"{i}.jpg", jpeg_with_exif(), "image/jpeg") for i in range(4)]
    response = submit(client, files)
    assert response.status_code == 400 and "最多上传 3 个附件" in response.content.decode()
    assert nothing_stored(settings)


def test_a_clean_pdf_is_accepted_unchanged():
    content = pdf(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj")
    clean = clean_upload(SimpleUploadedFile("ok.pdf", content, "application/pdf"))
    assert clean.content == content and clean.content_type == "application/pdf"


def test_a_second_good_file_after_a_bad_one_does_not_sneak_in(client, market, settings):
    response = submit(client, [SimpleUploadedFile("ok.jpg", jpeg_with_exif(), "image/jpeg"),
                               SimpleUploadedFile("bad.pdf", pdf(b"/JS (x)"), "application/pdf")])
    assert response.status_code == 400
    assert nothing_stored(settings)


@pytest.mark.parametrize("field,value,message", [
    ("subject", "", ""), ("subject", "标" * 101, "100"), ("content", "短", "10"),
    ("content", "长" * 2001, "2000"), ("name", "", ""), ("name", "名" * 51, "50"),
    ("phone", "abc", "电话号码格式不正确"), ("phone", "1" * 30, ""), ("email", "x@", ""),
    ("privacy_consent", "", "请阅读并同意隐私声明"), ("department", "nowhere", ""),
])
def test_every_field_is_checked(client, market, settings, field, value, message):
    response = submit(client, **{field: value})
    assert response.status_code == 400
    html = response.content.decode()
    assert f'href="#id_{field}"' in html       # the error summary names and links the field
    assert message in html
    assert nothing_stored(settings)


def test_a_nul_character_in_any_field_is_refused_before_the_form(client, market, settings):
    """The platform-wide input check (config/hostile_input.py) answers 400 with its reason before
    any view runs, so the form never sees the value and nothing is stored."""
    response = submit(client, subject="标题\x00空字符")
    assert response.status_code == 400
    assert "空字符" in response.content.decode()
    assert nothing_stored(settings)


def test_html_in_text_is_stored_as_text_and_escaped_on_output(client, market, market_handler):
    response = submit(client, subject="<script>alert(1)</script>标题", content="<img src=x onerror=alert(1)> 内容足够长")
    assert response.status_code == 201
    item = Interaction.objects.get()
    client.force_login(market_handler)
    page = client.get(f"/admin/interaction/{item.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_the_honeypot_refuses_bots_without_storing(client, market, settings):
    response = submit(client, website="http://spam.example")
    assert response.status_code == 400
    assert nothing_stored(settings)


def test_repeated_submissions_hit_the_rate_limit(client, market, settings):
    settings.INTERACTION_RATE_LIMITS = {**settings.INTERACTION_RATE_LIMITS, "submit": "3/3600"}
    codes = [submit(client).status_code for _ in range(4)]
    assert codes == [201, 201, 201, 429]
    assert Interaction.objects.count() == 3


def test_a_refused_image_raises_with_a_reason():
    with pytest.raises(AttachmentRefused, match="尺寸过大"):
        clean_upload(SimpleUploadedFile("bomb.png", png_bomb()))
