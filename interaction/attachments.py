"""Checking and cleaning citizens' attachments before anything is stored.

* The type comes from the file's content (magic bytes), never from its name or the browser's
  ``Content-Type``; allowed: JPEG, PNG, PDF.
* Images are decoded with Pillow under a pixel limit checked from the header *before* decoding
  (an "image bomb" — a small file of huge dimensions — is refused without allocating its
  pixels), then re-encoded from the pixels alone: EXIF (GPS position, camera), ICC comments and
  anything appended after the image data are gone.
* PDFs are refused when they carry active content (JavaScript, launch actions, embedded files,
  automatic actions) or are encrypted (we could not look inside). Names are compared after
  decoding ``#xx`` escapes, and compressed streams are inflated (bounded) and scanned too, since
  both are the usual ways to hide ``/JavaScript`` from naive scanners.

Every refusal is an ``AttachmentRefused`` with a message for the citizen.
"""
from __future__ import annotations

import hashlib
import io
import re
import uuid
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError


class AttachmentRefused(ValueError):
    """The file may not be stored; ``str(exc)`` tells the citizen why."""


@dataclass(frozen=True)
class CleanFile:
    name: str             # the name to store under (random, with the right extension)
    original_name: str    # what the citizen called it (trimmed), shown to officials
    content: bytes
    content_type: str
    sha256: str

    @property
    def size(self) -> int:
        return len(self.content)


SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"%PDF-", "application/pdf", "pdf"),
)
PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}

# PDF names that make a document act on its own
ACTIVE_PDF_NAMES = {b"/JS", b"/JavaScript", b"/Launch", b"/EmbeddedFile", b"/EmbeddedFiles", b"/AA",
                    b"/OpenAction", b"/RichMedia", b"/XFA", b"/SubmitForm", b"/ImportData", b"/GoToR",
                    b"/Encrypt"}
_NAME = re.compile(rb"/[^\s/<>\[\]()%{}]+")
_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
MAX_INFLATED = 20 * 1024 * 1024


def sniff(head: bytes) -> tuple[str, str] | None:
    for magic, content_type, extension in SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    return None


def clean_upload(upload) -> CleanFile:
    """Check one uploaded file (a Django ``UploadedFile`` or any object with ``name``, ``size``
    and ``read()``) and return its cleaned content."""
    limit = settings.INTERACTION_ATTACHMENT_MAX_MB * 1024 * 1024
    original = (getattr(upload, "name", "") or "attachment").replace("\\", "/").rsplit("/", 1)[-1][:120]
    if getattr(upload, "size", 0) and upload.size > limit:
        raise AttachmentRefused(_("附件“%(name)s”超过 %(mb)s MB。") % {"name": original, "mb": settings.INTERACTION_ATTACHMENT_MAX_MB})
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise AttachmentRefused(_("附件“%(name)s”超过 %(mb)s MB。") % {"name": original, "mb": settings.INTERACTION_ATTACHMENT_MAX_MB})
    if not data:
        raise AttachmentRefused(_("附件“%(name)s”是空文件。") % {"name": original})
    kind = sniff(data[:16])
    if kind is None:
        raise AttachmentRefused(_("附件“%(name)s”的类型不允许，只接受 JPG、PNG 图片和 PDF 文件。") % {"name": original})
    content_type, extension = kind
    if content_type == "application/pdf":
        check_pdf(data, original)
        content = data
    else:
        content = reencode_image(data, content_type, original)
    return CleanFile(name=f"{uuid.uuid4().hex}.{extension}", original_name=original, content=content,
                     content_type=content_type, sha256=hashlib.sha256(content).hexdigest())


def reencode_image(data: bytes, content_type: str, original: str) -> bytes:
    max_pixels = settings.INTERACTION_IMAGE_MAX_PIXELS
    refused = AttachmentRefused(_("图片“%(name)s”无法识别或已损坏。") % {"name": original})
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != PIL_FORMATS[content_type]:
                raise refused
            width, height = image.size
            if width * height > max_pixels or width > 20000 or height > 20000:
                raise AttachmentRefused(
                    _("图片“%(name)s”尺寸过大（%(w)s×%(h)s），请缩小后再上传。") % {"name": original, "w": width, "h": height})
            if getattr(image, "n_frames", 1) > 1:
                raise AttachmentRefused(_("图片“%(name)s”是动画，请上传静态图片。") % {"name": original})
            image.load()
            image = ImageOps.exif_transpose(image)  # keep what the camera meant, then drop EXIF
            mode = "RGB" if content_type == "image/jpeg" else ("RGBA" if "A" in image.getbands() else "RGB")
            pixels_only = image.convert(mode)
    except AttachmentRefused:
        raise
    except Image.DecompressionBombError as exc:  # Pillow's own limit caught it first
        raise AttachmentRefused(_("图片“%(name)s”尺寸过大，请缩小后再上传。") % {"name": original}) from exc
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
        raise refused from exc
    out = io.BytesIO()
    if content_type == "image/jpeg":
        pixels_only.save(out, "JPEG", quality=88, optimize=True)
    else:
        pixels_only.save(out, "PNG", optimize=True)
    return out.getvalue()


def _names(chunk: bytes) -> set[bytes]:
    return {_HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), name) for name in _NAME.findall(chunk)}


def check_pdf(data: bytes, original: str) -> None:
    if b"%%EOF" not in data[-2048:] and b"%%EOF" not in data:
        raise AttachmentRefused(_("PDF 文件“%(name)s”不完整或已损坏。") % {"name": original})
    found = _names(data) & ACTIVE_PDF_NAMES
    inflated_total = 0
    for match in _STREAM.finditer(data):
        if found:
            break
        try:
            inflater = zlib.decompressobj()
            inflated = inflater.decompress(match.group(1), MAX_INFLATED - inflated_total)
        except zlib.error:
            continue
        inflated_total += len(inflated)
        found |= _names(inflated) & ACTIVE_PDF_NAMES
        if inflated_total >= MAX_INFLATED:
            raise AttachmentRefused(_("PDF 文件“%(name)s”过于复杂，无法检查。") % {"name": original})
    if found:
        raise AttachmentRefused(
            _("PDF 文件“%(name)s”含有脚本、自动动作、内嵌文件或加密内容，出于安全原因不予接收。") % {"name": original})
