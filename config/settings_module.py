"""Which settings a server process loads, decided in one place for ``wsgi.py`` and ``asgi.py``.

An application server started without ``DJANGO_SETTINGS_MODULE`` gets the production settings,
which refuse to start without a real SECRET_KEY and ALLOWED_HOSTS and say so: a server never
slides silently into the development settings (DEBUG on, the public dev key). It says on stderr
which module it chose, so the choice shows in the service log.
"""
from __future__ import annotations

import os
import sys

PRODUCTION = "config.settings.production"


def choose_settings_module() -> str:
    module = os.environ.get("DJANGO_SETTINGS_MODULE", "").strip()
    if not module:
        module = PRODUCTION
        print(f"DJANGO_SETTINGS_MODULE is not set: using {PRODUCTION}", file=sys.stderr, flush=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = module
    return module
