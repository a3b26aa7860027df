"""The default government-domain lexicon (search/lexicon/synonyms.txt) as editable 同义词 rows."""
from django.db import migrations


def load(apps, schema_editor):
    from search.lexicon import synonym_rules

    Synonym = apps.get_model("search", "Synonym")
    existing = set(Synonym.objects.values_list("terms", flat=True))
    Synonym.objects.bulk_create(Synonym(terms=terms, expands_to=targets) for terms, targets in synonym_rules()
                                if terms not in existing)


def unload(apps, schema_editor):
    from search.lexicon import synonym_rules

    Synonym = apps.get_model("search", "Synonym")
    for terms, targets in synonym_rules():
        Synonym.objects.filter(terms=terms, expands_to=targets).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
