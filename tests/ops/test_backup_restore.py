"""Disaster recovery, end to end: ``backup_site`` of a running installation (SQLite online
backup, or pg_dump with the services), ``restore_site`` into an empty installation, and every
page, revision, document and image file, layout, audit entry and search result is there — through
Elasticsearch with the services (index rebuilt by the restore), the database fallback on SQLite."""
from __future__ import annotations

import threading

import httpx
import pytest

from tests.ops.installation import Installation

pytestmark = pytest.mark.embedded
QUERIES = ["营业执照", "通知", "政策", "社会保障"]

ADD_UPLOADS = """
import io
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from django.contrib.auth.models import User
from portal.models import PersonalLayout
doc = get_document_model()(title='备份测试附件')
doc.file.save('backup-test.pdf', ContentFile(b'%PDF-1.4 backup test ' * 100), save=True)
buffer = io.BytesIO()
Picture.new('RGB', (64, 48), (200, 30, 30)).save(buffer, 'PNG')
image = get_image_model().objects.create(title='备份测试图片', file=ImageFile(buffer, name='backup-test.png'))
image.get_rendition('fill-32x32')
log(instance=doc, action='wagtail.create')
log(instance=image, action='wagtail.create')
PersonalLayout.objects.update_or_create(user=User.objects.get(username='lina'),
                                        defaults={'items': [{'widget': 'todo', 'width': 2, 'height': 1}]})
from django.conf import settings
private = settings.INTERACTION_PRIVATE_ROOT / 'backup-test' / '投诉附件.txt'
private.parent.mkdir(parents=True, exist_ok=True)
private.write_text('市民上传的附件，只在备份中出现一次。')
result = [doc.pk, image.pk]
"""

INVENTORY = """
import hashlib
from wagtail.models import Page, PageLogEntry, ModelLogEntry, Revision
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from portal.models import DefaultLayout, LayoutSlot, PersonalLayout, WidgetDefinition
from django.contrib.auth.models import User
from django.conf import settings

def digest(field):
    with field.open('rb') as handle:
        return hashlib.sha256(handle.read()).hexdigest()

result = {
    'pages': [list(row) for row in Page.objects.order_by('pk').values_list('pk', 'url_path', 'title', 'live', 'latest_revision_id')],
    'revisions': Revision.objects.count(),
    'page_log': [list(row) for row in PageLogEntry.objects.order_by('pk').values_list('pk', 'action', 'page_id')],
    'model_log': [list(row) for row in ModelLogEntry.objects.order_by('pk').values_list('pk', 'action', 'object_id')],
    'documents': [[d.pk, d.title, d.file.name, digest(d.file)] for d in get_document_model().objects.order_by('pk')],
    'images': [[i.pk, i.file.name, digest(i.file), sorted(digest(r.file) for r in i.renditions.all())]
               for i in get_image_model().objects.order_by('pk')],
    'layouts': [[l.pk, str(l)] for l in DefaultLayout.objects.order_by('pk')],
    'slots': LayoutSlot.objects.count(),
    'personal_layouts': [[p.user.username, p.items] for p in PersonalLayout.objects.order_by('pk')],
    'widgets': sorted(WidgetDefinition.objects.values_list('key', flat=True)),
    'users': sorted(User.objects.values_list('username', 'password')),
    'private_files': sorted([str(p.relative_to(settings.INTERACTION_PRIVATE_ROOT)), hashlib.sha256(p.read_bytes()).hexdigest()]
                            for p in settings.INTERACTION_PRIVATE_ROOT.rglob('*') if p.is_file()),
}
"""

SEARCH = """
from django.test import Client
client = Client(HTTP_HOST='127.0.0.1')
result = {}
for q in %r:
    body = client.get('/api/search/', {'q': q, 'page_size': 50}).json()
    result[q] = {'total': body['total'], 'backend': body['backend'], 'slugs': sorted(r['slug'] for r in body['results'])}
""" % (QUERIES,)


def test_a_running_site_backed_up_and_restored_into_an_empty_one_has_everything(template_site, tmp_path):
    source = template_site.clone(tmp_path / "source")
    target = Installation(tmp_path / "target", static_root=template_site.static_root, kind=template_site.kind)
    try:
        source.query(ADD_UPLOADS)
        # a copy under its own index prefix has no index yet, like a database moved to a new
        # cluster: the worker's round recreates it from the database copies
        source.manage("drain_search_outbox")
        source.start()
        stop = threading.Event()
        served = []

        def visitors():  # the site keeps serving while the backup runs
            with httpx.Client(base_url=source.base_url, timeout=30) as client:
                while not stop.is_set():
                    served.append(client.get("/").status_code)

        thread = threading.Thread(target=visitors)
        thread.start()
        try:
            backup = source.manage("backup_site", str(tmp_path / "backup"))
        finally:
            stop.set()
            thread.join()
            source.stop()
        assert served and set(served) == {200}
        assert "备份完成" in backup.stdout
        assert (tmp_path / "backup" / "manifest.json").exists()
        expected = source.query(INVENTORY)
        expected_search = source.query(SEARCH)

        target.create_database()
        restored = target.manage("restore_site", str(tmp_path / "backup"))
        assert "恢复完成" in restored.stdout
        assert target.query(INVENTORY) == expected
        assert target.query(SEARCH) == expected_search
        assert all(found["total"] > 0 for found in expected_search.values()), expected_search
        engine = "elasticsearch" if target.searches_elasticsearch else "database"
        assert {found["backend"] for found in expected_search.values()} == {engine}

        # and the restored site serves
        target.start()
        assert httpx.get(f"{target.base_url}/", timeout=30).status_code == 200
    finally:
        source.drop()
        target.drop()


def test_restore_refuses_an_installation_that_has_data_unless_told(template_site, tmp_path):
    site = template_site.clone(tmp_path / "site")
    try:
        site.manage("backup_site", str(tmp_path / "backup"))
        again = site.manage("backup_site", str(tmp_path / "backup"), check=False)
        assert again.returncode != 0 and "--overwrite" in again.stderr
        refused = site.manage("restore_site", str(tmp_path / "backup"), check=False)
        assert refused.returncode != 0 and "--replace" in refused.stderr
        not_a_backup = site.manage("restore_site", str(tmp_path), check=False)
        assert not_a_backup.returncode != 0 and "manifest.json" in not_a_backup.stderr
        replaced = site.manage("restore_site", str(tmp_path / "backup"), "--replace")
        assert "恢复完成" in replaced.stdout
    finally:
        site.drop()
