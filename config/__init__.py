"""Project wiring: settings read from the environment, URLs, WSGI/ASGI, logging, health checks.

Nothing in here holds domain logic; it only connects the apps (cms, search, sso, portal, themes).
"""
