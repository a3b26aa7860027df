"""ASGI entry point. Never falls back to the dev settings: see ``config.settings_module``."""
from config.settings_module import choose_settings_module

choose_settings_module()

from django.core.asgi import get_asgi_application  # noqa: E402

application = get_asgi_application()
