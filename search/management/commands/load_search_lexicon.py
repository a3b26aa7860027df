"""``manage.py load_search_lexicon``: add the default synonyms of search/lexicon/synonyms.txt
that the 同义词 table does not have yet (an editor's changed or disabled rule is left alone)."""
from django.core.management.base import BaseCommand

from search import synonyms
from search.lexicon import synonym_rules
from search.models import Synonym


class Command(BaseCommand):
    help = "Add the default search synonyms that are missing (never overwrites an editor's rule)."

    def handle(self, *args, **options):
        existing = set(Synonym.objects.values_list("terms", flat=True))
        added = Synonym.objects.bulk_create(Synonym(terms=terms, expands_to=targets)
                                            for terms, targets in synonym_rules() if terms not in existing)
        synonyms.invalidate()
        self.stdout.write(f"added {len(added)} synonym rules ({len(existing)} were there)")
