"""Settings owned by the `cms` app, applied onto the shared settings by ``base.py``."""
from config.env import env_int, env_list


def apply(settings: dict) -> None:
    """Add or change settings for `cms`; read deployment-specific values from the environment."""
    # Slugs are the stable ids of the exchange format (content.schema.json: ^[a-z0-9-]+$).
    settings["WAGTAIL_ALLOW_UNICODE_SLUGS"] = False
    # Attachments: Wagtail enforces both in the admin; import_content checks them too.
    settings["WAGTAILDOCS_EXTENSIONS"] = [ext.lower().lstrip(".") for ext in env_list(
        "CMS_DOCUMENT_EXTENSIONS",
        ["pdf", "doc", "docx", "xls", "xlsx", "ofd", "wps", "et", "zip", "txt", "csv", "png", "jpg"],
    )]
    settings["WAGTAILDOCS_MAX_UPLOAD_SIZE"] = env_int("CMS_DOCUMENT_MAX_UPLOAD_MB", 20, minimum=1) * 1024 * 1024
