"""What a site holds, counted the same way before a backup and after a restore, so that
``restore_site`` can prove the copy is whole (and say what is missing when it is not)."""
from __future__ import annotations

from django.apps import apps

# label -> model; a model whose app is not installed is left out. Derived data (the search
# index and its database copy) is not counted: restore_site rebuilds it from the content.
COUNTED_MODELS = {
    "pages": "wagtailcore.Page",
    "revisions": "wagtailcore.Revision",
    "page_log_entries": "wagtailcore.PageLogEntry",
    "model_log_entries": "wagtailcore.ModelLogEntry",
    "documents": "wagtaildocs.Document",
    "images": "wagtailimages.Image",
    "users": "auth.User",
    "groups": "auth.Group",
    "portal_widgets": "portal.WidgetDefinition",
    "portal_default_layouts": "portal.DefaultLayout",
    "portal_layout_slots": "portal.LayoutSlot",
    "portal_personal_layouts": "portal.PersonalLayout",
}


def counts() -> dict[str, int]:
    found = {}
    for label, dotted in COUNTED_MODELS.items():
        try:
            model = apps.get_model(dotted)
        except LookupError:
            continue
        found[label] = model._default_manager.count()
    return found


def differences(expected: dict[str, int], actual: dict[str, int]) -> list[str]:
    """Lines for every count that came back lower (higher is fine: the site may have changed
    while the backup ran, and the counts are taken just before the database copy)."""
    return [f"{label}: 备份中 {count}，恢复后 {actual.get(label)}"
            for label, count in expected.items() if (actual.get(label) or 0) < count]
