"""WSGI entry point (gunicorn ``config.wsgi``). Never falls back to the dev settings: see
``config.settings_module``."""
from config.settings_module import choose_settings_module

choose_settings_module()

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
