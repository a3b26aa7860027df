"""Which schema fields each content type carries, and how repeatable fields map to blocks.

The schema's property names equal the model field names, so most fields copy as they are."""
from __future__ import annotations

COMMON_FIELDS = ("title", "summary", "body", "audience", "published_at", "expires_at")
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "service_guide": (
        "item_code", "item_type", "legal_basis", "conditions", "statutory_time_limit_days",
        "promised_time_limit_days", "fees", "online_url", "consultation_phone", "complaint_phone",
    ),
    "notice": ("priority",),
    "policy": ("doc_number", "index_number", "issuer", "written_at", "effective_at", "status",
               "theme_category"),
}
# schema list field → StreamField block name
LIST_FIELDS: dict[str, dict[str, str]] = {
    "service_guide": {"materials": "material", "procedure": "step", "locations": "location",
                      "faqs": "faq"},
    "notice": {},
    "policy": {},
}
RELATION_FIELDS = ("department", "topics", "attachments")
DATETIME_FIELDS = {"published_at", "expires_at"}
DATE_FIELDS = {"written_at", "effective_at"}
ENVELOPE_FIELDS = ("type", "slug", "site", "language")


def fields_for(record_type: str) -> set[str]:
    """Every schema field a record of ``record_type`` may carry."""
    return (set(ENVELOPE_FIELDS) | set(COMMON_FIELDS) | set(RELATION_FIELDS)
            | set(TYPE_FIELDS[record_type]) | set(LIST_FIELDS[record_type]))
