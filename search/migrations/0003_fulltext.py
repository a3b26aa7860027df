"""The database fallback's own full-text index over bigram tokens (search/grams.py): an FTS5
table on SQLite, a generated, GIN-indexed tsvector column on PostgreSQL. Ranking happens in the
database (bm25 / ts_rank), see search/backends/fulltext.py."""
from django.db import migrations, models


def create(apps, schema_editor):
    from search.backends.fulltext import backend_for

    backend = backend_for(schema_editor.connection)
    if backend:
        backend.create(schema_editor.connection)


def drop(apps, schema_editor):
    from search.backends.fulltext import backend_for

    backend = backend_for(schema_editor.connection)
    if backend:
        backend.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_default_synonyms")]
    operations = [
        migrations.AddField("searchentry", "title_grams", models.TextField(blank=True, editable=False)),
        migrations.AddField("searchentry", "body_grams", models.TextField(blank=True, editable=False)),
        migrations.RunPython(create, drop),
    ]
