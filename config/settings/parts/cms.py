"""Settings owned by the `cms` app, applied onto the shared settings by ``base.py``."""
from config.env import env_bool, env_int, env_list, env_str


def apply(settings: dict) -> None:
    """Add or change settings for `cms`; read deployment-specific values from the environment."""
    # Slugs are the stable ids of the exchange format (content.schema.json: ^[a-z0-9-]+$).
    settings["WAGTAIL_ALLOW_UNICODE_SLUGS"] = False
    # Attachments: Wagtail enforces both in the admin; import_content checks them too.
    settings["WAGTAILDOCS_EXTENSIONS"] = [ext.lower().lstrip(".") for ext in env_list(
        "CMS_DOCUMENT_EXTENSIONS",
        ["pdf", "doc", "docx", "xls", "xlsx", "ofd", "wps", "et", "zip", "txt", "csv", "png", "jpg"],
    )]
    # Scheduled publishing and expiry: a job of the periodic worker (cms/periodic.py).
    settings["CMS_SCHEDULER_INTERVAL"] = env_int("CMS_SCHEDULER_INTERVAL", 30, minimum=1)
    # Workflow notifications (submitted / approved / rejected with the reviewer's comment).
    settings["EMAIL_BACKEND"] = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    settings["EMAIL_HOST"] = env_str("EMAIL_HOST", "localhost")
    settings["EMAIL_PORT"] = env_int("EMAIL_PORT", 25, minimum=1)
    settings["EMAIL_HOST_USER"] = env_str("EMAIL_HOST_USER", "")
    settings["EMAIL_HOST_PASSWORD"] = env_str("EMAIL_HOST_PASSWORD", "")
    settings["EMAIL_USE_TLS"] = env_bool("EMAIL_USE_TLS", False)
    settings["DEFAULT_FROM_EMAIL"] = env_str("DEFAULT_FROM_EMAIL", "noreply@mingchuan.gov.example")
    settings["WAGTAILADMIN_NOTIFICATION_FROM_EMAIL"] = settings["DEFAULT_FROM_EMAIL"]
    settings["WAGTAILADMIN_NOTIFICATION_USE_HTML"] = True
    settings["WAGTAILDOCS_MAX_UPLOAD_SIZE"] = env_int("CMS_DOCUMENT_MAX_UPLOAD_MB", 20, minimum=1) * 1024 * 1024
