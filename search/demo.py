"""Demo set-up of `search`: make sure every demo item is searchable (``./run`` → ``setup_demo``).

The CMS loader announces the items it creates (``content_imported``); a database made before the
search app existed, or restored from elsewhere, has content but no search entries, so fill them."""
from config.demo import register_demo_loader


@register_demo_loader(order=90)
def index_demo_content():
    from search.engine.index import rebuild
    from search.models import SearchEntry

    if SearchEntry.objects.exists():
        return None
    result = rebuild()
    return [f"搜索索引 / search index: {result['documents']} documents"]
