"""Registry of demo-data loaders for the embedded default.

Each app that has demo data puts a ``demo.py`` module next to its models and registers a loader
with ``@register_demo_loader(order=N)``; ``manage.py setup_demo`` imports every app's ``demo``
module and runs the loaders in order. Loaders must be idempotent: ``./run`` calls them every
time, and a second run must keep (not duplicate, not reset) what is there. A loader may return
lines to print (demo accounts, URLs), which ``setup_demo`` shows on the terminal.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

DemoLoader = Callable[[], Iterable[str] | None]


@dataclass(frozen=True)
class RegisteredLoader:
    order: int
    name: str
    load: DemoLoader


_loaders: dict[str, RegisteredLoader] = {}


def register_demo_loader(order: int = 50):
    def decorator(func: DemoLoader) -> DemoLoader:
        name = f"{func.__module__}.{func.__qualname__}"
        _loaders[name] = RegisteredLoader(order, name, func)
        return func

    return decorator


def demo_loaders() -> list[RegisteredLoader]:
    return sorted(_loaders.values(), key=lambda loader: (loader.order, loader.name))


def production_settings() -> bool:
    """True under the production settings (``IS_PRODUCTION``, set by config/settings/production.py)."""
    from django.conf import settings

    return bool(settings.IS_PRODUCTION)


def demo_password(readme_password: str) -> str | None:
    """The password a demo account gets: the one printed in the README on a demo installation,
    none at all (an unusable password) under production settings, where everybody has read the
    README. Loaders pass the result to ``create_user``/``set_password``."""
    return None if production_settings() else readme_password


def shown_password(username: str, readme_password: str) -> str:
    """What the terminal shows for a demo account's password."""
    from django.utils.translation import gettext as _

    if production_settings():
        return _("（未设置密码，请运行 manage.py changepassword %(username)s）") % {"username": username}
    return readme_password
