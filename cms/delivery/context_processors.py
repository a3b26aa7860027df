"""Template context for caching shared fragments (``{% cache %}``) on the content generation:
``content_generation`` (vary on it: a publish makes every fragment stale at once, like the page
and API caches) and ``fragment_timeout`` (seconds, never past the next scheduled go-live or
expiry). Both are computed only when a template uses them."""
from __future__ import annotations

from collections.abc import Callable


class _OnDemand:
    """A value computed on first use, usable where the ``{% cache %}`` tag wants a string or int."""

    def __init__(self, compute: Callable):
        self._compute, self._value, self._done = compute, None, False

    def value(self):
        if not self._done:
            self._value, self._done = self._compute(), True
        return self._value

    def __str__(self) -> str:
        return str(self.value())

    def __int__(self) -> int:
        return int(self.value())


def content_cache(request):
    from cms.delivery.caching import content_generation
    from cms.delivery.page_cache import entry_timeout

    generation = _OnDemand(content_generation)
    return {"content_generation": generation,
            "fragment_timeout": _OnDemand(lambda: max(0, entry_timeout(str(generation))))}
